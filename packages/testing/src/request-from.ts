import { request } from 'node:http';

export interface AnswerFrom {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request whose socket is bound to `from`: a client with an address of its own, as the
 * server sees it. On Linux every address of 127.0.0.0/8 is loopback, so `127.0.0.2`, `127.0.0.3`…
 * are distinct clients on one machine. The target is sent as given (no normalisation of `..`).
 */
export function requestFrom(
  from: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<AnswerFrom> {
  const target = new URL(url);
  // `new URL` resolves dot segments: the path is taken from the string itself.
  const path = url.slice(target.origin.length) || '/';
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port,
        path,
        method: init.method ?? 'GET',
        localAddress: from,
        headers: {
          ...(init.body !== undefined && { 'content-length': String(Buffer.byteLength(init.body)) }),
          ...init.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });
}
