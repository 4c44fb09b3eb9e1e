import { createHash } from 'node:crypto';
import type { ReceivedMail } from './received-mail.js';

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Everything shown comes from whoever sent the mail, so every value goes through this. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => entities[char] ?? char);
}

/**
 * Sizes the frame of a mail's HTML to the message, so a receipt reads to its totals without a
 * scroll bar of its own: on load, and again when the window's width reflows the message. The
 * frame shares the page's origin (`allow-same-origin`) so this script may measure it; the mail
 * itself still runs no script (no `allow-scripts`).
 */
const FIT_MAIL_FRAME = `const frame = document.querySelector('iframe.mail-html');
function fit() {
  const root = frame && frame.contentDocument && frame.contentDocument.documentElement;
  if (!root) return;
  frame.style.height = '0';
  frame.style.height = root.scrollHeight + 'px';
}
if (frame) {
  frame.addEventListener('load', fit);
  let width = window.innerWidth;
  window.addEventListener('resize', () => {
    if (window.innerWidth !== width) fit();
    width = window.innerWidth;
  });
}`;

const scriptHash = (script: string) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`;

/**
 * Pages run nothing but the script above and their own inline style. The mail's HTML is a
 * sandboxed `srcdoc` frame, which inherits this policy: images from anywhere (as a mail client
 * shows them), no script.
 */
export const PAGE_CSP = `default-src 'none'; script-src ${scriptHash(FIT_MAIL_FRAME)}; style-src 'unsafe-inline'; frame-src 'self'; img-src 'self' data: http: https:`;

const style = `
  body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1f2328; }
  h1 { font-size: 1.3rem; } h2 { font-size: 1rem; margin-top: 1.5rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
  th { color: #59636e; font-weight: 600; }
  a { color: #0969da; } .muted { color: #59636e; }
  pre { white-space: pre-wrap; background: #f6f8fa; padding: .8rem; border-radius: 6px; }
  iframe { display: block; width: 100%; height: 32rem; border: 1px solid #d0d7de; border-radius: 6px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; } dt { color: #59636e; }`;

function page(title: string, body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${head}<style>${style}</style></head><body>${body}</body></html>`;
}

export function listPage(mails: ReceivedMail[]): string {
  const rows = mails
    .map(
      (mail) => `<tr>
        <td><a href="/mails/${encodeURIComponent(mail.id)}">${escapeHtml(mail.subject || '(no subject)')}</a></td>
        <td>${escapeHtml(mail.to.join(', ') || mail.envelope.to.join(', '))}</td>
        <td>${escapeHtml(mail.from)}</td>
        <td class="muted">${escapeHtml(mail.receivedAt)}</td></tr>`,
    )
    .join('');
  const table = mails.length
    ? `<table><thead><tr><th>Subject</th><th>To</th><th>From</th><th>Received</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p class="muted">No mail yet. This page refreshes every 5 seconds.</p>';
  return page(
    'Mail sink',
    `<h1>Mail sink <span class="muted">(${mails.length})</span></h1>${table}`,
    '<meta http-equiv="refresh" content="5">',
  );
}

export function detailPage(mail: ReceivedMail): string {
  const id = encodeURIComponent(mail.id);
  const attachments = mail.attachments
    .map(
      (attachment, index) =>
        `<li><a href="/api/mails/${id}/attachments/${index}">${escapeHtml(attachment.filename ?? `attachment ${index + 1}`)}</a>
         <span class="muted">${escapeHtml(attachment.contentType)}, ${attachment.size} bytes</span></li>`,
    )
    .join('');
  // No `allow-scripts`, forms or pop-ups: the mail's HTML is shown, never run.
  const html =
    mail.html === null
      ? '<p class="muted">No HTML part.</p>'
      : `<iframe class="mail-html" sandbox="allow-same-origin" srcdoc="${escapeHtml(mail.html)}" title="HTML body"></iframe>
         <p class="muted"><a href="/api/mails/${id}/html">the HTML on a page of its own</a></p>
         <script>${FIT_MAIL_FRAME}</script>`;
  return page(
    mail.subject || '(no subject)',
    `<p><a href="/">← all mail</a> · <a href="/api/mails/${id}">JSON</a></p>
     <h1>${escapeHtml(mail.subject || '(no subject)')}</h1>
     <dl><dt>From</dt><dd>${escapeHtml(mail.from)}</dd>
         <dt>To</dt><dd>${escapeHtml(mail.to.join(', '))}</dd>
         <dt>Envelope</dt><dd>${escapeHtml(mail.envelope.from)} → ${escapeHtml(mail.envelope.to.join(', '))}</dd>
         <dt>Received</dt><dd>${escapeHtml(mail.receivedAt)}</dd></dl>
     <h2>HTML</h2>${html}
     <h2>Text</h2><pre>${escapeHtml(mail.text) || '<span class="muted">No text part.</span>'}</pre>
     <h2>Attachments</h2>${attachments ? `<ul>${attachments}</ul>` : '<p class="muted">None.</p>'}`,
  );
}
