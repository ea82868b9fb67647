import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Coordination, Leadership, NoticeChannel } from '../ports/coordination.js';
import { connectionConfig, type PostgresOptions } from './pool.js';
import { createLeaderLock } from './leader-lock.js';

export interface PgCoordinationOptions {
  /** How long to wait before connecting again after the LISTEN or leader connection broke. */
  retryMs?: number;
  /** A connection problem worth a log line (never fatal: the next try follows). */
  onProblem?: (what: string, error: unknown) => void;
}

/** Channel names per schema, so stores in different schemas of one database never hear each other. */
const channelName = (schema: string | undefined, channel: NoticeChannel) => `switchyard:${schema ?? 'public'}:${channel}`;
const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
const CHANNELS: readonly NoticeChannel[] = ['jobs', 'cancel', 'workflow', 'credentials', 'settings', 'reply', 'test-event'];

/**
 * Coordination over PostgreSQL. Notices are `pg_notify` on the pool (sent by the caller after its
 * commit) and LISTEN on one dedicated connection; when that connection breaks it reconnects and
 * hands every channel an empty notice, since notices sent meanwhile are lost (a 'jobs' notice
 * makes workers look at the queue; the other handlers treat an empty payload as "reload").
 * Leadership is a session advisory lock on another dedicated connection (leader-lock.ts).
 */
export function createPgCoordination(pool: pg.Pool, o: Omit<PostgresOptions, 'max'>, opts: PgCoordinationOptions = {}): Coordination {
  const retryMs = opts.retryMs ?? 1_000;
  const problem = opts.onProblem ?? (() => undefined);
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  const byName = new Map(CHANNELS.map((c) => [channelName(o.schema, c), c]));
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const leaderships = new Set<Leadership>();

  const reconnectLater = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void listen(true);
    }, retryMs);
    retry.unref();
  };

  async function listen(again: boolean): Promise<void> {
    const c = new pg.Client(connectionConfig(o));
    c.on('error', (error) => {
      problem('the LISTEN connection broke; reconnecting', error);
      if (client === c) client = undefined;
      c.end().catch(() => undefined);
      reconnectLater();
    });
    c.on('notification', (n) => {
      const channel = byName.get(n.channel);
      if (channel) bus.emit(channel, n.payload ?? '');
    });
    try {
      await c.connect();
      for (const name of byName.keys()) await c.query(`LISTEN ${quoted(name)}`);
      if (closed) return void (await c.end());
      client = c;
      // Notices sent while no connection listened are lost: every listener looks again.
      if (again) for (const channel of CHANNELS) bus.emit(channel, '');
    } catch (error) {
      problem('could not LISTEN; trying again', error);
      c.end().catch(() => undefined);
      reconnectLater();
    }
  }
  const started = listen(false);

  return {
    shared: true,
    notify(channel, payload = '') {
      pool.query('SELECT pg_notify($1, $2)', [channelName(o.schema, channel), payload]).catch((error: unknown) => problem(`could not send a '${channel}' notice`, error));
    },
    listen(channel, handler) {
      bus.on(channel, handler);
      return () => bus.off(channel, handler);
    },
    lead(onChange) {
      const l = createLeaderLock(o, { retryMs, onChange, onProblem: problem });
      leaderships.add(l);
      return l;
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await started;
      for (const l of leaderships) await l.stop();
      await client?.end().catch(() => undefined);
      bus.removeAllListeners();
    },
  };
}
