import { describe, expect, it } from 'vitest';
import { layerFixtures, layerProblems } from './layer-fixtures.js';

// What each wrong fixture must be told: the rule's own words for its layer.
const expected: Record<string, string[]> = {
  'api-calls-store.ts': ['api/ is thin: it calls a use case'],
  'app-imports-app-by-path.ts': ["Apps import no other app's code"],
  'app-imports-app.ts': ["Apps import no other app's code"],
  'client-runs-router.ts': ["Only the type of another service's router may be imported"],
  'domain-reads-store.ts': ['domain/ is pure rules on plain data'],
  'domain-uses-io.ts': ['domain/ uses no I/O library', 'domain/ uses no I/O library'],
  'linking-imports-api.ts': ['A use case knows no transport'],
  'package-imports-app.ts': ['Packages import no app'],
  'store-calls-use-case.ts': ['store/ persists and returns plain objects'],
  'store-throws-trpc-error.ts': ['Only api/ knows the transport'],
};

describe('layer rules of eslint.config.js', () => {
  const wrong = layerFixtures('layers');

  it('every wrong fixture has its expected messages here', () => {
    expect(wrong.map((fixture) => fixture.name)).toEqual(Object.keys(expected).sort());
  });

  it.each(wrong.map((fixture) => [fixture.name, fixture] as const))(
    'refuse the wrong import of %s',
    async (name, fixture) => {
      const problems = await layerProblems(fixture);
      const wanted = expected[name] ?? [];
      expect(problems).toHaveLength(wanted.length);
      wanted.forEach((words, index) => expect(problems[index]).toContain(words));
    },
  );

  it.each(layerFixtures('layers-allowed').map((fixture) => [fixture.name, fixture] as const))(
    'let %s through',
    async (_name, fixture) => {
      expect(await layerProblems(fixture)).toEqual([]);
    },
  );
});
