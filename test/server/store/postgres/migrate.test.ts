import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresPool } from '../../../../server/store/postgres/pool.js';
import { runPostgresMigrations } from '../../../../server/store/postgres/migrate.js';
import { postgresMigrations } from '../../../../server/store/postgres/migrations/index.js';
import { freshPostgresDatabase } from '../../../support/postgres.js';

const database = freshPostgresDatabase();
afterAll(async () => (await database).drop());

describe('PostgreSQL migrations', () => {
  it('are applied once when several processes start at the same time', async () => {
    const { url } = await database;
    // Three pools stand for three processes; migration 001 creates tables without IF NOT EXISTS,
    // so applying it twice would fail.
    const pools = [1, 2, 3].map(() => createPostgresPool({ url, max: 1 }));
    try {
      const applied = await Promise.all(pools.map((p) => runPostgresMigrations(p)));
      expect(applied.sort()).toEqual([0, 0, postgresMigrations.length]);
      const rows = (await pools[0]?.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version'))?.rows;
      expect(rows?.map((r) => r.version)).toEqual(postgresMigrations.map((m) => m.version));
      expect(await runPostgresMigrations(pools[1] ?? pools[0]!)).toBe(0);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('leaves nothing of a failed migration and says which one failed', async () => {
    const { url } = await database;
    const pool = createPostgresPool({ url, schema: 'broken', max: 1 });
    try {
      const list = [{ version: 1, name: 'half', sql: 'CREATE TABLE half (id INTEGER); SELECT no_such_function()' }];
      await expect(runPostgresMigrations(pool, { schema: 'broken', list })).rejects.toThrow('PostgreSQL migration 1 (half) failed');
      expect((await pool.query("SELECT to_regclass('broken.half') AS t")).rows[0]).toEqual({ t: null });
      expect((await pool.query('SELECT count(*) AS n FROM schema_migrations')).rows[0]).toEqual({ n: 0 });
    } finally {
      await pool.end();
    }
  });
});
