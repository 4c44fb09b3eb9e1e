import type { ReceiptView } from '../../receipt-view.js';

type Props = { view: ReceiptView };

export function Intro({ view }: Props) {
  const { messages, transaction: tx } = view;
  return (
    <section class="intro">
      <h1>{view.title}</h1>
      <p class="when">
        <time dateTime={view.issuedAt.iso}>
          {view.issuedAt.date}, {view.issuedAt.time}
        </time>
      </p>
      <p class="meta">
        {messages.transaction} {tx.id}
        <br />
        {messages.store} {tx.storeId} · {messages.terminal} {tx.terminalId}
        {tx.cashierId !== null && ` · ${messages.cashier} ${tx.cashierId}`}
      </p>
      {view.references.map((reference, i) => (
        <p key={i} class="reference">
          {reference}
        </p>
      ))}
    </section>
  );
}

export function Lines({ view }: Props) {
  const { messages } = view;
  return (
    <section aria-labelledby="items">
      <h2 id="items">{messages.items}</h2>
      <table class="lines">
        <thead class="visually-hidden">
          <tr>
            <th scope="col">{messages.item}</th>
            <th scope="col" class="num">
              {messages.amount}
            </th>
          </tr>
        </thead>
        <tbody>
          {view.lines.map((line, i) => (
            <tr key={i}>
              <td>
                <span class="item">{line.name}</span>
                {line.variant && <span class="detail">{line.variant}</span>}
                <span class="detail">{line.quantityTimesPrice}</span>
                {line.discounts.map((discount, j) => (
                  <span key={j} class="detail">
                    {discount.description} {discount.amount}
                  </span>
                ))}
              </td>
              <td class="num">{line.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function AmountRow({ label, amount, class: className }: { label: string; amount: string; class?: string }) {
  return (
    <tr class={className}>
      <th scope="row">{label}</th>
      <td class="num">{amount}</td>
    </tr>
  );
}

export function Totals({ view }: Props) {
  const { totals, messages } = view;
  return (
    <section aria-label={messages.total}>
      <table>
        <tbody>
          <AmountRow label={messages.subtotal} amount={totals.subtotal} />
          {view.basketDiscounts.map((discount, i) => (
            <AmountRow key={i} label={discount.description} amount={discount.amount} />
          ))}
          <AmountRow label={totals.totalLabel} amount={totals.total} class="grand" />
          <AmountRow label={messages.vatIncluded} amount={totals.taxTotal} class="small" />
        </tbody>
      </table>
    </section>
  );
}

export function Vat({ view }: Props) {
  const { messages } = view;
  return (
    <section aria-labelledby="vat">
      <h2 id="vat">{messages.vatSummary}</h2>
      <table class="vat">
        <thead>
          <tr>
            <th scope="col">{messages.vatRate}</th>
            <th scope="col" class="num">
              {messages.vatNet}
            </th>
            <th scope="col" class="num">
              {messages.vatTax}
            </th>
            <th scope="col" class="num">
              {messages.vatGross}
            </th>
          </tr>
        </thead>
        <tbody>
          {view.vat.map((row, i) => (
            <tr key={i}>
              <th scope="row">{row.rate}</th>
              <td class="num">{row.net}</td>
              <td class="num">{row.tax}</td>
              <td class="num">{row.gross}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function Payments({ view }: Props) {
  // A sale nothing was paid for (a total of 0) has no payment to list, and no heading either.
  if (view.payments.length === 0) return null;
  return (
    <section aria-labelledby="payments">
      <h2 id="payments">{view.paymentsTitle}</h2>
      <table>
        <tbody>
          {view.payments.map((payment, i) => [
            <AmountRow key={`p${i}`} label={payment.label} amount={payment.amount} />,
            payment.change && (
              <AmountRow key={`c${i}`} label={view.messages.change} amount={payment.change} />
            ),
          ])}
        </tbody>
      </table>
    </section>
  );
}

export function Loyalty({ view }: Props) {
  const { loyalty, messages } = view;
  if (loyalty === null) return null;
  return (
    <section class="loyalty" aria-labelledby="loyalty">
      <h2 id="loyalty">{messages.loyalty}</h2>
      <table>
        <tbody>
          <AmountRow label={messages.pointsEarned} amount={loyalty.pointsEarned} />
          <AmountRow label={messages.pointsAvailable} amount={loyalty.available} />
          {loyalty.pending !== null && <AmountRow label={messages.pointsPending} amount={loyalty.pending} />}
          {loyalty.tier !== null && <AmountRow label={messages.tier} amount={loyalty.tier} />}
        </tbody>
      </table>
      {loyalty.pendingNote !== null && <p class="pending">{loyalty.pendingNote}</p>}
    </section>
  );
}
