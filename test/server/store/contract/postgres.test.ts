import { afterAll } from 'vitest';
import { openPostgresStore } from '../../../../server/store/postgres/open-postgres-store.js';
import { freshPostgresDatabase } from '../../../support/postgres.js';
import { describeStoreContract } from './store-contract.js';

// A real PostgreSQL: one database for this file, a fresh schema (migrated from nothing) for
// every test. No PostgreSQL on 127.0.0.1:5432 fails every test here instead of skipping them.
let database: ReturnType<typeof freshPostgresDatabase> | undefined;
let schemas = 0;
afterAll(async () => {
  if (database) await (await database).drop();
});

describeStoreContract('PostgreSQL', async () => {
  database ??= freshPostgresDatabase();
  const { url } = await database;
  const { store, close } = await openPostgresStore(url, { schema: `contract_${++schemas}`, max: 4 });
  return { store, close };
});
