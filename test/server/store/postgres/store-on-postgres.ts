import { afterAll, beforeAll } from 'vitest';
import pg from 'pg';
import { openPostgresStore, type OpenedPostgresStore } from '../../../../server/store/postgres/open-postgres-store.js';
import { freshPostgresDatabase } from '../../../support/postgres.js';
import { definition } from '../contract/contract-fixtures.js';

/** What a test file of this folder works on: a store on a fresh database holding workflow `wf`, and a plain client on the same database. */
export interface StoreOnPostgres {
  database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  opened: OpenedPostgresStore;
  sql: pg.Client;
}

/**
 * Opens a store on a fresh database (workflow `wf` created) and a plain client before the file's
 * tests, and closes and drops them after. The fields are filled once `beforeAll` has run.
 */
export function useStoreOnPostgres(): StoreOnPostgres {
  const on = {} as StoreOnPostgres;
  beforeAll(async () => {
    on.database = await freshPostgresDatabase();
    on.opened = await openPostgresStore(on.database.url, { max: 4 });
    await on.opened.store.workflows.create('wf', definition('wf'), 0, null);
    on.sql = new pg.Client({ connectionString: on.database.url });
    await on.sql.connect();
  }, 30_000);
  afterAll(async () => {
    await on.sql?.end();
    await on.opened?.close();
    await on.database?.drop();
  });
  return on;
}
