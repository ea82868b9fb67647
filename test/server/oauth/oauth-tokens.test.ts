import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { reencryptCredentials } from '../../../server/cli/secret-key-rotate.js';
import { createCredentialCipher } from '../../../server/credentials/credential-cipher.js';
import { oauthFixture } from './oauth-fixture.js';

let f: Awaited<ReturnType<typeof oauthFixture>>;
beforeEach(async () => {
  f = await oauthFixture();
});
afterEach(async () => f.close());

const token = async (c: Parameters<typeof f.tokens.accessToken>[0], opts?: { rejected?: string }) => {
  const t = await f.tokens.accessToken(c, opts);
  if (!t.ok) throw new Error(t.error.message);
  return t.accessToken;
};

describe('OAuth2 tokens against a real OpenID Connect provider', () => {
  it('connects with the code flow and PKCE, names the account, and keeps the tokens sealed', async () => {
    const c = await f.connected();
    expect(f.oidc.grants.authorization_code).toBe(1);
    const conn = await f.tokens.connection(c.id);
    expect(conn).toMatchObject({ status: 'connected', account: 'ana@example.test', generation: 1 });
    const access = await token(c);
    const row = await f.store.oauth.getTokens(c.id);
    expect(row?.ciphertext.toString('latin1')).not.toContain(access);
    expect(f.tokens.secretValues()).toContain(access);
  });

  it('refreshes ahead of expiry, once, and keeps the rotated refresh token', async () => {
    const c = await f.connected();
    const first = await token(c);
    expect(await token(c)).toBe(first);
    expect(f.oidc.grants.refresh_token ?? 0).toBe(0);
    // 3600 s tokens; refreshAheadMs is 60 s: 3550 s later the token is inside the window.
    f.clock.advance(3_550_000);
    const second = await token(c);
    expect(second).not.toBe(first);
    expect(f.oidc.grants.refresh_token).toBe(1);
    expect((await f.tokens.connection(c.id))?.generation).toBe(2);
    // The provider rotated the refresh token and the old one is spent: a second refresh works only with the new one.
    f.clock.advance(3_550_000);
    expect(await token(c)).not.toBe(second);
    expect(f.oidc.grants.refresh_token).toBe(2);
    expect((await f.tokens.connection(c.id))?.status).toBe('connected');
  });

  it('refreshes exactly once for many concurrent runs, across two processes sharing the store', async () => {
    const c = await f.connected();
    f.clock.advance(3_550_000);
    const other = f.tokensFor('proc_b');
    const answers = await Promise.all([...Array.from({ length: 12 }, () => f.tokens.accessToken(c)), ...Array.from({ length: 12 }, () => other.accessToken(c))]);
    expect(answers.every((a) => a.ok)).toBe(true);
    const values = new Set(answers.map((a) => (a.ok ? a.accessToken : '')));
    expect(values.size).toBe(1);
    expect(f.oidc.grants.refresh_token).toBe(1);
    expect((await f.tokens.connection(c.id))?.generation).toBe(2);
  });

  it('refreshes once when the target refused the token, and uses a newer stored one as it is', async () => {
    const c = await f.connected();
    const first = await token(c);
    const second = await token(c, { rejected: first });
    expect(second).not.toBe(first);
    expect(f.oidc.grants.refresh_token).toBe(1);
    // Another run still holding the first token is told the newer one, without a second refresh.
    expect(await token(c, { rejected: first })).toBe(second);
    expect(f.oidc.grants.refresh_token).toBe(1);
  });

  it('marks the credential "reconnect needed" when the provider revoked the grant, and fails without retry naming it', async () => {
    const c = await f.connected();
    f.oidc.revokeAll();
    f.clock.advance(3_550_000);
    const t = await f.tokens.accessToken(c);
    expect(t.ok).toBe(false);
    if (t.ok) return;
    expect(t.error).toMatchObject({ code: 'oauth_reconnect_needed', retryable: false });
    expect(t.error.message).toContain('"Test provider"');
    expect(t.error.message).toContain('invalid_grant');
    expect(await f.tokens.connection(c.id)).toMatchObject({ status: 'reconnect_needed' });
    // Later runs fail the same way without asking the provider again.
    const again = await f.tokens.accessToken(c);
    expect(again.ok ? '' : again.error.code).toBe('oauth_reconnect_needed');
  });

  it('treats a token endpoint answering 500 as temporary: retryable, still connected, and works once it recovers', async () => {
    const c = await f.connected();
    f.clock.advance(3_550_000);
    f.oidc.tokenMode = '500';
    const t = await f.tokens.accessToken(c);
    expect(t.ok ? '' : t.error).toMatchObject({ code: 'oauth_refresh_failed', retryable: true });
    expect(t.ok ? '' : t.error.message).toContain('500');
    expect((await f.tokens.connection(c.id))?.status).toBe('connected');
    f.oidc.tokenMode = 'ok';
    expect((await f.tokens.accessToken(c)).ok).toBe(true);
  });

  it('treats a token endpoint that never answers as temporary, after the request timeout', async () => {
    const c = await f.connected();
    f.clock.advance(3_550_000);
    f.oidc.tokenMode = 'hang';
    const t = await f.tokens.accessToken(c);
    expect(t.ok ? '' : t.error).toMatchObject({ code: 'oauth_refresh_failed', retryable: true });
    expect(t.ok ? '' : t.error.message).toContain('did not answer in time');
    expect((await f.tokens.connection(c.id))?.status).toBe('connected');
  });

  it('gets a client credentials token with no person, and a new one when it expires', async () => {
    const c = await f.credential({ grantType: 'clientCredentials', scopes: 'api:read', authorizationUrl: undefined });
    const first = await token(c);
    expect(f.oidc.grants.client_credentials).toBe(1);
    expect(await token(c)).toBe(first);
    f.clock.advance(3_550_000);
    expect(await token(c)).not.toBe(first);
    expect(f.oidc.grants.client_credentials).toBe(2);
  });

  it('keeps working after the secret key is rotated: the tokens are re-sealed with the credentials', async () => {
    const c = await f.connected();
    const before = await token(c);
    const next = randomBytes(32);
    reencryptCredentials(f.db, f.secretKey, next);
    const rotated = f.tokensFor('proc_after', createCredentialCipher(next));
    const after = await rotated.accessToken(c);
    expect(after.ok ? after.accessToken : after.error.message).toBe(before);
    // The old key opens them no more.
    const stale = await f.tokens.accessToken(c);
    expect(stale.ok ? '' : stale.error.code).toBe('credential_unreadable');
  });
});
