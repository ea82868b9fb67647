import { pino } from 'pino';
import request from 'supertest';
import { loadConfig } from '../../../server/config.js';
import { buildSwitchyard } from '../../../server/main.js';
import { csrfTokenFor } from '../../../server/http/csrf.js';
import { newId } from '../../../server/lib/ids.js';
import type { Role } from '../../../server/store/ports/users.js';
import { hashPassword } from '../../../server/services/passwords.js';
import { tempDir } from '../../support/temp-dir.js';
import { databaseEnv } from '../../support/test-app.js';

export const PASSWORD = 'correct horse battery';

/** Headers of a signed-in browser: the session cookie, its CSRF cookie and the echoed header. */
export const sessionHeaders = (token: string) => ({ cookie: `sy_session=${token}; sy_csrf=${csrfTokenFor(token)}`, 'x-csrf-token': csrfTokenFor(token) });

/** The `name=value` part of each Set-Cookie of a response, joined for a Cookie header. */
export const cookiesOf = (res: request.Response): string =>
  ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .map((c) => c.split(';')[0] ?? '')
    .join('; ');

/**
 * A whole Switchyard on a real SQLite file (or PostgreSQL, test-app.ts) whose clock runs with the system's plus an offset
 * the test moves (`advance`), so session and link expiry are tested without waiting, while
 * workers, retries and timers keep real time.
 */
export async function startAccessApp(env: Record<string, string> = {}) {
  const dir = tempDir();
  let offset = 0;
  const clock = { now: () => Date.now() + offset };
  const database = await databaseEnv();
  const config = loadConfig({ DATA_DIR: dir.path, PUBLIC_URL: 'http://127.0.0.1:9', EGRESS_ALLOW: '127.0.0.1/32', LOG_LEVEL: 'silent', ...database.env, ...env });
  const app = await buildSwitchyard(config, { clock, logger: pino({ level: 'silent' }) });
  await app.startWorkers();
  const { key } = await app.auth.createApiKey('installation', null);

  /** A user with a role and a known password, made directly in the store (no HTTP, no throttle). */
  const addUser = async (role: Role, email = `${role}-${newId('u').slice(-8)}@example.test`, name = `${role[0]?.toUpperCase()}${role.slice(1)} Person`) => {
    const passwordHash = await hashPassword(PASSWORD);
    const user = { id: newId('usr'), email, name, role, passwordHash, createdAt: clock.now() };
    await app.store.users.insert(user);
    return user;
  };
  /** A fresh session for a user, as if they had just signed in. */
  const signIn = async (user: { id: string }) => {
    const row = await app.store.users.byId(user.id);
    if (!row) throw new Error(`no user ${user.id}`);
    const s = await app.auth.sessions.start(row);
    return { token: s.token, sessionId: s.sessionId, headers: sessionHeaders(s.token) };
  };

  return {
    app,
    config,
    clock,
    owner: { authorization: `Bearer ${key}` },
    http: () => request(app.handler),
    addUser,
    signIn,
    advance: (ms: number) => {
      offset += ms;
    },
    async stop() {
      await app.close(2_000);
      await database.drop();
      dir.cleanup();
    },
  };
}
export type AccessApp = Awaited<ReturnType<typeof startAccessApp>>;
