// The storage contract's part on OAuth2: pending connect states and token generations (see store-contract.ts).
import { describe, expect, it } from 'vitest';
import type { PendingOAuthState, SealedOAuthTokens } from '../../../../server/store/ports/oauth.js';
import type { Store } from '../../../../server/store/ports/store.js';

const state = (over: Partial<PendingOAuthState> = {}): PendingOAuthState => ({
  stateHash: 'h1',
  credentialId: 'cred_1',
  userId: 'usr_1',
  codeVerifier: 'v'.repeat(43),
  nonce: null,
  redirectUri: 'http://127.0.0.1/oauth/callback',
  createdAt: 1_000,
  expiresAt: 2_000,
  ...over,
});
const tokens = (over: Partial<Omit<SealedOAuthTokens, 'generation'>> = {}): Omit<SealedOAuthTokens, 'generation'> => ({
  credentialId: 'cred_1',
  status: 'connected',
  account: 'ana@example.com',
  expiresAt: 5_000,
  problem: null,
  keyId: 'k1',
  iv: Buffer.from([1, 2, 3]),
  ciphertext: Buffer.from('sealed'),
  tag: Buffer.from([9, 9]),
  updatedAt: 1_000,
  ...over,
});

export function describeOAuthContract(get: () => Store): void {
  describe('oauth states and tokens', () => {
    it('gives a pending state back once, and never after it expired', async () => {
      const store = get();
      await store.oauth.addState(state());
      await store.oauth.addState(state({ stateHash: 'old', expiresAt: 1_500 }));
      expect(await store.oauth.takeState('h1', 1_200)).toEqual(state());
      expect(await store.oauth.takeState('h1', 1_200)).toBeUndefined();
      expect(await store.oauth.takeState('old', 1_600)).toBeUndefined();
      expect(await store.oauth.takeState('nope', 1_200)).toBeUndefined();
      await store.oauth.addState(state({ stateHash: 'h2', expiresAt: 3_000 }));
      await store.oauth.addState(state({ stateHash: 'h3', expiresAt: 10_000 }));
      expect(await store.oauth.purgeStates(5_000)).toBe(1);
      expect((await store.oauth.takeState('h3', 5_000))?.stateHash).toBe('h3');
    });

    it('stores tokens only over the generation the writer read, and a new connection over anything', async () => {
      const store = get();
      expect(await store.oauth.getTokens('cred_1')).toBeUndefined();
      expect(await store.oauth.putTokens(tokens(), 1)).toBe(false);
      expect(await store.oauth.putTokens(tokens(), null)).toBe(true);
      const first = await store.oauth.getTokens('cred_1');
      expect(first).toMatchObject({ generation: 1, status: 'connected', account: 'ana@example.com', expiresAt: 5_000, keyId: 'k1' });
      expect(first?.ciphertext.equals(Buffer.from('sealed'))).toBe(true);
      expect(await store.oauth.putTokens(tokens({ ciphertext: Buffer.from('second') }), 1)).toBe(true);
      // The other writer read generation 1 too: its rotation is refused, the first one stands.
      expect(await store.oauth.putTokens(tokens({ ciphertext: Buffer.from('third') }), 1)).toBe(false);
      const second = await store.oauth.getTokens('cred_1');
      expect(second?.generation).toBe(2);
      expect(second?.ciphertext.equals(Buffer.from('second'))).toBe(true);
      expect(await store.oauth.putTokens(tokens({ account: 'bo@example.com' }), null)).toBe(true);
      expect(await store.oauth.getTokens('cred_1')).toMatchObject({ generation: 3, account: 'bo@example.com' });
      expect(await store.oauth.connections()).toEqual([{ credentialId: 'cred_1', generation: 3, status: 'connected', account: 'bo@example.com', expiresAt: 5_000, problem: null, updatedAt: 1_000 }]);
      expect(await store.oauth.removeTokens('cred_1')).toBe(true);
      expect(await store.oauth.removeTokens('cred_1')).toBe(false);
    });

    it('lets one owner at a time claim a refresh, until its claim lapses or it stores or gives back', async () => {
      const store = get();
      await store.oauth.putTokens(tokens(), null);
      expect(await store.oauth.claimRefresh('cred_1', 1, 'p1', 100, 200)).toBe(true);
      expect(await store.oauth.claimRefresh('cred_1', 1, 'p2', 150, 250)).toBe(false);
      expect(await store.oauth.claimRefresh('cred_1', 2, 'p2', 150, 250)).toBe(false);
      // p1 died: its claim lapses.
      expect(await store.oauth.claimRefresh('cred_1', 1, 'p2', 201, 300)).toBe(true);
      await store.oauth.releaseRefresh('cred_1', 'p1'); // no longer its claim: nothing changes
      expect(await store.oauth.claimRefresh('cred_1', 1, 'p3', 250, 400)).toBe(false);
      await store.oauth.releaseRefresh('cred_1', 'p2');
      expect(await store.oauth.claimRefresh('cred_1', 1, 'p3', 250, 400)).toBe(true);
      expect(await store.oauth.putTokens(tokens(), 1)).toBe(true);
      expect(await store.oauth.claimRefresh('cred_1', 2, 'p4', 260, 400)).toBe(true);
    });

    it('marks a generation as needing a reconnect, and not one that changed meanwhile', async () => {
      const store = get();
      await store.oauth.putTokens(tokens(), null);
      expect(await store.oauth.markReconnectNeeded('cred_1', 2, 'revoked', 7)).toBe(false);
      expect(await store.oauth.markReconnectNeeded('cred_1', 1, 'revoked', 7)).toBe(true);
      expect(await store.oauth.getTokens('cred_1')).toMatchObject({ generation: 1, status: 'reconnect_needed', problem: 'revoked', updatedAt: 7 });
    });
  });
}
