import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** What goes into the bundle: a change to any of these (or to the settings) calls for a new build. */
const INPUTS = ['index.html', 'package.json', 'public', 'src/app', 'src/server'];

export interface BuildInput {
  /** Relative to the app's directory, with `/`. */
  path: string;
  content: Buffer;
}

/** One hash of the inputs' paths and contents and of the build settings, in any order given. */
export function buildFingerprint(
  inputs: readonly BuildInput[],
  settings: Readonly<Record<string, string>>,
): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(Object.entries(settings).sort(([a], [b]) => a.localeCompare(b))));
  for (const input of [...inputs].sort((a, b) => a.path.localeCompare(b.path))) {
    hash.update(`\u0000${input.path}\u0000${input.content.length}\u0000`);
    hash.update(input.content);
  }
  return hash.digest('hex');
}

async function filesUnder(root: string, path: string): Promise<string[]> {
  const full = join(root, path);
  const entries = await readdir(full, { withFileTypes: true }).catch(() => null);
  if (entries === null) return [full];
  const nested = await Promise.all(
    entries.map(async (entry) =>
      entry.isDirectory() ? filesUnder(root, join(path, entry.name)) : [join(full, entry.name)],
    ),
  );
  return nested.flat();
}

/** The app's build inputs as they are on disk (tests are not part of the bundle). */
export async function readBuildInputs(appRoot: string): Promise<BuildInput[]> {
  const files = (await Promise.all(INPUTS.map((path) => filesUnder(appRoot, path)))).flat();
  const inputs = await Promise.all(
    files
      .filter((file) => !/\.test\.tsx?$/.test(file))
      .map(async (file) => ({
        path: relative(appRoot, file).split(sep).join('/'),
        content: await readFile(file).catch(() => Buffer.alloc(0)),
      })),
  );
  return inputs;
}
