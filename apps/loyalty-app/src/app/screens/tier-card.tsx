import { useId } from 'react';
import type { TierStatus } from '../api/views.js';
import { tierBar } from '../format/tier-progress.js';
import { useI18n } from '../i18n/i18n-context.js';

export function TierCard({ tier, currency }: { tier: TierStatus; currency: string }) {
  const { t, format } = useI18n();
  const labelId = useId();
  const bar = tierBar(tier);
  const next = tier.next;
  const missingText =
    next &&
    (tier.basis === 'spend'
      ? t.home.missingSpend(format.money(next.missing, currency), next.name)
      : t.home.missingPoints(format.points(next.missing), next.name));
  return (
    <section className="card tier" aria-labelledby={labelId}>
      <div className="tier__head">
        <div>
          <h2 className="stat__label" id={labelId}>
            {t.home.tier}
          </h2>
          <p className="tier__name" data-testid="tier">
            {tier.name}
          </p>
          {tier.since && <p className="stat__hint">{t.home.since(format.date(tier.since))}</p>}
        </div>
        <p className="tier__multiplier">{t.home.multiplier(format.decimal(tier.multiplier))}</p>
      </div>
      {bar && next && missingText ? (
        <>
          <progress
            className="tier__bar"
            value={bar.value}
            max={bar.max}
            aria-label={t.home.progressLabel(next.name)}
            aria-valuetext={missingText}
          />
          <p className="tier__missing" data-testid="tier-missing">
            {missingText}
          </p>
        </>
      ) : (
        <p className="tier__missing">{t.home.topTier}</p>
      )}
      {tier.downgradeAt && <p className="stat__hint">{t.home.downgradeAt(format.date(tier.downgradeAt))}</p>}
    </section>
  );
}
