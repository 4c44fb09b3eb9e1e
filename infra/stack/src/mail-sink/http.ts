import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MailStore } from './mail-store.js';
import { PAGE_CSP, detailPage, listPage } from './pages.js';

/** A mail's own HTML may show remote images and inline styles, never run code or submit forms. */
const MAIL_HTML_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data: http: https:";

type Reply = { status: number; headers?: Record<string, string>; body?: string | Buffer };

const json = (value: unknown): Reply => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});
const html = (body: string, csp = PAGE_CSP): Reply => ({
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp },
  body,
});
const notFound: Reply = { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not found' };

function route(store: MailStore, method: string, url: URL): Reply {
  const path = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, id, part, index] = path;
  if (method === 'DELETE' && path.join('/') === 'api/mails') {
    store.clear();
    return { status: 204 };
  }
  if (method !== 'GET') return { status: 405, headers: { allow: 'GET, DELETE' } };
  if (path.length === 0) return html(listPage(store.list()));
  if (first === 'mails' && second !== undefined && path.length === 2) {
    const stored = store.get(second);
    return stored ? html(detailPage(stored.mail)) : notFound;
  }
  if (first !== 'api' || second !== 'mails') return notFound;
  if (id === undefined) return json(store.list({ to: url.searchParams.get('to') ?? undefined }));
  const stored = store.get(id);
  if (!stored) return notFound;
  if (part === undefined) return json(stored.mail);
  if (part === 'html' && path.length === 4 && stored.mail.html !== null)
    return html(stored.mail.html, MAIL_HTML_CSP);
  if (part === 'attachments' && path.length === 5) return attachment(stored, Number(index));
  return notFound;
}

function attachment(stored: NonNullable<ReturnType<MailStore['get']>>, index: number): Reply {
  const meta = stored.mail.attachments[index];
  const content = stored.contents[index];
  if (!meta || !content) return notFound;
  const filename = (meta.filename ?? `attachment-${index + 1}`).replace(/[^\w.-]/g, '_');
  return {
    status: 200,
    headers: {
      'content-type': meta.contentType,
      'content-disposition': `attachment; filename="${filename}"`,
      'content-security-policy': 'sandbox',
      'x-content-type-options': 'nosniff',
    },
    body: content,
  };
}

function handle(store: MailStore, request: IncomingMessage, response: ServerResponse): void {
  let reply: Reply;
  try {
    reply = route(store, request.method ?? 'GET', new URL(request.url ?? '/', 'http://localhost'));
  } catch {
    // A malformed percent-encoding in the path.
    reply = { status: 400, headers: { 'content-type': 'text/plain' }, body: 'Bad request' };
  }
  response.writeHead(reply.status, { 'cache-control': 'no-store', ...reply.headers });
  response.end(reply.body);
}

/** The viewer pages and the JSON API over the mails in `store`, on a loopback port. */
export async function listenViewer(opts: {
  store: MailStore;
  port?: number;
}): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((request, response) => handle(opts.store, request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
