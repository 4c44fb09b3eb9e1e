import type { ReceiptView } from '../../receipt-view.js';
import { palette } from '../palette.js';
import { AmountRow, Heading, Section, Table, text } from './email-parts.js';

const { light } = palette;
type Props = { view: ReceiptView };

export function LinesSection({ view }: Props) {
  const { messages } = view;
  return (
    <Section>
      <Heading>{messages.items}</Heading>
      <Table>
        {view.lines.map((line, index) => (
          <tr key={index}>
            <td
              class="ink rule"
              valign="top"
              style={{
                ...text.body,
                padding: '8px 12px 8px 0',
                borderTop: index === 0 ? 'none' : `1px solid ${light.rule}`,
              }}
            >
              <div style={{ fontWeight: '600' }}>{line.name}</div>
              {line.variant && (
                <div class="muted" style={text.small}>
                  {line.variant}
                </div>
              )}
              <div class="muted" style={text.small}>
                {line.quantityTimesPrice}
              </div>
              {line.discounts.map((discount, i) => (
                <div key={i} class="muted" style={text.small}>
                  {discount.description} {discount.amount}
                </div>
              ))}
            </td>
            <td
              class="ink rule"
              valign="top"
              align="right"
              style={{
                ...text.body,
                padding: '8px 0',
                whiteSpace: 'nowrap',
                borderTop: index === 0 ? 'none' : `1px solid ${light.rule}`,
              }}
            >
              {line.total}
            </td>
          </tr>
        ))}
      </Table>
    </Section>
  );
}

export function TotalsSection({ view }: Props) {
  const { totals, messages } = view;
  return (
    <Section>
      <Table>
        <AmountRow label={messages.subtotal} amount={totals.subtotal} />
        {view.basketDiscounts.map((discount, i) => (
          <AmountRow key={i} label={discount.description} amount={discount.amount} />
        ))}
        <AmountRow label={totals.totalLabel} amount={totals.total} strong />
        <AmountRow label={messages.vatIncluded} amount={totals.taxTotal} muted />
      </Table>
    </Section>
  );
}

export function VatSection({ view }: Props) {
  const { messages } = view;
  const cell = { ...text.small, padding: '2px 0' };
  const headings = [messages.vatRate, messages.vatNet, messages.vatTax, messages.vatGross];
  return (
    <Section>
      <Heading>{messages.vatSummary}</Heading>
      <table width="100%" cellPadding="0" cellSpacing="0" style={{ borderCollapse: 'collapse' }}>
        <tr>
          {headings.map((heading, i) => (
            <th key={i} scope="col" class="muted" align={i === 0 ? 'left' : 'right'} style={cell}>
              {heading}
            </th>
          ))}
        </tr>
        {view.vat.map((row, i) => (
          <tr key={i}>
            {[row.rate, row.net, row.tax, row.gross].map((value, j) => (
              <td key={j} class="muted" align={j === 0 ? 'left' : 'right'} style={cell}>
                {value}
              </td>
            ))}
          </tr>
        ))}
      </table>
    </Section>
  );
}

export function PaymentsSection({ view }: Props) {
  // A sale nothing was paid for (a total of 0) has no payment to list, and no heading either.
  if (view.payments.length === 0) return null;
  return (
    <Section>
      <Heading>{view.paymentsTitle}</Heading>
      <Table>
        {view.payments.map((payment, i) => [
          <AmountRow key={`p${i}`} label={payment.label} amount={payment.amount} />,
          payment.change && <AmountRow key={`c${i}`} label={view.messages.change} amount={payment.change} />,
        ])}
      </Table>
    </Section>
  );
}

export function LoyaltySection({ view }: Props) {
  const { loyalty, messages } = view;
  if (loyalty === null) return null;
  return (
    <Section>
      <div style={{ borderLeft: `4px solid ${view.branding.accentColor}`, paddingLeft: '12px' }}>
        <Heading>{messages.loyalty}</Heading>
        <Table>
          <AmountRow label={messages.pointsEarned} amount={loyalty.pointsEarned} />
          <AmountRow label={messages.pointsAvailable} amount={loyalty.available} />
          {loyalty.pending !== null && <AmountRow label={messages.pointsPending} amount={loyalty.pending} />}
          {loyalty.tier !== null && <AmountRow label={messages.tier} amount={loyalty.tier} />}
        </Table>
        {loyalty.pendingNote !== null && (
          <p class="muted" style={{ ...text.small, margin: '8px 0 0' }}>
            {loyalty.pendingNote}
          </p>
        )}
      </div>
    </Section>
  );
}

/** A link styled as a button; the text stays readable when the client drops the background. */
export function Button({ href, label, view }: { href: string; label: string; view: ReceiptView }) {
  const { accentColor, onAccentColor } = view.branding;
  return (
    <table role="presentation" cellPadding="0" cellSpacing="0">
      <tr>
        <td style={{ backgroundColor: accentColor, borderRadius: '6px' }}>
          <a
            href={href}
            style={{
              display: 'inline-block',
              padding: '10px 18px',
              color: onAccentColor,
              fontWeight: '600',
              fontSize: '15px',
              textDecoration: 'none',
            }}
          >
            {label}
          </a>
        </td>
      </tr>
    </table>
  );
}
