import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openPostgresStore } from '../../../../server/store/postgres/open-postgres-store.js';
import { freshPostgresDatabase } from '../../../support/postgres.js';

const database = freshPostgresDatabase();
afterAll(async () => (await database).drop());

/** Resolves once some session waits for an advisory lock in this database (or after `ms`). */
async function someoneWaits(url: string, ms: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
      const r = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
      );
      if ((r.rows[0]?.n ?? 0) > 0) return true;
    }
    return false;
  } finally {
    await client.end();
  }
}

// users-service keeps an owner: it counts the owners inside the unit that demotes one. Behind
// SQLite's one writer two such units cannot interleave; on PostgreSQL the count takes the
// accounts lock, so the second unit counts after the first committed.
describe('two processes demoting the only two owners at once', () => {
  it('leaves one owner: the second unit counts after the first committed', async () => {
    const { url } = await database;
    const [one, two] = [await openPostgresStore(url, { max: 2 }), await openPostgresStore(url, { max: 2 })];
    try {
      for (const id of ['a', 'b']) await one.store.users.insert({ id, email: `${id}@example.test`, name: id, role: 'owner', passwordHash: 'h', createdAt: 1 });
      let counted = () => {};
      const firstCounted = new Promise<void>((resolve) => (counted = resolve));
      // The first unit holds its count open until the second is seen waiting for the lock (it waits
      // in vain without the lock, then goes on and both demotions pass their checks).
      const first = one.store.write(async (tx) => {
        if ((await tx.users.countRole('owner')) <= 1) throw new Error('last owner');
        counted();
        await someoneWaits(url, 3_000);
        await tx.users.setRole('b', 'editor');
      });
      await firstCounted;
      const second = two.store.write(async (tx) => {
        if ((await tx.users.countRole('owner')) <= 1) throw new Error('last owner');
        await tx.users.setRole('a', 'editor');
      });
      const [a, b] = await Promise.allSettled([first, second]);
      expect(a.status).toBe('fulfilled');
      expect(b.status === 'rejected' && String(b.reason)).toContain('last owner');
      expect(await one.store.users.countRole('owner')).toBe(1);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
