import * as oauth from 'oauth4webapi';

/**
 * Staff sign-in with the authorization-code flow and PKCE (S256), with oauth4webapi doing the
 * protocol: the authorization request, the response's state and issuer checks, the code exchange
 * and the ID token's validation. The tokens stay on the server (session.ts).
 */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string | undefined;
  /** Without discovery (the local stack's demo sign-in); both or neither. */
  authorizationEndpoint?: string | undefined;
  tokenEndpoint?: string | undefined;
  redirectUri: string;
}

/** What the server keeps between sending the browser to the provider and its coming back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface SignedIn {
  accessToken: string;
  /** Seconds since the epoch. */
  expiresAt: number;
  subject: string;
  name: string | null;
}

export interface StaffSignIn {
  start(): Promise<{ url: URL; pending: PendingSignIn }>;
  finish(callbackUrl: URL, pending: PendingSignIn): Promise<SignedIn>;
}

const insecureLocal = (url: string) => /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(url);

export async function staffSignIn(settings: OidcSettings): Promise<StaffSignIn> {
  const explicit = settings.authorizationEndpoint !== undefined && settings.tokenEndpoint !== undefined;
  // Plain HTTP only to this machine's own demo sign-in; a real provider is reached over HTTPS.
  const allowHttp = explicit && insecureLocal(settings.tokenEndpoint ?? '');
  const options = allowHttp ? { [oauth.allowInsecureRequests]: true } : {};
  let as: oauth.AuthorizationServer;
  if (explicit) {
    as = {
      issuer: settings.issuer,
      authorization_endpoint: settings.authorizationEndpoint,
      token_endpoint: settings.tokenEndpoint,
      code_challenge_methods_supported: ['S256'],
    };
  } else {
    const issuer = new URL(settings.issuer);
    as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { algorithm: 'oidc' }),
    );
  }
  const client: oauth.Client = { client_id: settings.clientId, id_token_signed_response_alg: 'ES256' };
  if (as.id_token_signing_alg_values_supported?.length)
    client.id_token_signed_response_alg = as.id_token_signing_alg_values_supported.includes('ES256')
      ? 'ES256'
      : as.id_token_signing_alg_values_supported[0];
  const clientAuth = settings.clientSecret ? oauth.ClientSecretPost(settings.clientSecret) : oauth.None();

  return {
    async start() {
      const pending: PendingSignIn = {
        state: oauth.generateRandomState(),
        nonce: oauth.generateRandomNonce(),
        codeVerifier: oauth.generateRandomCodeVerifier(),
      };
      const url = new URL(as.authorization_endpoint ?? '');
      url.searchParams.set('client_id', settings.clientId);
      url.searchParams.set('redirect_uri', settings.redirectUri);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('scope', 'openid profile');
      url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(pending.codeVerifier));
      url.searchParams.set('code_challenge_method', 'S256');
      url.searchParams.set('state', pending.state);
      url.searchParams.set('nonce', pending.nonce);
      return { url, pending };
    },
    async finish(callbackUrl, pending) {
      const params = oauth.validateAuthResponse(as, client, callbackUrl, pending.state);
      const response = await oauth.authorizationCodeGrantRequest(
        as,
        client,
        clientAuth,
        params,
        settings.redirectUri,
        pending.codeVerifier,
        options,
      );
      const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
        expectedNonce: pending.nonce,
        requireIdToken: true,
      });
      const claims = oauth.getValidatedIdTokenClaims(result);
      if (!claims) throw new Error('the provider sent no ID token');
      return {
        accessToken: result.access_token,
        expiresAt: Math.floor(Date.now() / 1000) + (result.expires_in ?? 3600),
        subject: claims.sub,
        name: typeof claims.name === 'string' ? claims.name : null,
      };
    },
  };
}
