import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consentOverHttp } from '../../support/oidc-server.js';
import { oauthFixture } from './oauth-fixture.js';

let f: Awaited<ReturnType<typeof oauthFixture>>;
beforeEach(async () => {
  f = await oauthFixture();
});
afterEach(async () => f.close());

async function consentUrl(userId = 'usr_ana') {
  const c = await f.credential();
  const started = await f.flow.start(c.id, userId);
  if (!('authorizationUrl' in started)) throw new Error('expected a consent URL');
  return { c, url: started.authorizationUrl };
}

describe('the connect flow: state bound to the person and the credential, single use, short-lived', () => {
  it('refuses an answer brought back by another signed-in person, and the state is spent by that attempt', async () => {
    const { c, url } = await consentUrl();
    const back = await consentOverHttp(url);
    const bob = await f.flow.finish(back.searchParams, 'usr_bob');
    expect(bob).toMatchObject({ ok: false });
    expect(bob.ok ? '' : bob.message).toContain('started by someone else');
    const ana = await f.flow.finish(back.searchParams, 'usr_ana');
    expect(ana.ok ? '' : ana.message).toContain('already used');
    expect(await f.tokens.connection(c.id)).toBeUndefined();
  });

  it('refuses an answer that comes after the state expired', async () => {
    const { c, url } = await consentUrl();
    const back = await consentOverHttp(url);
    f.clock.advance(600_001);
    const late = await f.flow.finish(back.searchParams, 'usr_ana');
    expect(late.ok ? '' : late.message).toContain('came too late');
    expect(await f.tokens.connection(c.id)).toBeUndefined();
  });

  it('keeps the PKCE verifier on the server: the consent URL holds only its S256 challenge', async () => {
    const { url } = await consentUrl();
    const state = new URL(url).searchParams.get('state') ?? '';
    const pending = await f.store.oauth.takeState(createHash('sha256').update(state).digest('hex'), f.clock.now());
    expect(pending?.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url).not.toContain(pending?.codeVerifier ?? '?');
    expect(new URL(url).searchParams.get('code_challenge')).toBe(
      createHash('sha256')
        .update(pending?.codeVerifier ?? '')
        .digest('base64url'),
    );
  });

  it('refuses to start a flow for a credential of another type', async () => {
    const other = await f.credentials.create({ name: 'bearer', type: 'http-bearer', data: { token: 'tok-12345' } });
    await expect(f.flow.start(other.id, 'usr_ana')).rejects.toMatchObject({ status: 400 });
  });
});
