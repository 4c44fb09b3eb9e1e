import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium: tests never download a browser of their own. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Headless Chromium with the flags this closed network needs (no background connections). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** One operation of an OpenAPI document, as Swagger UI lists it. */
export interface DocumentedOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  /** Values typed into its parameter fields, by parameter name (required headers…). */
  parameters?: Readonly<Record<string, string>>;
}

/** What a person opening a service's `/docs/` saw, and what "Try it out" of one operation got back. */
export interface ApiDocsVisit {
  /** The document's title, as the page shows it. */
  title: string;
  /** The error banners of Swagger UI: an unresolved `$ref`, an unsupported keyword, a failed load. */
  banners: string[];
  /** Console messages and page errors about the CSP, the document or a request that never left. */
  problems: string[];
  /** The status "Try it out" got from the service (not sent: undefined). */
  status: string | undefined;
}

const problemPattern = /Content Security Policy|jsonSchemaDialect|Failed to fetch|TypeError|resolver/i;

/**
 * Opens `${origin}/docs/` in a new page, opens `operation`, fills its parameters and executes it
 * ("Try it out"): the page's error banners, its console's complaints and the answer's status.
 */
export async function tryApiDocs(
  browser: Browser,
  origin: string,
  operation: DocumentedOperation,
): Promise<ApiDocsVisit> {
  const page = await browser.newPage();
  try {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (problemPattern.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${origin}/docs/`);
    const block = page.locator(`.opblock-${operation.method}`, {
      has: page.locator('.opblock-summary-path', {
        hasText: new RegExp(`^${escapeRegExp(operation.path)}$`),
      }),
    });
    await block.locator('.opblock-summary').click();
    await block.locator('.try-out__btn').click();
    for (const [name, value] of Object.entries(operation.parameters ?? {}))
      await block.locator(`tr[data-param-name="${name}"] input`).fill(value);
    await block.locator('.execute').click();
    const status = block.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor({ timeout: 30_000 });
    return {
      title: ((await page.locator('.info .title').textContent()) ?? '').trim(),
      banners: (await page.locator('.errors-wrapper').allTextContents()).map((text) => text.trim()),
      problems,
      status: (await status.textContent())?.trim(),
    };
  } finally {
    await page.close();
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
