import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { repoRoot } from './repo.js';

export interface LayerFixture {
  name: string;
  /** Where in the repo the fixture stands in for a file (its first line: `// as: apps/…`). */
  as: string;
  text: string;
}

/** The fixtures of a folder under infra/shape/fixtures; each says on its first line where it stands. */
export function layerFixtures(folder: 'layers' | 'layers-allowed'): LayerFixture[] {
  const dir = join(repoRoot, 'infra/shape/fixtures', folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const as = /^\/\/ as: (\S+)$/m.exec(text)?.[1];
      if (!as) throw new Error(`${folder}/${name} does not say where it stands (// as: apps/…)`);
      return { name, as, text };
    });
}

const RULE = '@typescript-eslint/no-restricted-imports';

// The repo's eslint.config.js, for the import rule alone: without type information (the fixture
// files are not in a tsconfig), which that rule does not need.
const eslint = new ESLint({
  cwd: repoRoot,
  ruleFilter: ({ ruleId }) => ruleId === RULE,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
});

/** The layer rule's messages for the fixture, linted as if it stood where it says. */
export async function layerProblems(fixture: LayerFixture): Promise<string[]> {
  const [result] = await eslint.lintText(fixture.text, { filePath: join(repoRoot, fixture.as) });
  if (!result) throw new Error(`ESLint returned no result for ${fixture.name}`);
  const fatal = result.messages.find((message) => message.fatal);
  if (fatal) throw new Error(`${fixture.name} does not parse: ${fatal.message}`);
  return result.messages.filter((message) => message.ruleId === RULE).map((message) => message.message);
}
