import { pino, type Logger } from 'pino';
import { loadConfig } from '../../server/config.js';
import { buildSwitchyard } from '../../server/main.js';
import type { Clock } from '../../server/lib/clock.js';
import { tempDir } from './temp-dir.js';

/**
 * A whole Switchyard on a real SQLite file in a temp dir, with workers running, but no socket:
 * tests drive `app.handler` with supertest. Returns an API key with owner rights.
 */
export async function startTestApp(env: Record<string, string> = {}, opts: { logger?: Logger; clock?: Clock; clientDir?: string } = {}) {
  const dir = tempDir();
  const config = loadConfig({ DATA_DIR: dir.path, PUBLIC_URL: 'http://127.0.0.1:9', EGRESS_ALLOW: '127.0.0.1/32', LOG_LEVEL: 'silent', ...env });
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
    async stop() {
      await app.close(2_000);
      dir.cleanup();
    },
  };
}
