// The storage contract's part on the data store and dedupe marks (see store-contract.ts).
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../../server/store/ports/store.js';

export function describeDataStoreContract(get: () => Store): void {
  describe('data store', () => {
    it('sets, gets, replaces and deletes entries per scope', async () => {
      const store = get();
      await store.datastore.set('global', 'a', '{"n":1}', null, 10);
      await store.datastore.set('wf:x', 'a', '"other"', null, 10);
      expect(await store.datastore.get('global', 'a', 11)).toEqual({ scope: 'global', key: 'a', value: '{"n":1}', expiresAt: null, updatedAt: 10 });
      await store.datastore.set('global', 'a', '[2]', null, 12);
      expect((await store.datastore.get('global', 'a', 13))?.value).toBe('[2]');
      expect((await store.datastore.get('wf:x', 'a', 13))?.value).toBe('"other"');
      expect(await store.datastore.remove('global', 'a', 14)).toBe(true);
      expect(await store.datastore.remove('global', 'a', 14)).toBe(false);
      expect(await store.datastore.get('global', 'a', 15)).toBeUndefined();
    });

    it('hides an entry once it expires, and purges expired entries in bounded batches', async () => {
      const store = get();
      await store.datastore.set('global', 'ttl', '1', 100, 10);
      await store.datastore.set('global', 'ttl2', '1', 100, 10);
      await store.datastore.set('global', 'keep', '1', null, 10);
      expect((await store.datastore.get('global', 'ttl', 99))?.expiresAt).toBe(100);
      expect(await store.datastore.get('global', 'ttl', 100)).toBeUndefined();
      expect(await store.datastore.remove('global', 'ttl', 100)).toBe(false);
      expect(await store.datastore.footprint()).toMatchObject({ entries: 2 });
      expect(await store.datastore.purgeExpired(200, 10)).toBe(1);
      expect(await store.datastore.purgeExpired(200, 10)).toBe(0);
      expect(await store.datastore.footprint()).toEqual({ entries: 1, bytes: 'keep'.length + 1 });
    });

    it('lists live entries by prefix in key order, with a keyset cursor, literal wildcards and every scope', async () => {
      const store = get();
      for (const k of ['order:2', 'order:1', 'order_x', 'orders', 'user:1']) await store.datastore.set('wf:x', k, '1', null, 10);
      await store.datastore.set('wf:x', 'order:3', '1', 50, 10);
      await store.datastore.set('global', 'order:9', '1', null, 10);
      const keys = async (q: Partial<Parameters<Store['datastore']['list']>[0]>) =>
        (await store.datastore.list({ scope: 'wf:x', prefix: '', after: null, limit: 100, now: 60, ...q })).map((e) => `${e.scope}/${e.key}`);
      expect(await keys({ prefix: 'order:' })).toEqual(['wf:x/order:1', 'wf:x/order:2']);
      expect(await keys({ prefix: 'order_' })).toEqual(['wf:x/order_x']);
      expect(await keys({ prefix: 'order', limit: 2 })).toEqual(['wf:x/order:1', 'wf:x/order:2']);
      expect(await keys({ prefix: 'order', after: { scope: 'wf:x', key: 'order:2' } })).toEqual(['wf:x/order_x', 'wf:x/orders']);
      expect(await keys({ scope: null, prefix: 'order:' })).toEqual(['global/order:9', 'wf:x/order:1', 'wf:x/order:2']);
    });

    it('increments numbers from 0, keeps a live counter its expiry, restarts an expired one, and refuses a non-number', async () => {
      const store = get();
      expect(await store.datastore.increment('global', 'c', 2, 1_000, 10)).toEqual({ ok: true, value: 2 });
      expect(await store.datastore.increment('global', 'c', -0.5, 5_000, 20)).toEqual({ ok: true, value: 1.5 });
      expect((await store.datastore.get('global', 'c', 30))?.expiresAt).toBe(1_000);
      expect(await store.datastore.increment('global', 'c', 1, 9_000, 1_000)).toEqual({ ok: true, value: 1 });
      expect((await store.datastore.get('global', 'c', 1_001))?.expiresAt).toBe(9_000);
      await store.datastore.set('global', 's', '"text"', null, 10);
      expect(await store.datastore.increment('global', 's', 1, null, 11)).toEqual({ ok: false, reason: 'not_a_number' });
      expect((await store.datastore.get('global', 's', 12))?.value).toBe('"text"');
    });

    it('counts 100 concurrent increments of one key as 100', async () => {
      const store = get();
      const results = await Promise.all(Array.from({ length: 100 }, () => store.datastore.increment('global', 'hits', 1, null, 10)));
      expect(await store.datastore.get('global', 'hits', 11)).toMatchObject({ value: '100' });
      expect(results.map((r) => (r.ok ? r.value : -1)).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    });

    it('lets exactly one of 50 concurrent claims of one key through, and claims it again once the mark expires', async () => {
      const store = get();
      const wins = await Promise.all(Array.from({ length: 50 }, () => store.datastore.claim('dedupe:wf', 'order-7', '{}', 1_000, 10)));
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await store.datastore.claim('dedupe:wf', 'order-7', '{}', 5_000, 999)).toBe(false);
      expect((await store.datastore.get('dedupe:wf', 'order-7', 999))?.expiresAt).toBe(1_000);
      expect(await store.datastore.claim('dedupe:wf', 'order-7', '{}', 5_000, 1_000)).toBe(true);
      expect(await store.datastore.claim('dedupe:wf', 'order-8', '{}', 5_000, 1_000)).toBe(true);
    });

    it('takes part in a unit of work: a failed unit writes nothing', async () => {
      const store = get();
      await expect(
        store.write(async (tx) => {
          await tx.datastore.set('global', 'u', '1', null, 10);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await store.datastore.get('global', 'u', 11)).toBeUndefined();
    });
  });
}
