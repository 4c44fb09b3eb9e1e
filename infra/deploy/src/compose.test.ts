import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeSchemaDigest, composeSchemaErrors, parseCompose, readCompose } from './compose-file.js';
import { parseEnvFile } from './dotenv.js';
import { readRepoFile, repoPath, SERVICES } from './repo.js';
import { configProblems, requiredInProduction, serviceEnvLoader } from './service-env.js';

const compose = readCompose();
const exampleSecrets = parseEnvFile(readRepoFile('infra', 'compose', '.env.example'));

/** What a container of the service sees: its env_file (the example stands for the real one), then `environment`. */
function environmentOf(service: string): Record<string, string> {
  const definition = compose.services[service];
  const environment = Object.entries(definition?.environment ?? {}).map(([k, v]): [string, string] => [
    k,
    String(v ?? ''),
  ]);
  return { ...exampleSecrets, ...Object.fromEntries(environment) };
}

describe('compose.yaml', () => {
  it('is valid against the Compose Specification schema (vendored, unmodified)', () => {
    expect(composeSchemaDigest()).toBe('349a9ca0dbd2bd1feece7f23a8e14ba5a9dfbc2ad89e7c0bcd6c909fa20d4c5a');
    expect(composeSchemaErrors(compose)).toEqual([]);
  });

  it('when a compose file is wrong, then the schema check says where (so the check above can fail)', () => {
    const broken = parseCompose(`
services:
  web:
    image: nginx
    restart: 42
    ports: "80:80"
    depends_on: { db: { condition: when-i-feel-like-it } }
    helthcheck: { test: [CMD, "true"] }
`);
    const errors = composeSchemaErrors(broken).join('\n');
    for (const path of [
      '/services/web/restart',
      '/services/web/ports',
      '/services/web/depends_on/db/condition',
    ]) {
      expect(errors).toContain(path);
    }
    // A misspelt key (helthcheck) is refused too, not silently ignored.
    expect(errors).toContain('/services/web: must NOT have unevaluated properties');
  });

  it('builds each service from the Dockerfile with its name as build argument', () => {
    for (const service of SERVICES) {
      const build = compose.services[service]?.build;
      expect(build?.args?.SERVICE, service).toBe(service);
      expect(existsSync(repoPath('infra', 'compose', build?.context ?? '', build?.dockerfile ?? ''))).toBe(
        true,
      );
    }
  });

  it.each(SERVICES)(
    '%s: environment and .env give every variable it requires, with values it accepts',
    async (service) => {
      const load = await serviceEnvLoader(service);
      const environment = environmentOf(service);
      expect(environment.NODE_ENV).toBe('production');
      expect(requiredInProduction(load).filter((variable) => !(variable in environment))).toEqual([]);
      expect(configProblems(load, environment)).toEqual({});
    },
  );

  it('keeps secrets in the env file: the example is clearly fake, and compose.yaml holds none', () => {
    for (const variable of ['SERVICE_TOKEN', 'METRICS_TOKEN', 'CRYPTO_KEYS', 'LOOKUP_HASH_KEY']) {
      expect(exampleSecrets[variable]).toBeDefined();
      for (const service of SERVICES)
        expect(compose.services[service]?.environment ?? {}).not.toHaveProperty(variable);
    }
    expect(exampleSecrets.SERVICE_TOKEN).toMatch(/FAKE/);
    expect(exampleSecrets.METRICS_TOKEN).toMatch(/FAKE/);
    for (const key of [
      ...Object.values(JSON.parse(exampleSecrets.CRYPTO_KEYS ?? '{}') as Record<string, string>),
      exampleSecrets.LOOKUP_HASH_KEY ?? '',
    ]) {
      expect(Buffer.from(key, 'base64').toString('utf8')).toMatch(/^FAKE-/);
    }
    for (const service of SERVICES) expect(compose.services[service]?.env_file).toBe('.env');
    expect(readRepoFile('infra', 'compose', '.gitignore')).toMatch(/^\.env$/m);
  });

  it('when a service waits for another, then that one reports health or runs to completion', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        const target = compose.services[dependency];
        expect(target, `${name} → ${dependency}`).toBeDefined();
        if (condition === 'service_healthy') expect(target?.healthcheck?.test, dependency).toBeDefined();
        if (condition === 'service_completed_successfully') expect(target?.restart).toBe('no');
      }
    }
    for (const service of SERVICES) {
      const test = compose.services[service]?.healthcheck?.test;
      expect(JSON.stringify(test)).toContain('/readyz');
      expect(compose.services[service]?.depends_on).toMatchObject({
        'mongo-init': { condition: 'service_completed_successfully' },
        redis: { condition: 'service_healthy' },
      });
    }
  });

  it('runs MongoDB as a replica set the services connect to, and services reach each other by name', () => {
    expect(compose.services.mongo?.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(JSON.stringify(compose.services['mongo-init']?.command)).toContain('rs.initiate');
    for (const service of SERVICES) {
      const environment = environmentOf(service);
      expect(new URL(environment.MONGODB_URI ?? '').searchParams.get('replicaSet')).toBe('rs0');
      for (const [variable, value] of Object.entries(environment)) {
        if (!variable.endsWith('_SERVICE_URL')) continue;
        const url = new URL(value);
        expect(SERVICES as readonly string[]).toContain(url.hostname);
        expect(url.port).toBe(environmentOf(url.hostname).PORT);
      }
    }
  });

  it.each(SERVICES)(
    '%s: trusts staff tokens of one issuer, its keys fetched from a JWKS URL',
    async (service) => {
      const environment = environmentOf(service);
      expect(new URL(environment.STAFF_TOKEN_ISSUER ?? '').protocol).toBe('https:');
      expect(new URL(environment.STAFF_JWKS_URL ?? '').protocol).toBe('https:');
      expect(environment).not.toHaveProperty('STAFF_JWKS');
      // A service that reads staff settings (reconciliation-service will) reads these ones.
      const loaded = (await serviceEnvLoader(service))(environment) as Record<string, unknown>;
      if ('STAFF_TOKEN_AUDIENCE' in loaded)
        expect(loaded).toMatchObject({
          STAFF_TOKEN_ISSUER: environment.STAFF_TOKEN_ISSUER,
          STAFF_JWKS_URL: environment.STAFF_JWKS_URL,
        });
    },
  );

  it('runs the services locked down: read-only, no capabilities, time to drain on stop', () => {
    for (const service of SERVICES) {
      expect(compose.services[service]).toMatchObject({ read_only: true, cap_drop: ['ALL'] });
      expect(compose.services[service]?.stop_grace_period).toMatch(/^\d+s$/);
    }
  });
});
