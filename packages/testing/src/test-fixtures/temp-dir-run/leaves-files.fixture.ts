import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { tempDir } from '../../temp-dir.js';

// Run by temp-dir.test.ts in a vitest run of its own: writes files the way the export and build
// tests do, and tells the outer test where they are.
it('writes files in temp directories', async () => {
  const made = [await tempDir('exports'), await tempDir('loyalty-app-dist')];
  for (const dir of made) await writeFile(join(dir, 'file.txt'), 'kept until the run ends\n');
  const record = process.env.TEMP_DIR_RECORD;
  expect(record).toBeDefined();
  await writeFile(record ?? '', JSON.stringify(made));
});
