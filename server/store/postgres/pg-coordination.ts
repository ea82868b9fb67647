import { EventEmitter } from 'node:events';
import pg from 'pg';
import { NOTICE_MAX_BYTES, type Coordination, type Leadership, type NoticeChannel } from '../ports/coordination.js';
import { connectionConfig, type PostgresOptions } from './pool.js';
import { createLeaderLock } from './leader-lock.js';

export interface PgCoordinationOptions {
  /** How long to wait before connecting again after the LISTEN or leader connection broke. */
  retryMs?: number;
  /** A connection problem worth a log line (never fatal: the next try follows). */
  onProblem?: (what: string, error: unknown) => void;
  /** This process's roles, named by its LISTEN connection so that `liveProcesses` can count them. */
  roles?: readonly string[];
}

/** Channel names per schema, so stores in different schemas of one database never hear each other. */
const channelName = (schema: string | undefined, channel: NoticeChannel) => `switchyard:${schema ?? 'public'}:${channel}`;
/** The LISTEN connection's application_name: which deployment (schema) and which roles, e.g. `switchyard-listen:public:,web,worker,`. */
const listenerName = (schema: string | undefined, roles: readonly string[]) => `switchyard-listen:${schema ?? 'public'}:,${roles.join(',')},`.slice(0, 63);
const likeLiteral = (text: string) => text.replace(/[_%\\]/g, '\\$&');
const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
const CHANNELS: readonly NoticeChannel[] = ['jobs', 'cancel', 'workflow', 'credentials', 'settings', 'reply', 'test-event', 'test-listen', 'members', 'breaker'];
/** A notice whose payload is kept in `notice_payloads` (migration 010) carries this and the row's id. */
const REF = 'sy-notice-ref:';
/** How long a kept payload stays readable: far longer than a notice takes to arrive. */
const KEEP_PAYLOAD_MS = 5 * 60_000;

/**
 * Coordination over PostgreSQL. Notices are `pg_notify` on the pool (sent by the caller after its
 * commit) and LISTEN on one dedicated connection; when that connection breaks it reconnects and
 * hands every channel an empty notice, since notices sent meanwhile are lost (a 'jobs' notice
 * makes workers look at the queue; the other handlers treat an empty payload as "reload").
 * A payload over NOTICE_MAX_BYTES travels through the `notice_payloads` table (kept five minutes).
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
    const c = new pg.Client({ ...connectionConfig(o), application_name: listenerName(o.schema, opts.roles ?? []) });
    c.on('error', (error) => {
      problem('the LISTEN connection broke; reconnecting', error);
      if (client === c) client = undefined;
      c.end().catch(() => undefined);
      reconnectLater();
    });
    c.on('notification', (n) => {
      const channel = byName.get(n.channel);
      const payload = n.payload ?? '';
      if (!channel) return;
      if (!payload.startsWith(REF)) return void bus.emit(channel, payload);
      pool
        .query<{ payload: string }>('SELECT payload FROM notice_payloads WHERE id = $1', [Number(payload.slice(REF.length))])
        .then(({ rows }) => rows[0] && bus.emit(channel, rows[0].payload))
        .catch((error: unknown) => problem(`could not read a '${channel}' notice's payload`, error));
    });
    try {
      await c.connect();
      for (const name of byName.keys()) await c.query(`LISTEN ${quoted(name)}`);
      if (closed) return void (await c.end());
      client = c;
      // Notices sent while no connection listened are lost: every listener looks again.
      if (again) for (const channel of CHANNELS) bus.emit(channel, '');
      // This process counts from now on: the others count again (their rate shares shrink).
      await c.query('SELECT pg_notify($1, $2)', [channelName(o.schema, 'members'), '']);
    } catch (error) {
      problem('could not LISTEN; trying again', error);
      c.end().catch(() => undefined);
      reconnectLater();
    }
  }
  const started = listen(false);

  /** NOTIFY takes at most 8000 bytes: a larger payload is stored (committed before the notice goes) and the notice names it. */
  async function keep(payload: string): Promise<number> {
    const { rows } = await pool.query<{ id: number }>(
      `WITH gone AS (DELETE FROM notice_payloads WHERE created_at < $2)
       INSERT INTO notice_payloads (payload, created_at) VALUES ($1, $3) RETURNING id`,
      [payload, Date.now() - KEEP_PAYLOAD_MS, Date.now()],
    );
    return (rows[0] as { id: number }).id;
  }

  return {
    shared: true,
    notify(channel, payload = '') {
      const send = (text: string) => pool.query('SELECT pg_notify($1, $2)', [channelName(o.schema, channel), text]);
      const sent = Buffer.byteLength(payload) <= NOTICE_MAX_BYTES ? send(payload) : keep(payload).then((id) => send(`${REF}${id}`));
      sent.catch((error: unknown) => problem(`could not send a '${channel}' notice`, error));
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
    async liveProcesses(role) {
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE $1 AND application_name LIKE $2', [
        `${likeLiteral(listenerName(o.schema, []).slice(0, -1))}%`,
        `%,${likeLiteral(role)},%`,
      ]);
      return rows[0]?.n ?? 0;
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
