import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath, SERVICES } from './repo.js';

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
}

const manifestOf = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/** Every workspace package and app, by name. */
const workspace = new Map(
  ['packages', 'apps'].flatMap((root) =>
    readdirSync(repoPath(root)).map((name) => {
      const dir = repoPath(root, name);
      return [manifestOf(dir).name, dir] as const;
    }),
  ),
);

/** The app and the workspace packages its build bundles in (tsup's `noExternal: [/^@scontrino\//]`). */
function bundledDirs(appDir: string): string[] {
  const seen = new Set<string>([appDir]);
  const visit = (dir: string) => {
    for (const name of Object.keys(manifestOf(dir).dependencies ?? {})) {
      const packageDir = workspace.get(name);
      if (packageDir && !seen.has(packageDir)) {
        seen.add(packageDir);
        visit(packageDir);
      }
    }
  };
  visit(appDir);
  return [...seen];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry) && !/\.test(-support)?\.tsx?$/.test(entry) ? [path] : [];
  });
}

/** Packages found by path at run time (`createRequire(…).resolve('pkg/…')`): no bundler can inline those. */
function resolvedAtRunTime(dir: string): string[] {
  return sourceFiles(join(dir, 'src')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/require\([^)]*\)\.resolve\(\s*['"]([^'"]+)['"]/gi)].map(
      ([, specifier = '']) =>
        specifier
          .split('/')
          .slice(0, specifier.startsWith('@') ? 2 : 1)
          .join('/'),
    ),
  );
}

describe("the services' builds", () => {
  it.each(SERVICES)(
    'when %s or a package it bundles finds a package by path at run time, then the service depends on it (its image has it)',
    (service) => {
      const appDir = repoPath('apps', service);
      const needed = [...new Set(bundledDirs(appDir).flatMap(resolvedAtRunTime))];
      // The service's own dependencies are what `pnpm deploy --prod` puts in its image's node_modules.
      const missing = needed.filter((name) => !(name in (manifestOf(appDir).dependencies ?? {})));
      // Every service serves its API docs with Swagger UI's files: the scan finds at least that one.
      expect(needed).toContain('swagger-ui-dist');
      expect(missing).toEqual([]);
    },
  );
});
