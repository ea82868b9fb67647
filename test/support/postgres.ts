// A real PostgreSQL for tests: 127.0.0.1:5432 with trust auth (CI starts it; .ci/run). Each
// test file gets its own database, dropped at the end. Unreachable PostgreSQL fails the test:
// a skipped suite would hide that the second implementation was never checked.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The maintenance database the test databases are created from. */
export const postgresAdminUrl = process.env.SWITCHYARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The same server with another database. */
export const withDatabase = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

/** Runs `work` on one connection to the maintenance database. */
export async function onAdminDatabase<T>(work: (client: pg.Client) => Promise<T>, adminUrl = postgresAdminUrl): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${adminUrl}: start it (see docs/scale-out.md) or set SWITCHYARD_TEST_PG_URL`, { cause: error });
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs one statement on the maintenance database. */
const admin = (sql: string, adminUrl = postgresAdminUrl) => onAdminDatabase((c) => c.query(sql), adminUrl).then(() => undefined);

/** A new, empty database `sy_<random>` (on the server of `adminUrl`); `drop` removes it (closing any connection left to it). */
export async function freshPostgresDatabase(adminUrl = postgresAdminUrl): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `sy_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`, adminUrl);
  return { url: withDatabase(adminUrl, name), name, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, adminUrl) };
}
