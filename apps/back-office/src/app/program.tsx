import { type FormEvent, useCallback, useEffect, useId, useMemo, useState } from 'react';
import {
  type DryRunReport,
  failureText,
  loyaltyService,
  type ProgramDraft,
  type ProgramVersion,
  type StaffIdentity,
} from './api.js';
import { DEFAULT_TENANT_ID } from './config.js';
import { fill } from './fill.js';
import { useI18n } from './i18n/i18n-context.js';
import { describeProgram, type RuleSection } from './program-rules.js';

type Config = ProgramVersion['config'];
/** The members the dry run names at most (the service's `TIER_MOVES_SHOWN`). */
const MOVES_SHOWN = 50;

/** The draft being edited, and the brand's shared draft as last saved (null: not saved yet). */
interface DraftInPage {
  text: string;
  basedOnVersion: number | null;
  saved: ProgramDraft | null;
}

const inPage = (saved: ProgramDraft): DraftInPage => ({
  text: saved.text,
  basedOnVersion: saved.basedOnVersion,
  saved,
});

/**
 * The loyalty program: its versions (newest first) and the rules of the one picked, in sentences;
 * a draft started from a version and edited as JSON, read back in sentences as it is typed, and
 * saved for the brand's CRM team (whoever opens the page next finds it as it was left); the
 * draft's dry run on the brand's real sales (points per campaign on both sides, members whose tier
 * changes); and, for those allowed, publishing the draft as it was dry-run as the next version.
 */
export function LoyaltyProgram({ identity }: { identity: StaffIdentity }) {
  const { t } = useI18n();
  const tenantId = identity.tenants.find((tenant) => tenant !== '*') ?? DEFAULT_TENANT_ID;
  const mayPublish = identity.permissions.includes('program.manage');
  const maySaveDraft = identity.permissions.includes('program.draft');
  const [versions, setVersions] = useState<ProgramVersion[] | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  const [draft, setDraft] = useState<DraftInPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [history, saved] = await Promise.all([
        loyaltyService.program.history.query({ tenantId, limit: 20 }),
        loyaltyService.program.draft.query({ tenantId }),
      ]);
      setVersions(history);
      setPicked((current) => current ?? history[0]?.version ?? null);
      // The team's saved draft, unless one is already being edited here.
      if (saved) setDraft((current) => current ?? inPage(saved));
    } catch (caught) {
      setError(failureText(caught));
    }
  }, [tenantId]);
  useEffect(() => {
    void load();
  }, [load]);
  const shown = versions?.find((version) => version.version === picked) ?? null;

  return (
    <section aria-labelledby="program-title" className="panel" data-testid="program">
      <h2 id="program-title">{t.program.title}</h2>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {notice && <p role="status">{notice}</p>}
      {versions?.length === 0 && <p>{t.program.none}</p>}
      {versions && versions.length > 0 && (
        <VersionList versions={versions} picked={picked} onPick={setPicked} />
      )}
      {shown && (
        <>
          <Rules
            title={fill(t.program.rulesOf, { version: shown.version })}
            config={shown.config}
            testId="version-rules"
          />
          {draft === null && (
            <button
              type="button"
              onClick={() =>
                setDraft({
                  text: JSON.stringify(shown.config, null, 2),
                  basedOnVersion: shown.version,
                  saved: null,
                })
              }
            >
              {fill(t.program.startDraft, { version: shown.version })}
            </button>
          )}
        </>
      )}
      {draft !== null && (
        <Draft
          tenantId={tenantId}
          draft={draft}
          onChange={(text) => setDraft({ ...draft, text })}
          onSaved={(saved) => setDraft(inPage(saved))}
          onDiscard={() => setDraft(null)}
          maySave={maySaveDraft}
          mayPublish={mayPublish}
          onPublished={(version) => {
            setDraft(null);
            setPicked(version.version);
            setNotice(fill(t.program.published, { version: version.version }));
            void load();
          }}
        />
      )}
    </section>
  );
}

