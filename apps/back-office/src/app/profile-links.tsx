import { useEffect, useState } from 'react';
import { type Explanation, failureText, type Profile, reconciliationService } from './api.js';
import { CurationAction } from './curation.js';
import { useI18n } from './i18n/i18n-context.js';

type Step = Explanation['steps'][number];

/**
 * The link graph of a profile as evidence: for each identifier, the chain of links joining it to
 * the first (`profiles.explain`), each link with the rule and the sale, claim or order that saw
 * both ends together; a curator may cut a link, with a reason.
 */
export function ProfileLinks(props: {
  tenantId: string;
  profile: Profile;
  mayCurate: boolean;
  onChanged: (summary: { merged: number; split: number }) => void;
}) {
  const { t } = useI18n();
  const [steps, setSteps] = useState<Step[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { tenantId, profile } = props;
  useEffect(() => {
    const [first, ...others] = profile.identifiers;
    if (!first) return setSteps([]);
    Promise.all(
      others.map((other) =>
        reconciliationService.profiles.explain.query({
          tenantId,
          profileId: profile.profileId,
          from: { type: first.type, hash: first.hash },
          to: { type: other.type, hash: other.hash },
        }),
      ),
    ).then(
      (explanations) => {
        const byLink = new Map<string, Step>();
        for (const explanation of explanations)
          for (const step of explanation.steps) byLink.set(step.linkId, step);
        setSteps([...byLink.values()]);
      },
      (caught: unknown) => setError(failureText(caught)),
    );
  }, [tenantId, profile]);

  return (
    <section aria-labelledby="links-title" className="block" data-testid="profile-links">
      <h3 id="links-title">{t.customer.links}</h3>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {steps && steps.length > 0 && (
        <table className="list">
          <caption className="visually-hidden">{t.customer.links}</caption>
          <thead>
            <tr>
              <th scope="col">{t.customer.identifiers}</th>
              <th scope="col">{t.customer.linkRule}</th>
              <th scope="col">{t.customer.evidence}</th>
              {props.mayCurate && <th scope="col">{t.customer.curate}</th>}
            </tr>
          </thead>
          <tbody>
            {steps.map((step) => {
              const ends = `${step.from.masked} ↔ ${step.to.masked}`;
              return (
                <tr key={step.linkId} data-link={step.linkId}>
                  <td>{ends}</td>
                  <td>{step.rule}</td>
                  <td>
                    {step.channel ?? '—'} · {String(step.at).slice(0, 10)} · <code>{step.observationId}</code>
                  </td>
                  {props.mayCurate && (
                    <td>
                      <CurationAction
                        label={t.customer.cut}
                        target={ends}
                        run={async (reason) =>
                          props.onChanged(
                            await reconciliationService.links.cut.mutate({
                              tenantId,
                              linkId: step.linkId,
                              reason,
                            }),
                          )
                        }
                      />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
