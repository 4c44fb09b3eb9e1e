import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const docsImages = fileURLToPath(new URL('../../../../docs/images/', import.meta.url));
const screenshots = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));

/**
 * A full-page screenshot in test-output/screenshots (ignored by git); copied over the one in
 * docs/images only when the run is asked to (`UPDATE_SCREENSHOTS=1`, read by the test file), so a
 * test run leaves the repository as it was.
 */
export async function screenshot(page: Page, name: string, update: boolean): Promise<void> {
  await mkdir(screenshots, { recursive: true });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${screenshots}${name}`, fullPage: true });
  if (update) await copyFile(`${screenshots}${name}`, `${docsImages}${name}`);
}
