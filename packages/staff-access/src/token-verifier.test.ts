import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalIssuer, type LocalIssuer } from './local-issuer.js';
import { createStaffTokenVerifier } from './token-verifier.js';

let issuer: LocalIssuer;
let server: Server;
let jwksUrl: string;

beforeAll(async () => {
  issuer = await createLocalIssuer({ issuer: 'https://login.example.com' });
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(issuer.jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const claims = { sub: 'giulia', roles: ['support' as const], tenants: ['moda-rossi'] };
const verifierAt = (url: string) =>
  createStaffTokenVerifier({ issuer: 'https://login.example.com', audience: 'scontrino', jwks: { url } });

describe('staff tokens from an identity provider', () => {
  it("are accepted when signed by a key of the provider's JWKS URL, with its issuer and audience", async () => {
    const check = await verifierAt(jwksUrl).verify(await issuer.sign(claims));
    expect(check).toMatchObject({ ok: true, staff: { subject: 'giulia', tenants: ['moda-rossi'] } });
  });

  it('are refused when signed by another key', async () => {
    const impostor = await createLocalIssuer({ issuer: 'https://login.example.com' });
    expect(await verifierAt(jwksUrl).verify(await impostor.sign(claims))).toMatchObject({ ok: false });
  });

  it('are refused, not an error, while the key set cannot be fetched', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const check = await verifierAt(`http://127.0.0.1:${port}/jwks`).verify(await issuer.sign(claims));
    expect(check).toEqual({ ok: false, reason: 'jwks_unreachable' });
  });
});
