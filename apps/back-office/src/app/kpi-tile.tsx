import { useId } from 'react';
import { useI18n } from './i18n/i18n-context.js';

/**
 * One figure of the dashboard: its label, its value, and a button whose tooltip gives the figure's
 * definition (keyboard and screen readers reach it as the button's description).
 */
export function KpiTile(props: {
  name: string;
  label: string;
  definition: string;
  value: string;
  /** The heading level under the section the tile is in. */
  heading: 'h3' | 'h4';
}) {
  const { t } = useI18n();
  const id = useId();
  const Heading = props.heading;
  return (
    <li className="tile" data-kpi={props.name}>
      <Heading className="tile-label">{props.label}</Heading>
      <p className="tile-value">{props.value}</p>
      <button
        type="button"
        className="tile-help"
        aria-label={`${t.dashboard.definition}: ${props.label}`}
        aria-describedby={id}
      >
        ?
      </button>
      <span role="tooltip" id={id} className="tooltip">
        {props.definition}
      </span>
    </li>
  );
}
