import type { ReceiptView } from '../../receipt-view.js';
import { fontStack, palette } from '../palette.js';
import { Section, Table, text } from './email-parts.js';
import {
  Button,
  LinesSection,
  LoyaltySection,
  PaymentsSection,
  TotalsSection,
  VatSection,
} from './email-sections.js';

const { light, dark } = palette;

// An enhancement only: clients without <style> support still get the light, fully inline design.
const darkModeCss = `:root{color-scheme:light dark;supported-color-schemes:light dark}
@media (prefers-color-scheme: dark){
.canvas{background-color:${dark.canvas}!important}
.paper{background-color:${dark.paper}!important}
.ink{color:${dark.ink}!important}
.muted{color:${dark.muted}!important}
.rule{border-color:${dark.rule}!important}
.link{color:${dark.ink}!important}
}`;

type Props = { view: ReceiptView };

function Header({ view }: Props) {
  const { branding, store } = view;
  return (
    <tr>
      <td
        style={{ backgroundColor: branding.accentColor, color: branding.onAccentColor, padding: '20px 24px' }}
      >
        {branding.logo && (
          <img
            src={branding.logo.url}
            alt={branding.logo.alt}
            height="40"
            style={{
              display: 'block',
              border: '0',
              maxHeight: '40px',
              marginBottom: '8px',
              color: branding.onAccentColor,
            }}
          />
        )}
        <div
          style={{ fontSize: '20px', lineHeight: '28px', fontWeight: '700', color: branding.onAccentColor }}
        >
          {store.name}
        </div>
      </td>
    </tr>
  );
}

function Identity({ view }: Props) {
  const { messages, transaction: tx } = view;
  const till = [
    `${messages.store} ${tx.storeId}`,
    `${messages.terminal} ${tx.terminalId}`,
    ...(tx.cashierId === null ? [] : [`${messages.cashier} ${tx.cashierId}`]),
  ].join(' · ');
  return (
    <Section rule={false}>
      <h1 class="ink" style={{ ...text.body, fontSize: '24px', lineHeight: '32px', margin: '0 0 4px' }}>
        {view.title}
      </h1>
      <div class="ink" style={text.body}>
        {view.issuedAt.date}, {view.issuedAt.time}
      </div>
      <div class="muted" style={{ ...text.small, marginTop: '8px' }}>
        {messages.transaction} {tx.id}
        <br />
        {till}
      </div>
      {view.references.map((reference, i) => (
        <div key={i} class="ink" style={{ ...text.body, fontWeight: '600', marginTop: '8px' }}>
          {reference}
        </div>
      ))}
    </Section>
  );
}

function Closing({ view }: Props) {
  const { messages, store } = view;
  return (
    <>
      {view.claimUrl && (
        <Section>
          <div class="ink" style={{ ...text.body, fontWeight: '700' }}>
            {messages.claimTitle}
          </div>
          <div class="muted" style={{ ...text.small, margin: '2px 0 10px' }}>
            {messages.claimHint}
          </div>
          <Button href={view.claimUrl} label={messages.claimAction} view={view} />
        </Section>
      )}
      <Section>
        <Table>
          <tr>
            <td class="ink" style={text.body}>
              <a
                class="link"
                href={view.receiptUrl}
                style={{ color: view.branding.accentColor, fontWeight: '600' }}
              >
                {messages.viewOnline}
              </a>
              {'  ·  '}
              <a
                class="link"
                href={view.pdfUrl}
                style={{ color: view.branding.accentColor, fontWeight: '600' }}
              >
                {messages.downloadPdf}
              </a>
            </td>
          </tr>
        </Table>
        {view.branding.footerLines.map((line, i) => (
          <p
            key={i}
            lang={view.branding.footerLang ?? undefined}
            class="muted"
            style={{ ...text.small, margin: i === 0 ? '12px 0 0' : '0' }}
          >
            {line}
          </p>
        ))}
        <p class="muted" style={{ ...text.small, margin: '12px 0 0' }}>
          {store.legalName} · {store.addressLines.join(', ')} · {messages.vatNumber} {store.vatNumber}
        </p>
      </Section>
    </>
  );
}

export function ReceiptEmailHtml({ view }: Props) {
  return (
    <html lang={view.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <title>{view.emailSubject}</title>
        <style dangerouslySetInnerHTML={{ __html: darkModeCss }} />
      </head>
      <body
        class="canvas"
        style={{ margin: '0', padding: '0', backgroundColor: light.canvas, fontFamily: fontStack }}
      >
        <table
          role="presentation"
          width="100%"
          cellPadding="0"
          cellSpacing="0"
          class="canvas"
          style={{ backgroundColor: light.canvas, fontFamily: fontStack }}
        >
          <tr>
            <td align="center" style={{ padding: '24px 8px' }}>
              <table
                role="presentation"
                width="100%"
                cellPadding="0"
                cellSpacing="0"
                class="paper"
                style={{
                  maxWidth: '600px',
                  backgroundColor: light.paper,
                  borderRadius: '8px',
                  overflow: 'hidden',
                }}
              >
                <Header view={view} />
                <Identity view={view} />
                <LinesSection view={view} />
                <TotalsSection view={view} />
                <VatSection view={view} />
                <PaymentsSection view={view} />
                <LoyaltySection view={view} />
                <Closing view={view} />
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>
  );
}
