import { z } from 'zod';
import type { Logger } from 'pino';
import type { Coordination } from '../store/ports/coordination.js';
import { NOTICE_MAX_BYTES } from '../store/ports/coordination.js';
import type { RunReply } from '../engine/step-types.js';
import type { createWaiters } from '../ingest/trigger-waiters.js';
import { parseNotice } from './parse-notice.js';
import { lazySchema } from '../../shared/lazy-schema.js';

type Waiters = ReturnType<typeof createWaiters<RunReply>>;

const noticeSchema = lazySchema(() =>
  z.object({
    runId: z.string().min(1),
    value: z.object({ kind: z.literal('reply'), reply: z.object({ status: z.number().int(), headers: z.record(z.string(), z.string()), body: z.unknown() }) }),
  }),
);

/**
 * A run that answers its trigger (Respond step) may execute in a worker process other than the
 * web process holding the request. The executor's side delivers here: to a request waiting in
 * this process if there is one, else as a 'reply' notice to every process, where the web
 * process holding the request hands it over (`listenForReplies`). A notice holds at most
 * NOTICE_MAX_BYTES: a larger reply reaches the request as a 502 that says so, never silence.
 * Only replies cross: see `deliver` for a run that ends without one.
 */
export function shareReplies(local: Waiters, coordination: Coordination, logger: Logger): Waiters {
  if (!coordination.shared) return local;
  return {
    ...local,
    deliver(runId, value) {
      if (local.deliver(runId, value)) return true;
      // Every run ends with 'finished': sending that across would cost a notice per run. A request
      // elsewhere whose run ends without a Respond step answers its 202 at its respond timeout instead.
      if (value.kind === 'finished') return false;
      let payload = JSON.stringify({ runId, value });
      if (Buffer.byteLength(payload) > NOTICE_MAX_BYTES) {
        logger.warn({ runId }, 'the Respond reply is too large to reach another process; the waiting request gets a 502');
        const error = { error: { code: 'REPLY_TOO_LARGE', message: `The workflow's reply is over ${NOTICE_MAX_BYTES} bytes, too large to pass between Switchyard processes.` } };
        payload = JSON.stringify({ runId, value: { kind: 'reply', reply: { status: 502, headers: {}, body: error } } });
      }
      coordination.notify('reply', payload);
      return true;
    },
  };
}

/** The web side: replies from runs executed elsewhere reach the requests waiting here. Returns the unsubscribe. */
export function listenForReplies(local: Waiters, coordination: Coordination): () => void {
  if (!coordination.shared) return () => undefined;
  return coordination.listen('reply', (payload) => {
    const notice = parseNotice(noticeSchema, payload);
    if (notice && local.has(notice.runId)) local.deliver(notice.runId, notice.value as RunReply);
  });
}
