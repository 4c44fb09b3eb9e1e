import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devSecrets } from './dev-secrets.js';
import { silentLogger } from './logger.js';
import {
  imageNodeArguments,
  SERVICES,
  startServices,
  WEB_APP_ADDRESS,
  ownEnvironmentOf,
  DEMO_AUDIT_REPORT_TO,
  type ServiceDefinition,
} from './services.js';
import { scratchDir } from './test-support.js';

/** Stands in for a service's start.ts: ready at once, and tells what configuration it got. */
const echoService = `
import { createServer } from 'node:http';
const server = createServer((request, response) => {
  if (request.url === '/readyz') return void response.writeHead(200).end('ok');
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(process.env));
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

const brokenService = `console.error('config error: CRYPTO_KEYS is not valid JSON'); process.exit(1);`;

const environment = {
  mongoUri: 'mongodb://127.0.0.1:27999',
  redisUrl: 'redis://127.0.0.1:6999',
  smtpUrl: 'smtp://127.0.0.1:1999',
  secrets: devSecrets(),
  staffAuth: {
    STAFF_TOKEN_ISSUER: 'https://staff.scontrino.localhost',
    STAFF_TOKEN_AUDIENCE: 'scontrino',
    STAFF_JWKS: '{"keys":[{"kty":"EC"}]}',
  },
  logLevel: 'warn',
  watch: false,
};

describe('startServices', () => {
  let root: Awaited<ReturnType<typeof scratchDir>>;

  async function app(
    name: string,
    source: string,
    own: Pick<ServiceDefinition, 'environment'> = {},
  ): Promise<ServiceDefinition> {
    const appDir = join(root.path, name);
    await mkdir(join(appDir, 'src'), { recursive: true });
    await writeFile(join(appDir, 'src/start.ts'), source);
    return {
      name,
      appDir,
      defaultPort: await getPort(),
      portVariable: `SCONTRINO_TEST_${name.toUpperCase()}_PORT`,
      urlVariable: `${name.toUpperCase()}_SERVICE_URL`,
      ...own,
    };
  }

  beforeAll(async () => {
    root = await scratchDir('services');
    // A developer's shell may point at a real provider's keys; the stack's services trust its own issuer.
    process.env.STAFF_JWKS_URL = 'https://login.example.com/jwks';
    // Nor does a proxy setting of the shell's reach a service that names none.
    process.env.TRUST_PROXY = '10.0.0.0/8';
  });

  afterAll(async () => {
    delete process.env.STAFF_JWKS_URL;
    delete process.env.TRUST_PROXY;
    await root.remove();
  });

  it('when a service answers /readyz, then it runs with its own database and the shared settings', async () => {
    const [echo] = await startServices(environment, silentLogger, [await app('receipt', echoService)]);
    if (!echo) throw new Error('no service started');

    const received = (await (await fetch(`${echo.url}/env`)).json()) as Record<string, string>;
    expect(received).toMatchObject({
      PORT: new URL(echo.url).port,
      MONGODB_URI: 'mongodb://127.0.0.1:27999/scontrino_receipt',
      REDIS_URL: environment.redisUrl,
      SMTP_URL: environment.smtpUrl,
      SERVICE_TOKEN: environment.secrets.SERVICE_TOKEN,
      METRICS_TOKEN: environment.secrets.METRICS_TOKEN,
      TRUST_PROXY: '',
      CRYPTO_ACTIVE_KEY: '1',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      ...environment.staffAuth,
    });
    expect(received).not.toHaveProperty('STAFF_JWKS_URL');
    expect(Buffer.from(received.LOOKUP_HASH_KEY ?? '', 'base64')).toHaveLength(32);
    expect(echo).toMatchObject({ trpcUrl: `${echo.url}/trpc`, readyzUrl: `${echo.url}/readyz` });
    await echo.stop();
  });

  it('when several services start, then each is told where every one of them listens', async () => {
    const started = await startServices(environment, silentLogger, [
      await app('receipt', echoService),
      await app('loyalty', echoService, { environment: { TRUST_PROXY: WEB_APP_ADDRESS } }),
    ]);
    try {
      const [receipt, loyalty] = started;
      if (!receipt || !loyalty) throw new Error('not every service started');
      const received = (await (await fetch(`${receipt.url}/env`)).json()) as Record<string, string>;
      expect(received).toMatchObject({
        RECEIPT_SERVICE_URL: receipt.url,
        LOYALTY_SERVICE_URL: loyalty.url,
      });
      // Its own settings reach a service, and only that one.
      expect(received.TRUST_PROXY).toBe('');
      const loyaltyEnv = (await (await fetch(`${loyalty.url}/env`)).json()) as Record<string, string>;
      expect(loyaltyEnv.TRUST_PROXY).toBe(WEB_APP_ADDRESS);
      // The web app calls the loyalty service at the address that service trusts as its proxy.
      expect(new URL(loyaltyEnv.LOYALTY_SERVICE_URL ?? '').hostname).toBe(WEB_APP_ADDRESS);
    } finally {
      await Promise.all(started.map((service) => service.stop()));
    }
  });

  it("when the stack runs, then reconciliation e-mails the weekly data-quality report to the demo administrator at the stack's mail sink", () => {
    const settings = Object.fromEntries(
      SERVICES.map((service) => [
        service.name,
        ownEnvironmentOf(service, { smtpUrl: 'smtp://127.0.0.1:2525' }),
      ]),
    );
    expect(settings.reconciliation).toMatchObject({
      AUDIT_REPORT_TO: DEMO_AUDIT_REPORT_TO,
      AUDIT_REPORT_SMTP_URL: 'smtp://127.0.0.1:2525',
    });
    expect(settings.receipt).not.toHaveProperty('AUDIT_REPORT_TO');
  });

  it("when the stack runs the loyalty app, then the loyalty service believes X-Forwarded-For from the app's address alone", () => {
    const trusted = Object.fromEntries(
      SERVICES.map((service) => [service.name, ownEnvironmentOf(service, environment).TRUST_PROXY]),
    );
    expect(trusted).toEqual({
      receipt: undefined,
      loyalty: WEB_APP_ADDRESS,
      reconciliation: undefined,
      'loyalty app': undefined,
      'back office': undefined,
    });
  });

  it("when built, then a service runs with the image's Node flags", async () => {
    const flags = await imageNodeArguments();
    expect(flags.at(-1)).toBe('dist/start.js');
    expect(flags).toContain('--max-semi-space-size=4');
    expect(flags).not.toContain('--enable-source-maps');
  });

  it('when built, then a service runs its dist/start.js, and one without a build is not started', async () => {
    const builtService = await app('receipt', `process.exit(1);`);
    await mkdir(join(builtService.appDir, 'dist'), { recursive: true });
    await writeFile(join(builtService.appDir, 'dist/start.js'), echoService);
    const [running] = await startServices({ ...environment, built: true }, silentLogger, [builtService]);
    if (!running) throw new Error('no service started');
    try {
      expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
    } finally {
      await running.stop();
    }

    const unbuilt = await app('loyalty', echoService);
    await expect(startServices({ ...environment, built: true }, silentLogger, [unbuilt])).rejects.toThrow(
      /loyalty: .*dist\/start\.js does not exist; build it first/,
    );
  });

  it('when a service exits at start, then the error names it with its last output and the others are stopped', async () => {
    const healthy = await app('loyalty', echoService);
    const start = startServices(environment, silentLogger, [
      healthy,
      await app('reconciliation', brokenService),
    ]);

    await expect(start).rejects.toThrow(
      /reconciliation exited before it was ready[\s\S]*CRYPTO_KEYS is not valid JSON/,
    );
    await expect(fetch(`http://127.0.0.1:${healthy.defaultPort}/readyz`)).rejects.toThrow();
  });
});
