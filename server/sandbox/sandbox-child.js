// Entry of a sandbox child process (forked by sandbox-process.ts with --no-node-snapshot).
// It hosts the isolates, so that V8 aborting on out-of-memory takes down this process and
// never the server. Plain JavaScript on purpose: it runs as is from the source tree (tests)
// and from dist/ (production). One call at a time, in arrival order; a batch message holds several,
// each answered on its own as it ends, so a crash loses only the call that was running.
import { buildPreludeSource } from './prelude/index.js';
import { createHostBindings } from './child/host-bindings.js';
import { createIsolateSlot } from './child/isolate-slot.js';
import { loadLibrarySources } from './child/libraries.js';
import { lowerPriority } from './child/priority.js';
import { runCall } from './child/run-call.js';

/** @typedef {import('./child/isolate-slot.js').IsolateSlot} IsolateSlot */
/** @typedef {import('./child/run-call.js').RunMessage} RunMessage */
/** @typedef {import('./child/run-call.js').CallOutcome} CallOutcome */

/** Settings from the supervisor (argv[2], JSON); defaults keep a bare start usable. */
const config = {
  maxOutputBytes: 4 * 1024 * 1024,
  maxDepth: 100,
  maxLogLines: 200,
  maxLogBytes: 64 * 1024,
  isolatesPerLimit: 1,
  maxLimits: 3,
  maxCallsPerIsolate: 5_000,
  defaultMemoryMb: 64,
  /** The nice value to run at (child/priority.js); 0 keeps the server's. */
  nice: 0,
  ...(/** @type {Partial<Record<string, number>>} */ (JSON.parse(process.argv[2] ?? '{}'))),
};

lowerPriority(config.nice);
const prelude = buildPreludeSource({ maxOutputBytes: config.maxOutputBytes, maxDepth: config.maxDepth });
const libraries = loadLibrarySources();
const bindings = createHostBindings(config);
/**
 * Warm isolates by memory limit, least recently used limit first. One per limit is enough: it
 * keeps a warm context, so a call waits for a new one only after a call that had to drop it.
 * @type {Map<number, IsolateSlot[]>}
 */
const groups = new Map();

/** @param {number} memoryMb */
function createSlot(memoryMb) {
  const slot = createIsolateSlot({ memoryMb, prelude, callbacks: bindings.callbacks, libraries });
  void slot.warmUp();
  return slot;
}

/** The warm isolates for a memory limit, replacing any that died or served long enough. @param {number} memoryMb */
function groupFor(memoryMb) {
  const group = groups.get(memoryMb) ?? [];
  groups.delete(memoryMb);
  groups.set(memoryMb, group);
  for (let i = 0; i < config.isolatesPerLimit; i++) {
    const slot = group[i];
    if (slot && !slot.disposed && slot.calls < config.maxCallsPerIsolate) continue;
    slot?.dispose();
    group[i] = createSlot(memoryMb);
  }
  for (const [mb, old] of groups) {
    if (groups.size <= config.maxLimits) break;
    groups.delete(mb);
    for (const slot of old) slot.dispose();
  }
  return group;
}

/** The isolate that can start a call soonest: its warm context ready. @param {number} memoryMb */
function pickSlot(memoryMb) {
  const group = groupFor(memoryMb);
  const slot = group.find((s) => s.ready) ?? group[0];
  if (!slot) throw new Error('no isolate');
  return slot;
}

/** @param {unknown} m @returns {m is RunMessage} */
const isRunMessage = (m) => typeof m === 'object' && m !== null && /** @type {{ t?: unknown }} */ (m).t === 'run';

/** Several calls in one message (a busy supervisor batches them), run in order. @param {unknown} m @returns {m is { t: 'batch', calls: unknown[] }} */
const isBatch = (m) => typeof m === 'object' && m !== null && /** @type {{ t?: unknown }} */ (m).t === 'batch' && Array.isArray(/** @type {{ calls?: unknown }} */ (m).calls);

/**
 * Data store calls relayed to the supervisor, by sequence number, waiting for its reply.
 * @type {Map<number, (json: string) => void>}
 */
const pendingStore = new Map();
let storeSeq = 0;

/** The bridge of one code call: sends the operation up and resolves with the supervisor's JSON reply. @param {number} callId */
const storeBridgeFor = (callId) => (/** @type {string} */ op, /** @type {string} */ args) =>
  new Promise((resolve) => {
    const seq = ++storeSeq;
    pendingStore.set(seq, resolve);
    if (!process.connected) return resolve(JSON.stringify({ ok: false, message: 'the sandbox lost its supervisor.' }));
    process.send?.({ t: 'store', id: callId, seq, op, args });
  });

/** @param {unknown} m @returns {m is { t: 'store-reply', seq: number, reply: string }} */
const isStoreReply = (m) => typeof m === 'object' && m !== null && /** @type {{ t?: unknown }} */ (m).t === 'store-reply';

/** @param {RunMessage} m @returns {Promise<{ slot: IsolateSlot, outcome: CallOutcome }>} */
async function execute(m) {
  for (let attempt = 0; ; attempt++) {
    const slot = pickSlot(m.memoryMb);
    try {
      return { slot, outcome: await runCall(slot, m, bindings, storeBridgeFor(m.id)) };
    } catch (e) {
      // A prepared context fails when its isolate died meanwhile: once more on a new one.
      if (attempt === 0 && slot.disposed) continue;
      slot.dispose();
      const message = e instanceof Error ? e.message : String(e);
      return { slot, outcome: { result: null, failure: { code: 'sandbox_crashed', message: `The sandbox failed: ${message}` }, logs: [], recycle: true } };
    }
  }
}

/** @param {RunMessage} m */
async function handle(m) {
  const { slot, outcome } = await execute(m);
  if (process.connected) process.send?.({ t: 'done', id: m.id, result: outcome.result, failure: outcome.failure, logs: outcome.logs });
  // After answering: get a new context ready (when the call dropped one) while the supervisor handles the reply.
  if (outcome.recycle) slot.dispose();
  for (const s of groupFor(m.memoryMb)) void s.warmUp();
}

let queue = Promise.resolve();
process.on('message', (m) => {
  if (isRunMessage(m)) queue = queue.then(() => handle(m));
  else if (isStoreReply(m) && typeof m.reply === 'string') {
    // Answered out of turn: the call that asked is blocked in its isolate, waiting for this.
    pendingStore.get(m.seq)?.(m.reply);
    pendingStore.delete(m.seq);
  } else if (isBatch(m)) {
    for (const call of m.calls) {
      if (isRunMessage(call)) queue = queue.then(() => handle(call));
    }
  }
});
// The supervisor is gone (crashed or closed the pool): nobody to answer, stop.
process.on('disconnect', () => process.exit(0));

await Promise.all(groupFor(config.defaultMemoryMb).map((s) => s.warmUp()));
process.send?.({ t: 'ready' });
