import type { ReceiptBranding } from '../../receipt-view.js';
import { fontStack, palette } from '../palette.js';

const { light, dark } = palette;

// Mobile first: one column as narrow as a phone, a paper-like card from 560 px up. The colours
// are the branding's, already checked to be #rrggbb by the view model, so they are safe in CSS.
const baseCss = `
*,*::before,*::after{box-sizing:border-box}
:root{color-scheme:light dark;--canvas:${light.canvas};--paper:${light.paper};--ink:${light.ink};--muted:${light.muted};--rule:${light.rule}}
@media (prefers-color-scheme:dark){:root{--canvas:${dark.canvas};--paper:${dark.paper};--ink:${dark.ink};--muted:${dark.muted};--rule:${dark.rule}}}
body{margin:0;background:var(--canvas);color:var(--ink);font:16px/1.45 ${fontStack};-webkit-text-size-adjust:100%}
.receipt{max-width:560px;margin:0 auto;background:var(--paper)}
@media (min-width:560px){body{padding:24px 12px}.receipt{border-radius:10px;overflow:hidden;box-shadow:0 1px 3px rgba(0,0,0,.12)}}
.brand{background:var(--accent);color:var(--on-accent);padding:20px}
.brand img{display:block;max-height:44px;max-width:60%;margin-bottom:8px;color:var(--on-accent)}
.brand p{margin:0;font-size:1.25rem;font-weight:700}
.languages{display:flex;justify-content:flex-end;gap:12px;margin:0 0 8px;padding:0;list-style:none;font-size:.875rem}
.languages a{color:var(--on-accent)}
.languages a[aria-current=true]{font-weight:700;text-decoration:none}
.pending{margin:8px 0 0;color:var(--muted);font-size:.875rem}
section,footer{padding:16px 20px;border-top:1px solid var(--rule)}
section.intro{border-top:0}
h1{margin:0 0 4px;font-size:1.6rem;line-height:1.2}
h2{margin:0 0 8px;font-size:.8rem;letter-spacing:.06em;text-transform:uppercase;color:var(--muted)}
.meta{margin:8px 0 0;color:var(--muted);font-size:.875rem}
.reference{margin:8px 0 0;font-weight:600}
table{width:100%;border-collapse:collapse}
th,td{padding:4px 0;text-align:left;vertical-align:top;font-weight:400}
.num{text-align:right;white-space:nowrap;padding-left:12px}
thead th{font-size:.8rem;color:var(--muted)}
.lines tbody tr+tr td{border-top:1px solid var(--rule)}
.lines td{padding:8px 0}
.item,.detail{unicode-bidi:isolate}
.item{font-weight:600}
.detail{display:block;color:var(--muted);font-size:.875rem;font-weight:400}
.grand th,.grand td{font-size:1.3rem;font-weight:700;padding-top:8px}
.small th,.small td{color:var(--muted);font-size:.875rem}
.vat td,.vat th{font-size:.875rem}
.loyalty{border-left:4px solid var(--accent)}
.button{display:inline-block;margin-top:8px;padding:12px 20px;border-radius:6px;background:var(--accent);color:var(--on-accent);font-weight:600;text-decoration:none}
.return-code{display:flex;gap:16px;align-items:center;margin:0}
.return-code svg{width:112px;height:112px;flex:none;background:#fff}
.return-code figcaption{font-size:.875rem;color:var(--muted)}
.return-code code{display:block;margin-top:4px;color:var(--ink);font-size:.95rem}
.actions a{color:var(--ink);font-weight:600}
footer{color:var(--muted);font-size:.875rem}
footer p{margin:0 0 4px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{
:root{--canvas:#fff;--paper:#fff;--ink:#000;--muted:#333;--rule:#999}
@page{margin:12mm}
body{padding:0;font-size:11pt}
.receipt{max-width:none;box-shadow:none}
.brand{background:none;color:#000;padding:0 0 8px;border-bottom:2px solid #000}
.brand img{color:#000}
.actions,.claim,.languages{display:none}
section,footer{padding:8px 0;break-inside:avoid}
}`;

export function pageCss(branding: Pick<ReceiptBranding, 'accentColor' | 'onAccentColor'>): string {
  return `:root{--accent:${branding.accentColor};--on-accent:${branding.onAccentColor}}${baseCss}`;
}
