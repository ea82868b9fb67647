// The storage contract of workflow variables, written against the ports only; every
// implementation runs it (describeStoreContract includes it).
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../../server/store/ports/store.js';
import type { StoredVariable } from '../../../../server/store/ports/variables.js';

const sealed = (n: number) => ({ keyId: 'k1', iv: Buffer.alloc(12, n), ciphertext: Buffer.from([0, 255, n, 7]), tag: Buffer.alloc(16, n) });

export function describeVariablesContract(store: () => Store): void {
  describe('variables', () => {
    it('inserts plain and sealed variables, lists them by name, and refuses a taken name', async () => {
      const plain: StoredVariable = { name: 'b_REGION', secret: false, value: 'eu-west ✓', createdAt: 1_000, updatedAt: 1_000 };
      const secret: StoredVariable = { name: 'A_TOKEN', secret: true, sealed: sealed(1), createdAt: 2_000, updatedAt: 2_000 };
      expect(await store().variables.insert(plain)).toBe(true);
      expect(await store().variables.insert(secret)).toBe(true);
      expect(await store().variables.insert({ ...plain, value: 'other' })).toBe(false);
      // Binary order, the same on every implementation: upper case before lower case.
      expect(await store().variables.list()).toEqual([secret, plain]);
      expect(await store().variables.get('b_REGION')).toEqual(plain);
      expect(await store().variables.get('b_region')).toBeUndefined();
    });

    it('updates a value and its secret flag both ways, and removes', async () => {
      await store().variables.insert({ name: 'X', secret: false, value: 'one', createdAt: 1_000, updatedAt: 1_000 });
      expect(await store().variables.update({ name: 'X', secret: true, sealed: sealed(2), updatedAt: 3_000 })).toBe(true);
      expect(await store().variables.get('X')).toEqual({ name: 'X', secret: true, sealed: sealed(2), createdAt: 1_000, updatedAt: 3_000 });
      expect(await store().variables.update({ name: 'X', secret: false, value: '', updatedAt: 4_000 })).toBe(true);
      expect(await store().variables.get('X')).toEqual({ name: 'X', secret: false, value: '', createdAt: 1_000, updatedAt: 4_000 });
      expect(await store().variables.update({ name: 'Y', secret: false, value: 'v', updatedAt: 5_000 })).toBe(false);
      expect(await store().variables.remove('X')).toBe(true);
      expect(await store().variables.remove('X')).toBe(false);
      expect(await store().variables.list()).toEqual([]);
    });

    it('takes part in a unit of work: a failed unit leaves no variable behind', async () => {
      await expect(
        store().write(async (tx) => {
          await tx.variables.insert({ name: 'GONE', secret: false, value: 'v', createdAt: 1, updatedAt: 1 });
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await store().variables.get('GONE')).toBeUndefined();
    });
  });
}
