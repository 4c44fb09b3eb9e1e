import { useEffect, useId, useState } from 'react';
import { useApi } from '../api/api-context.js';
import type { MemberCard } from '../api/views.js';
import { Failure, Loading } from '../components/status-views.js';
import { ScreenHeading } from '../components/screen-heading.js';
import { cardQrImage, groupCardNumber } from '../format/card.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useLoad } from '../use-load.js';

function CardCode({ card }: { card: MemberCard }) {
  const { t } = useI18n();
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    let open = true;
    setImage(null);
    cardQrImage(card.number).then(
      (drawn) => open && setImage(drawn),
      () => open && setImage(null),
    );
    return () => {
      open = false;
    };
  }, [card.number]);
  const grouped = groupCardNumber(card.number);
  return (
    <figure className="card-code">
      <div className="card-code__qr">
        {image ? <img src={image} alt={t.card.qrAlt(grouped)} width={240} height={240} /> : <Loading />}
      </div>
      <figcaption>
        <span className="stat__label">{t.card.number}</span>
        <span className="card-code__number" data-testid="card-number">
          {grouped}
        </span>
      </figcaption>
    </figure>
  );
}

function CardPicker({ cards }: { cards: MemberCard[] }) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState(0);
  const selectId = useId();
  const card = cards[Math.min(chosen, cards.length - 1)];
  if (!card) return <p className="notice notice--info">{t.card.unavailable}</p>;
  return (
    <>
      {cards.length > 1 && (
        <div className="field">
          <label htmlFor={selectId}>{t.card.choose}</label>
          <select id={selectId} value={chosen} onChange={(event) => setChosen(Number(event.target.value))}>
            {cards.map((option, index) => (
              <option key={option.number} value={index}>
                {groupCardNumber(option.number)}
              </option>
            ))}
          </select>
        </div>
      )}
      <CardCode card={card} />
      <p className="stat__hint">{t.card.brightness}</p>
    </>
  );
}

export function CardScreen() {
  const { t } = useI18n();
  const api = useApi();
  const { state, reload } = useLoad(api.cards);
  return (
    <>
      <ScreenHeading>{t.card.title}</ScreenHeading>
      <section className="card member-card">
        <p className="lead">{t.card.intro}</p>
        {state.status === 'loading' && <Loading />}
        {state.status === 'failed' && <Failure problem={state.problem} onRetry={reload} />}
        {state.status === 'ready' &&
          (state.data && state.data.length > 0 ? (
            <CardPicker cards={state.data} />
          ) : (
            <p className="notice notice--info">{t.card.unavailable}</p>
          ))}
      </section>
    </>
  );
}
