import { type FormEvent, useCallback, useId, useState } from 'react';
import { failureText, type Profile, reconciliationService, type StaffIdentity } from './api.js';
import { DEFAULT_TENANT_ID } from './config.js';
import { CurationAction, REASON_MIN } from './curation.js';
import { CustomerLoyalty } from './customer-loyalty.js';
import { CustomerReceipts } from './customer-receipts.js';
import { type CustomerQuery, profileIdOf, type SearchKind, searchKinds } from './customer-search.js';
import { useI18n } from './i18n/i18n-context.js';
import { ProfileLinks } from './profile-links.js';
import { storeTime, useStoreZones } from './store-zones.js';

type Revealed = Awaited<ReturnType<typeof reconciliationService.profiles.reveal.mutate>>;

/**
 * Customer 360: find a profile by e-mail, card, phone or id (hashed by the service), then its
 * identifiers (masked; in clear with a reason for those allowed), figures per channel, loyalty,
 * receipts, timeline and links with their evidence, and the curation actions, each with a reason.
 * Each block asks its own service, so a role sees what its permissions allow and is told the rest.
 */
export function Customer360({ identity }: { identity: StaffIdentity }) {
  const { t } = useI18n();
  const tenantId = identity.tenants.find((tenant) => tenant !== '*') ?? DEFAULT_TENANT_ID;
  const [query, setQuery] = useState<CustomerQuery>({ kind: 'email', value: '' });
  const [profile, setProfile] = useState<Profile | null>(null);
  const [state, setState] = useState<'idle' | 'not-found'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const can = (permission: string) => identity.permissions.includes(permission);
  const kindId = useId();
  const valueId = useId();

  const find = useCallback(
    async (current: CustomerQuery) => {
      setError(null);
      try {
        const profileId = await profileIdOf(tenantId, current);
        const found = profileId
          ? await reconciliationService.profiles.get.query({ tenantId, profileId })
          : null;
        setProfile(found);
        setState(found ? 'idle' : 'not-found');
      } catch (caught) {
        setProfile(null);
        const text = failureText(caught);
        if (/No such profile/.test(text)) setState('not-found');
        else setError(text);
      }
    },
    [tenantId],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    void find(query);
  };
  /** After a curation action: the same search again, which leads to the identifier's profile now. */
  const changed = ({ merged, split }: { merged: number; split: number }) => {
    setNotice(t.customer.done.replace('{merged}', String(merged)).replace('{split}', String(split)));
    void find(query);
  };

  return (
    <section aria-labelledby="customer-title" className="panel">
      <h2 id="customer-title">{t.customer.title}</h2>
      <form className="filters" onSubmit={submit} role="search">
        <div className="field">
          <label htmlFor={kindId}>{t.customer.searchBy}</label>
          <select
            id={kindId}
            value={query.kind}
            onChange={(event) => setQuery({ ...query, kind: event.target.value as SearchKind })}
          >
            {searchKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t.customer.by[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={valueId}>{t.customer.value}</label>
          <input
            id={valueId}
            required
            autoComplete="off"
            value={query.value}
            onChange={(event) => setQuery({ ...query, value: event.target.value })}
          />
        </div>
        <button type="submit">{t.customer.search}</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {notice && <p role="status">{notice}</p>}
      {state === 'not-found' && <p role="status">{t.customer.notFound}</p>}
      {profile && <ProfileView tenantId={tenantId} profile={profile} can={can} onChanged={changed} />}
    </section>
  );
}

function ProfileView(props: {
  tenantId: string;
  profile: Profile;
  can: (permission: string) => boolean;
  onChanged: (summary: { merged: number; split: number }) => void;
}) {
  const { t, money, count, locale } = useI18n();
  const { tenantId, profile, can } = props;
  // The timeline's times in each store's own zone (receipts carry it), UTC where it is not known.
  const zones = useStoreZones(
    tenantId,
    profile.timeline.flatMap((entry) => (entry.storeId ? [entry.storeId] : [])),
    can('profiles.read'),
  );
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const hashes = profile.identifiers.flatMap((identifier) =>
    identifier.type === 'card' || identifier.type === 'email'
      ? [{ type: identifier.type, hash: identifier.hash }]
      : [],
  );
  const first = profile.identifiers[0];
  const clearOf = (hash: string) =>
    revealed?.identifiers.find((identifier) => identifier.hash === hash)?.value;
  const { figures } = profile;
  const channels = [
    [t.customer.inStore, figures.store],
    [t.customer.online, figures.online],
    [t.customer.clickAndCollect, figures.clickAndCollect],
  ] as const;

  return (
    <article aria-labelledby="profile-title" data-testid="profile" data-profile={profile.profileId}>
      <h3 id="profile-title">
        {t.customer.profile} <code>{profile.profileId}</code>
        {profile.golden.name && ` · ${revealed?.name ?? profile.golden.name.initials}`}
      </h3>
      <section aria-labelledby="identifiers-title" className="block">
        <h4 id="identifiers-title">{t.customer.identifiers}</h4>
        <table className="list" data-testid="identifiers">
          <thead>
            <tr>
              <th scope="col">{t.customer.type}</th>
              <th scope="col">{t.customer.masked}</th>
              <th scope="col">{t.customer.seenIn}</th>
              {can('identity.curate') && <th scope="col">{t.customer.curate}</th>}
            </tr>
          </thead>
          <tbody>
            {profile.identifiers.map((identifier) => (
              <tr key={identifier.hash} data-identifier={identifier.type}>
                <td>{identifier.type}</td>
                <td>
                  <span className="masked">{identifier.masked}</span>
                  {identifier.verified && ` (${t.customer.verified})`}
                  {clearOf(identifier.hash) && (
                    <>
                      {' '}
                      <span className="clear" data-testid="clear-value">
                        {t.customer.revealed}: {clearOf(identifier.hash)}
                      </span>
                    </>
                  )}
                </td>
                <td>{identifier.sources.join(', ')}</td>
                {can('identity.curate') && (
                  <td className="actions">
                    <CurationAction
                      label={t.customer.quarantine}
                      target={identifier.masked}
                      run={async (reason) =>
                        props.onChanged(
                          await reconciliationService.identifiers.quarantine.mutate({
                            tenantId,
                            identifier: { type: identifier.type, hash: identifier.hash },
                            reason,
                          }),
                        )
                      }
                    />
                    {first && first.hash !== identifier.hash && (
                      <CurationAction
                        label={t.customer.neverLink}
                        target={`${identifier.masked} ↔ ${first.masked}`}
                        run={async (reason) =>
                          props.onChanged(
                            await reconciliationService.overrides.neverLink.mutate({
                              tenantId,
                              a: { type: first.type, hash: first.hash },
                              b: { type: identifier.type, hash: identifier.hash },
                              note: reason,
                              reason,
                            }),
                          )
                        }
                      />
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {can('identity.reveal') && (
          <RevealForm tenantId={tenantId} profile={profile} onRevealed={setRevealed} />
        )}
      </section>
      <section aria-labelledby="figures-title" className="block">
        <h4 id="figures-title">{t.customer.figures}</h4>
        <dl className="facts" data-testid="figures">
          {channels.map(([label, totals]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>
                {count(totals.purchases)} {t.customer.purchases} · {money(totals.spend)}
              </dd>
            </div>
          ))}
          <div>
            <dt>{t.customer.averageTicket}</dt>
            <dd>{figures.averageTicket === null ? '—' : money(figures.averageTicket)}</dd>
          </div>
          <div>
            <dt>{t.customer.crossChannel}</dt>
            <dd>{figures.crossChannel}</dd>
          </div>
          <div>
            <dt>{t.customer.rfm}</dt>
            <dd>{figures.rfm?.segment ?? '—'}</dd>
          </div>
        </dl>
      </section>
      <div className="columns">
        {can('members.read') ? (
          <CustomerLoyalty tenantId={tenantId} identifiers={hashes} mayAdjust={can('points.adjust')} />
        ) : (
          <p className="refused block" data-testid="loyalty-refused">
            {t.customer.loyaltyRefused}
          </p>
        )}
        {can('receipts.read') ? (
          <CustomerReceipts tenantId={tenantId} identifiers={hashes} mayResend={can('receipts.resend')} />
        ) : (
          <p className="refused block" data-testid="receipts-refused">
            {t.customer.receiptsRefused}
          </p>
        )}
      </div>
      <section aria-labelledby="timeline-title" className="block">
        <h4 id="timeline-title">{t.customer.timeline}</h4>
        <ol className="rows" data-testid="timeline">
          {profile.timeline.map((entry) => (
            <li key={entry.observationId} data-at={String(entry.at)}>
              <time dateTime={String(entry.at)}>
                {storeTime(entry.at, entry.storeId ? zones.get(entry.storeId) : undefined, locale)}
              </time>{' '}
              · {entry.kind} · {entry.channel}
              {entry.storeId && ` · ${entry.storeId}`}
              {entry.shopId && ` · ${entry.shopId}`}
              {entry.amount !== null && ` · ${money(entry.amount)}`}
            </li>
          ))}
        </ol>
      </section>
      <ProfileLinks
        tenantId={tenantId}
        profile={profile}
        mayCurate={can('identity.curate')}
        onChanged={props.onChanged}
      />
    </article>
  );
}

function RevealForm(props: { tenantId: string; profile: Profile; onRevealed: (revealed: Revealed) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const fields = [...new Set(props.profile.identifiers.map((identifier) => identifier.type))];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    reconciliationService.profiles.reveal
      .mutate({
        tenantId: props.tenantId,
        profileId: props.profile.profileId,
        fields: [...fields, 'name'],
        reason,
      })
      .then(props.onRevealed, (caught: unknown) => setError(failureText(caught)));
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor={id}>{t.customer.revealReason}</label>
      <input
        id={id}
        required
        minLength={REASON_MIN}
        maxLength={500}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <button type="submit">{t.customer.reveal}</button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
