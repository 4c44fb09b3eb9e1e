import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintDockerfile, parseDockerfile } from './dockerfile-lint.js';
import { readRepoFile, repoPath, SERVICES } from './repo.js';

const dockerfiles = readdirSync(repoPath('infra', 'docker')).filter((file) => /Dockerfile$/.test(file));
const serviceDockerfile = readRepoFile('infra', 'docker', 'service.Dockerfile');

describe('Dockerfiles', () => {
  it.each(dockerfiles)(
    '%s: pinned bases, multi-stage, non-root, HEALTHCHECK, production, exec CMD',
    (file) => {
      expect(lintDockerfile(readRepoFile('infra', 'docker', file))).toEqual([]);
    },
  );

  it('when a Dockerfile misses the basics, then the lint names each one (so the check above can fail)', () => {
    const careless = ['FROM node:latest', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'CMD npm start'].join(
      '\n',
    );
    expect(lintDockerfile(careless)).toEqual([
      'line 1: base image node:latest is not pinned to a version',
      'not multi-stage: build tools would ship in the image',
      'the final stage does not switch to a non-root USER',
      'the final stage has no HEALTHCHECK',
      'the final stage does not set NODE_ENV=production',
      'CMD is not in exec form: a shell would swallow SIGTERM',
      'the final stage copies from the build context: only built files belong in it',
    ]);
    expect(lintDockerfile('FROM node:20\nFROM build\nUSER root')).toContain(
      'line 1: base image node:20 is not pinned to a version',
    );
  });

  it('installs the pnpm version the repository pins, and documents a build command per service', () => {
    const pinned = (JSON.parse(readRepoFile('package.json')) as { packageManager: string }).packageManager;
    const arg = parseDockerfile(serviceDockerfile).find(
      (i) => i.keyword === 'ARG' && i.args.startsWith('PNPM_VERSION='),
    );
    expect(`pnpm@${arg?.args.split('=')[1]}`).toBe(pinned);
    // Node 20's corepack rejects pnpm 10's signatures (README, infra/bootstrap.mjs).
    expect(parseDockerfile(serviceDockerfile).filter((i) => /corepack/i.test(i.args))).toEqual([]);
    for (const service of SERVICES) expect(serviceDockerfile).toContain(`--build-arg SERVICE=${service} `);
  });

  it('listens on the port the probes, compose and the Services use', () => {
    const env = parseDockerfile(serviceDockerfile)
      .filter((i) => i.keyword === 'ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toMatch(/\bPORT=8080\b/);
    expect(serviceDockerfile).toMatch(/^EXPOSE 8080$/m);
  });

  it('keeps installed and built files, secrets and git out of the build context', () => {
    const ignored = readRepoFile('.dockerignore')
      .split('\n')
      .map((line) => line.trim());
    for (const entry of ['**/node_modules', '**/dist', '.git', '**/.env']) expect(ignored).toContain(entry);
  });
});
