import { z } from 'zod';
import { sandboxErrorCodes, type ExpressionResult, type SandboxError, type SandboxResult } from './sandbox-types.js';
import { lazySchema } from '../../shared/lazy-schema.js';

/**
 * Messages between the pool and a child (process IPC, JSON). Everything coming back is
 * parsed: it was produced next to user code, so it is data to check, not to trust.
 */

/** A call sent to a child; `scope` is JSON text. */
export type RunMessage =
  | { t: 'run'; id: number; kind: 'code'; code: string; scope: string; memoryMb: number; timeoutMs: number; store?: boolean }
  | { t: 'run'; id: number; kind: 'expressions'; expressions: string[]; scope: string; memoryMb: number; timeoutMs: number };

/** Several calls in one message, run one after another in this order, each answered on its own. */
export interface BatchMessage {
  t: 'batch';
  calls: RunMessage[];
}

/** Settings a child starts with (argv, JSON). */
export interface ChildConfig {
  maxOutputBytes: number;
  maxDepth: number;
  maxLogLines: number;
  maxLogBytes: number;
  /** The nice value every thread of the child takes at start (child/priority.js); absent: the server's. */
  nice?: number;
}

const errorSchema = lazySchema(() =>
  z.object({
    code: z.enum(sandboxErrorCodes),
    message: z.string().max(20_000),
    line: z.number().int().positive().optional(),
    column: z.number().int().nonnegative().optional(),
    path: z.string().max(2_000).optional(),
  }),
);

export const childMessageSchema = lazySchema(() =>
  z.discriminatedUnion('t', [
    z.object({ t: z.literal('ready') }),
    z.object({ t: z.literal('done'), id: z.number().int(), result: z.string().nullable(), failure: errorSchema.nullable(), logs: z.array(z.string()) }),
    /** A data store call of the running code (the child checked its size and count); answered with `StoreReplyMessage`. */
    z.object({ t: z.literal('store'), id: z.number().int(), seq: z.number().int(), op: z.string().max(20), args: z.string().max(100 * 1024) }),
  ]),
);
export type ChildMessage = z.infer<typeof childMessageSchema>;
export type DoneMessage = Extract<ChildMessage, { t: 'done' }>;

/**
 * A message from a child, checked: the common reply (a call that ended without a failure) by
 * hand, as strictly as the schema would, since it comes once per call; the rest by the schema.
 * Undefined when it is not a valid message.
 */
export function parseChildMessage(raw: unknown): ChildMessage | undefined {
  if (typeof raw === 'object' && raw !== null) {
    const m = raw as Partial<Record<keyof DoneMessage, unknown>>;
    if (m.t === 'done' && m.failure === null && Number.isInteger(m.id) && (m.result === null || typeof m.result === 'string') && Array.isArray(m.logs) && m.logs.every((l) => typeof l === 'string')) {
      return { t: 'done', id: m.id as number, result: m.result, failure: null, logs: m.logs as string[] };
    }
  }
  const parsed = childMessageSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** The supervisor's answer to a data store call: `reply` is the handler's JSON text. */
export interface StoreReplyMessage {
  t: 'store-reply';
  seq: number;
  reply: string;
}

const valueEnvelope = lazySchema(() => z.union([z.object({ ok: z.literal(true), value: z.unknown().optional() }), z.object({ ok: z.literal(false), error: errorSchema })]));
const batchEnvelope = lazySchema(() => z.union([z.object({ ok: z.literal(true), value: z.array(valueEnvelope) }), z.object({ ok: z.literal(false), error: errorSchema })]));

const malformed = (logs: string[]): SandboxResult<never> => ({
  ok: false,
  error: { code: 'output_invalid', message: 'The sandbox returned a result that is not valid data.' },
  logs,
});

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** A code call's reply as a result. */
export function codeResult(done: DoneMessage): SandboxResult<unknown> {
  if (done.failure) return { ok: false, error: done.failure as SandboxError, logs: done.logs };
  const json = done.result === null ? { ok: false as const } : parseJson(done.result);
  const parsed = json.ok ? valueEnvelope.safeParse(json.value) : undefined;
  if (!parsed?.success) return malformed(done.logs);
  return parsed.data.ok ? { ok: true, value: parsed.data.value, logs: done.logs } : { ok: false, error: parsed.data.error, logs: done.logs };
}

/** An expressions call's reply as a result with one entry per expression. */
export function expressionsResult(done: DoneMessage, count: number): SandboxResult<ExpressionResult[]> {
  if (done.failure) return { ok: false, error: done.failure as SandboxError, logs: done.logs };
  const json = done.result === null ? { ok: false as const } : parseJson(done.result);
  const parsed = json.ok ? batchEnvelope.safeParse(json.value) : undefined;
  if (!parsed?.success) return malformed(done.logs);
  if (!parsed.data.ok) return { ok: false, error: parsed.data.error, logs: done.logs };
  if (parsed.data.value.length !== count) return malformed(done.logs);
  return { ok: true, value: parsed.data.value.map((r) => (r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error })), logs: done.logs };
}
