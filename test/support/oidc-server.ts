// A real OpenID Connect provider (oidc-provider) on 127.0.0.1 for OAuth2 tests: authorization
// code with PKCE, refresh tokens (rotated), client credentials. The test is the provider's
// operator: it can count token requests, revoke every grant, or make the token endpoint fail.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string; consumed?: number };

/** Every model's records in plain maps, one set per provider: revocation is a delete. */
function adapterFactory() {
  const tables = new Map<string, Map<string, Payload>>();
  const table = (name: string) => tables.get(name) ?? tables.set(name, new Map()).get(name)!;
  const factory = (name: string) => ({
    upsert: async (id: string, payload: Payload) => void table(name).set(id, payload),
    find: async (id: string) => table(name).get(id),
    findByUid: async (uid: string) => [...table(name).values()].find((p) => p.uid === uid),
    findByUserCode: async (code: string) => [...table(name).values()].find((p) => p.userCode === code),
    consume: async (id: string) => {
      const p = table(name).get(id);
      if (p) p.consumed = Math.floor(Date.now() / 1000);
    },
    destroy: async (id: string) => void table(name).delete(id),
    revokeByGrantId: async (grantId: string) => {
      for (const t of tables.values()) for (const [id, p] of t) if (p.grantId === grantId) t.delete(id);
    },
  });
  return { factory, revokeAll: () => (tables.get('RefreshToken')?.clear(), tables.get('Grant')?.clear()) };
}

export interface OidcServer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Token endpoint requests that succeeded, by grant type. */
  grants: Record<string, number>;
  /** `ok`: normal. `500`: the token endpoint answers 500. `hang`: it never answers. */
  tokenMode: 'ok' | '500' | 'hang';
  revokeAll(): void;
  close(): Promise<void>;
}

/** Starts the provider; `redirectUri` is Switchyard's callback; `accessTokenTtl` in seconds. */
export async function startOidcServer(opts: { redirectUri: string; accessTokenTtl?: number }): Promise<OidcServer> {
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const adapter = adapterFactory();
  const provider = new Provider(issuer, {
    adapter: adapter.factory as never,
    clients: [
      {
        client_id: 'switchyard',
        client_secret: 'provider-client-secret-5f1c',
        redirect_uris: [opts.redirectUri],
        grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: 'openid email offline_access api:read',
      },
    ],
    features: { devInteractions: { enabled: true }, clientCredentials: { enabled: true }, revocation: { enabled: true } },
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'offline_access', 'api:read'],
    claims: { openid: ['sub'], email: ['email'] },
    findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => ({ sub: id, email: `${id}@example.test` }) }),
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(g: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: () => true,
    // The id_token carries the email itself, as Google's does, so the connected account can be named from it.
    conformIdTokenClaims: false,
    ttl: {
      AccessToken: opts.accessTokenTtl ?? 3600,
      ClientCredentials: opts.accessTokenTtl ?? 3600,
      Session: 3600,
      Interaction: 600,
      Grant: 3600,
      AuthorizationCode: 60,
      RefreshToken: 86_400,
      IdToken: 3600,
    },
  } as never);
  provider.proxy = false;
  const state: OidcServer = {
    issuer,
    clientId: 'switchyard',
    clientSecret: 'provider-client-secret-5f1c',
    grants: {},
    tokenMode: 'ok',
    revokeAll: adapter.revokeAll,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
  provider.use(async (ctx, next) => {
    if (ctx.path === '/token' && state.tokenMode === '500') {
      ctx.status = 500;
      ctx.body = 'token endpoint is broken';
      return;
    }
    if (ctx.path === '/token' && state.tokenMode === 'hang') return new Promise<void>(() => undefined);
    await next();
  });
  provider.on('grant.success', (ctx: { oidc: { params?: { grant_type?: unknown } } }) => {
    const g = String(ctx.oidc.params?.grant_type ?? '?');
    state.grants[g] = (state.grants[g] ?? 0) + 1;
  });
  server.on('request', provider.callback());
  return state;
}

/** Follows one consent through the provider's dev interactions as a browser would (login, consent); resolves the redirect to `redirectUri`. */
export async function consentOverHttp(authorizationUrl: string, opts: { login?: string; decline?: boolean } = {}): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  let url = new URL(authorizationUrl);
  let method = 'GET';
  let body: string | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, { method, redirect: 'manual', headers: { cookie: cookieHeader(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }, body });
    keep(res);
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.pathname.endsWith('/oauth/callback')) return next;
      url = next;
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`consent stopped at ${url.pathname} with ${res.status}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (opts.decline) {
      url = new URL(`${url.pathname.replace(/\/$/, '')}/abort`, url);
      method = 'GET';
      body = undefined;
      continue;
    }
    url = new URL(action.replace(/&amp;/g, '&'), url);
    method = 'POST';
    body = prompt === 'login' ? new URLSearchParams({ prompt: 'login', login: opts.login ?? 'ana', password: 'x' }).toString() : new URLSearchParams({ prompt: 'consent' }).toString();
  }
  throw new Error('too many hops through the consent');
}

/** The data of an oauth2 credential for this provider's client; `over` replaces fields. */
export const oauth2DataFor = (oidc: OidcServer, over: Record<string, unknown> = {}) => ({
  clientId: oidc.clientId,
  clientSecret: oidc.clientSecret,
  authorizationUrl: `${oidc.issuer}/auth`,
  tokenUrl: `${oidc.issuer}/token`,
  issuer: oidc.issuer,
  scopes: 'openid email offline_access api:read',
  ...over,
});
