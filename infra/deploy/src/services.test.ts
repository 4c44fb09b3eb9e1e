import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEnvFile } from './dotenv.js';
import { repoPath, SERVICES } from './repo.js';
import { configProblems, requiredInProduction, serviceEnvLoader } from './service-env.js';

describe('the deployables', () => {
  it('when a *-service app has a start.ts, then it is a service that gets an image, a compose service and a Deployment', () => {
    // The loyalty web app (apps/loyalty-app) also starts, but as a static site: not one of these yet.
    const apps = readdirSync(repoPath('apps')).filter(
      (app) => app.endsWith('-service') && existsSync(repoPath('apps', app, 'src', 'start.ts')),
    );
    expect(apps.sort()).toEqual([...SERVICES].sort());
  });

  it.each(SERVICES)(
    'when %s starts in production with nothing set, then it names what it requires',
    async (service) => {
      const load = await serviceEnvLoader(service);
      const required = requiredInProduction(load);
      // The core every service shares; the rest differs per service and is checked against the manifests.
      expect(required).toEqual(
        expect.arrayContaining(['PUBLIC_URL', 'MONGODB_URI', 'REDIS_URL', 'SERVICE_TOKEN', 'CRYPTO_KEYS']),
      );
      expect(configProblems(load, { NODE_ENV: 'development' })).toEqual({});
    },
  );
});

describe('env files', () => {
  it('reads keys, literal single-quoted JSON, and skips comments', () => {
    expect(parseEnvFile(`# secrets\n\nA=1\nCRYPTO_KEYS='{"1":"k"}'\nB="two"\n`)).toEqual({
      A: '1',
      CRYPTO_KEYS: '{"1":"k"}',
      B: 'two',
    });
  });

  it('when a value has quotes or spaces without being quoted, then it refuses it', () => {
    expect(() => parseEnvFile('CRYPTO_KEYS={"1":"k"}')).toThrow(/line 1/);
    expect(() => parseEnvFile('MAIL_FROM=Scontrino <a@b.c>')).toThrow(/line 1/);
    expect(() => parseEnvFile('export A=1')).toThrow(/line 1/);
  });
});