function VersionList(props: {
  versions: ProgramVersion[];
  picked: number | null;
  onPick: (version: number) => void;
}) {
  const { t, locale } = useI18n();
  const date = new Intl.DateTimeFormat(locale === 'it' ? 'it-IT' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (
    <table className="list" data-testid="program-versions">
      <caption>{t.program.versions}</caption>
      <thead>
        <tr>
          <th scope="col">{t.program.version}</th>
          <th scope="col">{t.program.activatedAt}</th>
          <th scope="col">{t.program.activatedBy}</th>
          <th scope="col">{t.program.note}</th>
          <th scope="col">
            <span className="visually-hidden">{t.program.show}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.versions.map((version, index) => (
          <tr key={version.version} data-version={version.version}>
            <td>
              {version.version}
              {index === 0 && ` (${t.program.inForce})`}
            </td>
            <td>{date.format(new Date(version.activatedAt))}</td>
            <td>{version.activatedBy}</td>
            <td>{version.note ?? '—'}</td>
            <td>
              <button
                type="button"
                className="small"
                aria-pressed={props.picked === version.version}
                onClick={() => props.onPick(version.version)}
              >
                {t.program.show}
                <span className="visually-hidden"> {version.version}</span>
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function useRuleSections(config: Config | null): RuleSection[] {
  const { t, locale, money, count } = useI18n();
  return useMemo(() => {
    if (!config) return [];
    const tag = locale === 'it' ? 'it-IT' : 'en-GB';
    const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
    const date = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
    try {
      return describeProgram(config, t.program.rules, {
        money,
        count,
        percent: (ratio) => percent.format(ratio),
        date: (iso) => date.format(new Date(iso)),
      });
    } catch {
      // A draft half typed may miss whole sections: it is read back once it has them.
      return [];
    }
  }, [config, t, locale, money, count]);
}

function Rules(props: { title: string; config: Config | null; testId: string }) {
  const sections = useRuleSections(props.config);
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="block rules" data-testid={props.testId}>
      <h3 id={titleId}>{props.title}</h3>
      {sections.map((section) => (
        <div key={section.title}>
          <h4>{section.title}</h4>
          <ul className="rows">
            {section.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** Whether what is on screen is what the team will find: saved by whom and when, or not yet. */
function DraftStatus({ draft, maySave }: { draft: DraftInPage; maySave: boolean }) {
  const { t, locale } = useI18n();
  const { saved } = draft;
  if (!maySave) return <p className="note">{t.program.draftReadOnly}</p>;
  if (!saved || saved.text !== draft.text)
    return (
      <p className="note" data-testid="draft-status">
        {t.program.draftUnsaved}
      </p>
    );
  const at = new Intl.DateTimeFormat(locale === 'it' ? 'it-IT' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(saved.savedAt));
  return (
    <p className="note" data-testid="draft-status">
      {saved.basedOnVersion === null
        ? fill(t.program.draftSavedNoVersion, { by: saved.savedBy, at })
        : fill(t.program.draftSaved, { by: saved.savedBy, at, version: saved.basedOnVersion })}
    </p>
  );
}

function Draft(props: {
  tenantId: string;
  draft: DraftInPage;
  onChange: (text: string) => void;
  onSaved: (saved: ProgramDraft) => void;
  onDiscard: () => void;
  maySave: boolean;
  mayPublish: boolean;
  onPublished: (version: ProgramVersion) => void;
}) {
  const { t } = useI18n();
  const { tenantId } = props;
  const { text, saved } = props.draft;
  const [days, setDays] = useState('365');
  const [limit, setLimit] = useState('5000');
  const [report, setReport] = useState<{ text: string; report: DryRunReport } | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { json: useId(), days: useId(), limit: useId(), note: useId() };
  const parsed = useMemo((): { config: Config } | { problem: string } => {
    try {
      return { config: JSON.parse(text) as Config };
    } catch (caught) {
      return { problem: caught instanceof Error ? caught.message : String(caught) };
    }
  }, [text]);
  const config = 'config' in parsed ? parsed.config : null;
  const dryRun = (event: FormEvent) => {
    event.preventDefault();
    if (!config) return;
    setBusy(true);
    setError(null);
    loyaltyService.program.dryRun
      .query({ tenantId, config, days: Number(days), limit: Number(limit) })
      .then(
        (answer) => setReport({ text, report: answer }),
        (caught: unknown) => setError(failureText(caught)),
      )
      .finally(() => setBusy(false));
  };
  const publish = (event: FormEvent) => {
    event.preventDefault();
    if (!config) return;
    setBusy(true);
    setError(null);
    loyaltyService.program.activate
      .mutate({ tenantId, config, author: 'back-office', note: note.trim() || null })
      .then(
        async (version) => {
          // Published, the saved draft is done with; one a colleague saved since stays theirs (409).
          if (saved)
            await loyaltyService.program.discardDraft
              .mutate({ tenantId, expectedRevision: saved.revision })
              .catch(() => undefined);
          props.onPublished(version);
        },
        (caught: unknown) => setError(failureText(caught)),
      )
      .finally(() => setBusy(false));
  };
  const dryRunCurrent = report !== null && report.text === text;
  const save = () => {
    setBusy(true);
    setError(null);
    loyaltyService.program.saveDraft
      .mutate({
        tenantId,
        text,
        basedOnVersion: props.draft.basedOnVersion,
        expectedRevision: saved?.revision ?? 0,
      })
      .then(props.onSaved, (caught: unknown) => setError(failureText(caught)))
      .finally(() => setBusy(false));
  };
  const discard = () => {
    if (!saved) return props.onDiscard();
    setBusy(true);
    setError(null);
    loyaltyService.program.discardDraft
      .mutate({ tenantId, expectedRevision: saved.revision })
      .then(props.onDiscard, (caught: unknown) => setError(failureText(caught)))
      .finally(() => setBusy(false));
  };

  return (
    <section aria-labelledby="draft-title" className="block draft" data-testid="draft">
      <h3 id="draft-title">{t.program.draft}</h3>
      <div className="columns">
        <div className="field">
          <label htmlFor={ids.json}>{t.program.draftJson}</label>
          <textarea
            id={ids.json}
            className="json"
            rows={18}
            spellCheck={false}
            value={text}
            onChange={(event) => props.onChange(event.target.value)}
          />
          {'problem' in parsed && (
            <p role="alert" className="error">
              {fill(t.program.draftInvalid, { error: parsed.problem })}
            </p>
          )}
        </div>
        <Rules title={t.program.draftRules} config={config} testId="draft-rules" />
      </div>
      <form className="filters" onSubmit={dryRun}>
        <div className="field">
          <label htmlFor={ids.days}>{t.program.days}</label>
          <input
            id={ids.days}
            type="number"
            min={1}
            max={366}
            required
            value={days}
            onChange={(e) => setDays(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.limit}>{t.program.limit}</label>
          <input
            id={ids.limit}
            type="number"
            min={1}
            max={50000}
            required
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
          />
        </div>
        <button type="submit" disabled={busy || !config}>
          {t.program.dryRun}
        </button>
        {props.maySave && (
          <button type="button" disabled={busy || saved?.text === text} onClick={save}>
            {t.program.saveDraft}
          </button>
        )}
        <button type="button" disabled={busy} onClick={discard}>
          {t.program.discard}
        </button>
      </form>
      <DraftStatus draft={props.draft} maySave={props.maySave} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {report && <DryRunView report={report.report} />}
      {props.mayPublish && (
        <form className="inline-form" onSubmit={publish}>
          <label htmlFor={ids.note}>{t.program.publishNote}</label>
          <input id={ids.note} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
          <button type="submit" disabled={busy || !dryRunCurrent}>
            {t.program.publish}
          </button>
          {!dryRunCurrent && <span className="note">{t.program.publishNeedsDryRun}</span>}
        </form>
      )}
    </section>
  );
}

function DryRunView({ report }: { report: DryRunReport }) {
  const { t, count, locale } = useI18n();
  const date = new Intl.DateTimeFormat(locale === 'it' ? 'it-IT' : 'en-GB', { dateStyle: 'medium' });
  const codes = [
    ...new Set([...Object.keys(report.current.byCampaign), ...Object.keys(report.draft.byCampaign)]),
  ].sort();
  const signed = (value: number) => (value > 0 ? `+${count(value)}` : count(value));
  const { tierChanges } = report;
  return (
    <section aria-labelledby="dry-run-title" className="block" data-testid="dry-run">
      <h3 id="dry-run-title">{t.program.dryRunTitle}</h3>
      <p>
        {fill(t.program.window, {
          from: date.format(new Date(report.window.from)),
          to: date.format(new Date(report.window.to)),
          sales: count(report.sales),
          members: count(report.members),
          withoutMember: count(report.withoutMember),
        })}
      </p>
      {report.truncated && (
        <p className="note">{fill(t.program.truncated, { sales: count(report.sales) })}</p>
      )}
      <table className="list" data-testid="dry-run-points">
        <caption>{t.program.dryRunTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{t.program.campaign}</th>
            <th scope="col" className="number">
              {t.program.current}
            </th>
            <th scope="col" className="number">
              {t.program.draftSide}
            </th>
            <th scope="col" className="number">
              {t.program.delta}
            </th>
          </tr>
        </thead>
        <tbody>
          {codes.map((code) => (
            <tr key={code} data-campaign={code}>
              <th scope="row">{code}</th>
              <td className="number">{count(report.current.byCampaign[code] ?? 0)}</td>
              <td className="number">{count(report.draft.byCampaign[code] ?? 0)}</td>
              <td className="number">{signed(report.delta.byCampaign[code] ?? 0)}</td>
            </tr>
          ))}
          <tr data-campaign="total">
            <th scope="row">{t.program.total}</th>
            <td className="number">{count(report.current.total)}</td>
            <td className="number">{count(report.draft.total)}</td>
            <td className="number" data-testid="delta-total">
              {signed(report.delta.total)}
            </td>
          </tr>
        </tbody>
      </table>
      <p data-testid="tier-moves">
        {fill(t.program.tierMoves, { upgrades: tierChanges.upgrades, downgrades: tierChanges.downgrades })}
      </p>
      <p className="note">{fill(t.program.tierNote, { shown: MOVES_SHOWN })}</p>
      {tierChanges.moves.length > 0 && (
        <table className="list" data-testid="tier-changes">
          <caption>{t.program.member}</caption>
          <thead>
            <tr>
              <th scope="col">{t.program.member}</th>
              <th scope="col">{t.program.fromTier}</th>
              <th scope="col">{t.program.toTier}</th>
              <th scope="col" className="number">
                {t.program.qualifying}
              </th>
            </tr>
          </thead>
          <tbody>
            {tierChanges.moves.map((move) => (
              <tr key={move.memberId} data-member={move.memberId}>
                <td>
                  <code>{move.memberId}</code>
                </td>
                <td>{move.from ?? '—'}</td>
                <td>{move.to}</td>
                <td className="number">
                  {count(move.currentQualifying)} → {count(move.draftQualifying)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
