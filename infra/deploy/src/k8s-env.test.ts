import { describe, expect, it } from 'vitest';
import { PLACEHOLDER, withExampleSecrets } from './example-secrets.js';
import { containerEnvironment, loadObjects, nameOf } from './k8s-objects.js';
import { SERVICES } from './repo.js';
import { configProblems, requiredInProduction, serviceEnvLoader } from './service-env.js';

const objects = loadObjects();

function environmentOf(service: string): Record<string, string> {
  const deployment = objects.deployments.find((d) => nameOf(d) === service);
  if (!deployment) throw new Error(`no Deployment ${service}`);
  return containerEnvironment(objects, deployment);
}

describe('Kubernetes base: configuration', () => {
  it.each(SERVICES)(
    '%s: the ConfigMaps and Secrets give every variable it requires in production',
    async (service) => {
      const environment = environmentOf(service);
      expect(environment.NODE_ENV).toBe('production');
      const missing = requiredInProduction(await serviceEnvLoader(service)).filter(
        (variable) => !(variable in environment),
      );
      expect(missing).toEqual([]);
    },
  );

  it.each(SERVICES)(
    '%s: with real secrets in place of the templates, then it would boot',
    async (service) => {
      const load = await serviceEnvLoader(service);
      expect(configProblems(load, withExampleSecrets(environmentOf(service)))).toEqual({});
    },
  );

  it.each(SERVICES)(
    '%s: with any Secret template value left as committed, then it refuses to boot',
    async (service) => {
      const load = await serviceEnvLoader(service);
      const environment = environmentOf(service);
      const valid = withExampleSecrets(environment);
      const required = requiredInProduction(load);
      const placeholders = Object.keys(environment).filter(
        (variable) => environment[variable] === PLACEHOLDER && required.includes(variable),
      );
      expect(placeholders).toEqual(
        expect.arrayContaining(['SERVICE_TOKEN', 'METRICS_TOKEN', 'CRYPTO_KEYS', 'MONGODB_URI']),
      );
      // One at a time, so each template value on its own is enough to stop a forgotten Secret going live.
      for (const variable of placeholders) {
        expect(() => load({ ...valid, [variable]: PLACEHOLDER }), variable).toThrow();
      }
    },
  );

  it.each(SERVICES)('%s: trusts staff tokens of the issuer in the shared ConfigMap', async (service) => {
    const environment = environmentOf(service);
    const shared = objects.configMaps.find((configMap) => nameOf(configMap) === 'scontrino-config')?.data;
    for (const variable of ['STAFF_TOKEN_ISSUER', 'STAFF_TOKEN_AUDIENCE', 'STAFF_JWKS_URL'])
      expect(environment[variable], variable).toBe(shared?.[variable]);
    expect(new URL(environment.STAFF_JWKS_URL ?? '').protocol).toBe('https:');
    const loaded = (await serviceEnvLoader(service))(withExampleSecrets(environment)) as Record<
      string,
      unknown
    >;
    if ('STAFF_TOKEN_AUDIENCE' in loaded)
      expect(loaded).toMatchObject({ STAFF_TOKEN_ISSUER: environment.STAFF_TOKEN_ISSUER });
  });

  it("when a service calls another, then the URL names that service's Kubernetes Service and port", () => {
    const servicePorts = new Map(objects.services.map((s) => [nameOf(s), s.spec?.ports?.[0]?.port]));
    for (const service of SERVICES) {
      for (const [variable, value] of Object.entries(environmentOf(service))) {
        if (!/_SERVICE_URL$/.test(variable)) continue;
        const url = new URL(value);
        expect(servicePorts.get(url.hostname), `${service} ${variable}`).toBe(Number(url.port || 80));
      }
    }
  });

  it('when a secret value is in a ConfigMap, then this check notices (keys, tokens and URLs with passwords)', () => {
    for (const configMap of objects.configMaps) {
      for (const [variable, value] of Object.entries(configMap.data ?? {})) {
        expect(variable).not.toMatch(
          /(^|_)(TOKEN|KEYS?|SECRET|PASSWORD)$|^(MONGODB_URI|REDIS_URL|SMTP_URL)$/,
        );
        expect(value).not.toMatch(/:\/\/[^/\s]*:[^/\s]*@/);
      }
    }
  });
});
