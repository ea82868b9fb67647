// A migrated PostgreSQL database for a test in ~30 ms instead of ~250 ms: the migrations run once
// into a template database, and every test database is a copy of it (CREATE DATABASE ... TEMPLATE),
// which is what PostgreSQL does for an empty database too, only from template1. The second pass of
// the server suite opens hundreds of test apps; migrating each from nothing was most of its time.
// The migrations themselves are tested from nothing in test/server/store/postgres/migrate.test.ts.
import { createHash, randomBytes } from 'node:crypto';
import { postgresMigrations } from '../../server/store/postgres/migrations/index.js';
import { runPostgresMigrations } from '../../server/store/postgres/migrate.js';
import { createPostgresPool } from '../../server/store/postgres/pool.js';
import { onAdminDatabase as admin, postgresAdminUrl, withDatabase } from './postgres.js';

const DUPLICATE_DATABASE = '42P04';

/**
 * The template's name says what is in it: the migration list (versions and SQL) and the schema.
 * A changed migration list gets a new template, never a stale one; worktrees and test processes
 * with the same list share one.
 */
function templateName(schema: string | undefined): string {
  const content = JSON.stringify([schema ?? null, postgresMigrations.map((m) => [m.version, m.sql])]);
  return `sy_template_${createHash('sha256').update(content).digest('hex').slice(0, 16)}`;
}

/**
 * Makes the template when it is missing. It is migrated under another name and renamed only once
 * complete, so a clone never sees a half-migrated template; when two processes race, the first
 * rename wins and the other drops its copy. Marked IS_TEMPLATE (a plain DROP refuses it) and
 * closed to connections (a connection to a template makes every clone of it fail).
 */
async function ensureTemplate(name: string, schema: string | undefined): Promise<void> {
  const exists = await admin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
  if (exists) return;
  const building = `sy_building_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${building}`));
  const pool = createPostgresPool({ url: withDatabase(postgresAdminUrl, building), schema, max: 1 });
  try {
    await runPostgresMigrations(pool, { schema });
  } finally {
    await pool.end();
  }
  await admin(async (c) => {
    await c.query(`ALTER DATABASE ${building} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    try {
      await c.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    } catch (error) {
      await c.query(`ALTER DATABASE ${building} WITH IS_TEMPLATE false`);
      await c.query(`DROP DATABASE ${building}`);
      if ((error as { code?: string }).code !== DUPLICATE_DATABASE) throw error;
    }
  });
}

/** One template build per process and schema; the first caller builds it, the others wait for it. */
const templates = new Map<string, Promise<void>>();

/**
 * A new database `sy_<random>` with every migration applied (its tables in `schema` when given,
 * else in `public`), as a fresh one would be after the store's first start; `drop` removes it
 * (closing every connection left to it).
 */
export async function migratedPostgresDatabase(opts: { schema?: string } = {}): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const template = templateName(opts.schema);
  let ready = templates.get(template);
  if (!ready) {
    ready = ensureTemplate(template, opts.schema);
    templates.set(template, ready);
    ready.catch(() => templates.delete(template));
  }
  await ready;
  const name = `sy_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return {
    url: withDatabase(postgresAdminUrl, name),
    name,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
