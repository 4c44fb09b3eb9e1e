import { useApi } from '../api/api-context.js';
import type { HistoryEntry } from '../api/views.js';
import { LoadMore } from '../components/load-more.js';
import { ScreenHeading } from '../components/screen-heading.js';
import { explainEntry, explainLine } from '../format/explanation.js';
import { movementOf } from '../format/movement.js';
import { useI18n } from '../i18n/i18n-context.js';
import { usePages } from '../use-pages.js';

function HistoryItem({ entry }: { entry: HistoryEntry }) {
  const { t, format } = useI18n();
  const movement = movementOf(entry);
  return (
    <li className={`entry entry--${movement.tone}`} data-kind={entry.kind}>
      <div className="entry__head">
        <span className="entry__kind">{t.history.kinds[entry.kind]}</span>
        {movement.amount !== 0 && (
          <span className="entry__amount">
            {format.signed(movement.amount)}
            {movement.pending && <span className="tag">{t.history.pendingTag}</span>}
          </span>
        )}
      </div>
      <time className="entry__date" dateTime={entry.at}>
        {format.dateTime(entry.at)}
      </time>
      <p className="entry__explanation">{explainEntry(entry.because, t, format)}</p>
      {entry.lines.length > 0 && (
        <ul className="entry__lines">
          {entry.lines.map((line) => (
            <li key={line.lineId}>{explainLine(line.because, t, format)}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function HistoryScreen() {
  const { t } = useI18n();
  const api = useApi();
  const pages = usePages(api.history);
  return (
    <>
      <ScreenHeading>{t.history.title}</ScreenHeading>
      {pages.items.length > 0 && (
        <ol className="entries" aria-label={t.history.title}>
          {pages.items.map((entry) => (
            <HistoryItem key={entry.id} entry={entry} />
          ))}
        </ol>
      )}
      {pages.status === 'done' && pages.items.length === 0 && <p className="empty">{t.history.empty}</p>}
      <LoadMore
        pages={pages}
        label={t.history.loadMore}
        end={pages.items.length > 0 ? t.history.end : null}
      />
    </>
  );
}
