import type { ComponentChildren } from 'preact';
import { palette } from '../palette.js';

// The building blocks of the email. Layout is tables and inline styles only, because that is all
// Outlook and Gmail honour; the classes exist solely for the dark-mode <style> block to override.

const { light } = palette;

export const text = {
  body: { color: light.ink, fontSize: '15px', lineHeight: '22px' },
  small: { color: light.muted, fontSize: '13px', lineHeight: '18px' },
  heading: {
    color: light.ink,
    fontSize: '13px',
    lineHeight: '18px',
    fontWeight: '700',
    letterSpacing: '0.06em',
    textTransform: 'uppercase',
    margin: '0 0 6px',
  },
} as const;

export function Table({ children }: { children: ComponentChildren }) {
  return (
    <table
      role="presentation"
      width="100%"
      cellPadding="0"
      cellSpacing="0"
      style={{ borderCollapse: 'collapse' }}
    >
      {children}
    </table>
  );
}

/** A card-wide row: one block of the receipt with its padding and an optional rule above it. */
export function Section({ children, rule = true }: { children: ComponentChildren; rule?: boolean }) {
  return (
    <tr>
      <td
        class={rule ? 'paper rule' : 'paper'}
        style={{
          padding: '16px 24px',
          backgroundColor: light.paper,
          borderTop: rule ? `1px solid ${light.rule}` : 'none',
        }}
      >
        {children}
      </td>
    </tr>
  );
}

export function Heading({ children }: { children: ComponentChildren }) {
  return (
    <h2 class="ink" style={text.heading}>
      {children}
    </h2>
  );
}

/** Label on the left, amount on the right, as on a till roll. */
export function AmountRow(props: {
  label: ComponentChildren;
  amount: string;
  strong?: boolean;
  muted?: boolean;
}) {
  const style = props.muted ? text.small : text.body;
  const weight = props.strong ? { fontWeight: '700', fontSize: '18px', lineHeight: '28px' } : {};
  const tone = props.muted ? 'muted' : 'ink';
  return (
    <tr>
      <td class={tone} style={{ ...style, ...weight, padding: '2px 0' }}>
        {props.label}
      </td>
      <td class={tone} align="right" style={{ ...style, ...weight, padding: '2px 0', whiteSpace: 'nowrap' }}>
        {props.amount}
      </td>
    </tr>
  );
}
