import type { Server } from 'node:http';
import type { Config } from './config.js';
import { wantsHumanOutput } from './lib/logger.js';
import { lockDataDir } from './lib/data-dir.js';
import { createHttpServer } from './http/http-server.js';
import { keepHelperThreadsLow } from './lib/helper-thread-priority.js';
import { describeRoles } from './scale/roles.js';
import { buildSwitchyard, type Switchyard } from './main.js';

/**
 * Runs Switchyard until SIGTERM or SIGINT, then shuts down gracefully. With the web role it serves
 * HOST:PORT (editor, API, trigger URLs); a process without it opens no port. SQLite mode locks
 * the data dir (one process per database); with PostgreSQL any number of processes share it.
 */
export async function startSwitchyard(config: Config): Promise<{ server?: Server; app: Switchyard; stop: () => Promise<void> }> {
  const unlock = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir);
  const app = await buildSwitchyard(config);
  let server: Server | undefined;
  if (config.roles.has('web')) {
    const s = createHttpServer(app.handler, config.ingress);
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(config.port, config.host, () => resolve());
    });
    server = s;
  }
  await app.startWorkers();
  const stopLowering = await keepHelperThreadsLow(config.helperThreadsNice);
  const roles = describeRoles(config.roles);
  app.logger.info({ url: server ? config.publicUrl : undefined, store: app.storeKind, roles, dataDir: config.databaseUrl ? undefined : config.dataDir }, 'Switchyard is ready');
  // For a person at a terminal: the one line to read among the logs. Never in a JSON stream.
  if (wantsHumanOutput(config.logFormat)) process.stdout.write(server ? `Switchyard is ready: ${config.publicUrl}\n` : `Switchyard is ready (roles: ${roles}; no web role, so no port).\n`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      app.logger.info('shutting down: no new requests; running steps get time to finish');
      stopLowering();
      const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
      server?.closeIdleConnections();
      await app.close();
      server?.closeAllConnections();
      await closed;
      unlock();
    })());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void stop().then(() => process.exit(0));
    });
  }
  return { server, app, stop };
}
