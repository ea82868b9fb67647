import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { Coordination } from '../store/ports/coordination.js';
import type { CapturedEvent } from '../ingest/captured-event.js';
import type { createWaiters } from '../ingest/trigger-waiters.js';
import { parseNotice } from './parse-notice.js';
import { lazySchema } from '../../shared/lazy-schema.js';

type Waiters = ReturnType<typeof createWaiters<CapturedEvent>>;

const listenSchema = lazySchema(() => z.object({ from: z.string(), key: z.string(), id: z.string(), ttlMs: z.number().int().min(0).max(3_600_000) }));
const eventSchema = lazySchema(() =>
  z.object({
    from: z.string(),
    key: z.string(),
    event: z.object({
      method: z.string(),
      headers: z.record(z.string(), z.string()),
      query: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
      body: z.unknown(),
      receivedAt: z.number(),
    }),
  }),
);

/**
 * The editor's "listen for a test event" across web processes. The listener waits in the process
 * that took the editor's request; the test event may reach another one. So a process that starts
 * listening says so to every process ('test-listen': trigger key, listener id, how long), and a
 * process that takes a request for a trigger someone listens to elsewhere treats it as listened
 * to (an inactive trigger captures it instead of answering 404) and sends the event to them
 * ('test-event'). Each process keeps the others' listeners with its own clock's expiry (the
 * announced length, never a time from another machine), and forgets one when it ends. A
 * process started after a listener was announced does not know it until the editor listens
 * again (the editor's listen is a long poll it repeats). With SQLite (one process) this is the
 * plain in-process rendezvous.
 */
export function shareTestListeners(local: Waiters, coordination: Coordination, logger: Logger, now: () => number = Date.now): Waiters & { close(): void } {
  if (!coordination.shared) return { ...local, close: () => undefined };
  const self = randomUUID();
  /** Listeners in other processes: trigger key -> listener id -> expiry on this process's clock. */
  const remote = new Map<string, Map<string, number>>();
  const remoteListening = (key: string): boolean => {
    const ids = remote.get(key);
    if (!ids) return false;
    for (const [id, until] of ids) if (until <= now()) ids.delete(id);
    if (!ids.size) remote.delete(key);
    return !!ids.size;
  };
  const offListen = coordination.listen('test-listen', (payload) => {
    const n = parseNotice(listenSchema, payload);
    if (!n || n.from === self) return;
    const ids = remote.get(n.key) ?? new Map<string, number>();
    if (n.ttlMs > 0) ids.set(n.id, now() + n.ttlMs);
    else ids.delete(n.id);
    if (ids.size) remote.set(n.key, ids);
    else remote.delete(n.key);
  });
  const offEvent = coordination.listen('test-event', (payload) => {
    const n = parseNotice(eventSchema, payload);
    if (n && n.from !== self) local.deliver(n.key, n.event);
  });
  const announce = (key: string, id: string, ttlMs: number) => coordination.notify('test-listen', JSON.stringify({ from: self, key, id, ttlMs }));
  return {
    async wait(key, timeoutMs) {
      const id = randomUUID();
      announce(key, id, timeoutMs);
      try {
        return await local.wait(key, timeoutMs);
      } finally {
        announce(key, id, 0);
      }
    },
    deliver(key, value) {
      const here = local.deliver(key, value);
      if (!remoteListening(key)) return here;
      // Notices are limited in size (coordination.ts); a larger one is kept in the database and named by the notice.
      coordination.notify('test-event', JSON.stringify({ from: self, key, event: value }));
      logger.debug({ key }, 'a test event went to a listener in another process');
      return true;
    },
    has: (key) => local.has(key) || remoteListening(key),
    close() {
      offListen();
      offEvent();
    },
  };
}
