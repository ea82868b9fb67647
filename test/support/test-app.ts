import { pino, type Logger } from 'pino';
import { loadConfig } from '../../server/config.js';
import { buildSwitchyard } from '../../server/main.js';
import type { Clock } from '../../server/lib/clock.js';
import { tempDir } from './temp-dir.js';
import { migratedPostgresDatabase } from './migrated-postgres.js';
import { dropInBackground } from './dropped-after-file.js';

/**
 * SWITCHYARD_TEST_DATABASE=postgres runs every test app on PostgreSQL: a fresh database per app,
 * already migrated (test/support/migrated-postgres.ts), dropped when the app stops. Unset (or `sqlite`): a SQLite file.
 */
const onPostgres = process.env.SWITCHYARD_TEST_DATABASE === 'postgres';

/**
 * The environment that puts a test app on PostgreSQL when asked, and how to clean up after it:
 * `drop` returns at once, the database goes in the background and the file waits for it at its
 * end (dropped-after-file.ts, vitest.postgres.config.ts).
 */
export async function databaseEnv(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (!onPostgres) return { env: {}, drop: async () => undefined };
  const database = await migratedPostgresDatabase();
  return { env: { DATABASE_URL: database.url, SWITCHYARD_SECRET_KEY: '11'.repeat(32) }, drop: async () => dropInBackground(database.drop) };
}

/**
 * A whole Switchyard on a real SQLite file in a temp dir (or PostgreSQL, above), with workers running, but no socket:
 * tests drive `app.handler` with supertest. Returns an API key with owner rights.
 */
export async function startTestApp(env: Record<string, string> = {}, opts: { logger?: Logger; clock?: Clock; clientDir?: string } = {}) {
  const dir = tempDir();
  const database = await databaseEnv();
  const config = loadConfig({ DATA_DIR: dir.path, PUBLIC_URL: 'http://127.0.0.1:9', EGRESS_ALLOW: '127.0.0.1/32', LOG_LEVEL: 'silent', ...database.env, ...env });
  const app = await buildSwitchyard(config, {
    logger: opts.logger ?? pino({ level: 'silent' }),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.clientDir ? { clientDir: opts.clientDir } : {}),
  });
  await app.startWorkers();
  const { key } = await app.auth.createApiKey('test', null);
  return {
    app,
    config,
    key,
    auth: { authorization: `Bearer ${key}` },
    /** The environment that points a CLI or a second process at this app's store (its data dir, and its PostgreSQL database when on one). */
    storeEnv: { DATA_DIR: dir.path, ...database.env },
    async stop() {
      await app.close(2_000);
      await database.drop();
      dir.cleanup();
    },
  };
}
