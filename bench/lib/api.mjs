// The few API calls the bench needs, over fetch with the bench's API key.

async function call(server, method, path, body) {
  const res = await fetch(`${server.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Saves and activates a workflow; returns its id and trigger URL. */
export async function createActiveWorkflow(server, definition) {
  const wf = await call(server, 'POST', '/api/workflows', definition);
  await call(server, 'POST', `/api/workflows/${wf.id}/activate`);
  const hookUrl = wf.hooks?.[0]?.url;
  if (!hookUrl) throw new Error(`workflow ${wf.id} has no trigger URL`);
  return { id: wf.id, hookUrl };
}

/** GET /api/runs/:id */
export const getRun = (server, runId) => call(server, 'GET', `/api/runs/${runId}`);

/** Jobs by status from /metrics (queued, running, retry_wait). */
export async function queueDepth(server) {
  const text = await (await fetch(`${server.base}/metrics`)).text();
  const out = {};
  for (const m of text.matchAll(/switchyard_queue_jobs\{status="(\w+)"\} (\d+)/g)) out[m[1]] = Number(m[2]);
  return out;
}

const node = (id, type, config, x) => ({ id, type, position: { x, y: 0 }, config });
const edge = (source, target) => ({ id: `${source}-${target}`, source, target });

/** webhook -> http POST {n} to `url`; `retry` sets the step's retry settings. */
export const hookToHttp = (url, retry) => ({
  name: 'bench: webhook -> http',
  nodes: [
    node('hook', 'webhook', {}, 0),
    node('out', 'http', { method: 'POST', url, headers: { 'content-type': 'application/json' }, body: { n: '{{ trigger.body.n }}' }, ...(retry ? { retry } : {}) }, 250),
  ],
  edges: [edge('hook', 'out')],
});

/** webhook -> code (a small transformation) -> http POST {n} from the code step's output. */
export const hookToCodeToHttp = (url) => ({
  name: 'bench: webhook -> code -> http',
  nodes: [
    node('hook', 'webhook', {}, 0),
    node('shape', 'code', { code: 'const b = trigger.body;\nreturn { n: b.n, total: b.items.reduce((s, i) => s + i.qty * i.price, 0) };' }, 250),
    node('out', 'http', { method: 'POST', url, headers: { 'content-type': 'application/json' }, body: { n: '{{ steps.shape.n }}', total: '{{ steps.shape.total }}' } }, 500),
  ],
  edges: [edge('hook', 'shape'), edge('shape', 'out')],
});

/** Every run of a workflow with `status` ({id, status, wakeAt, ...}), paging through GET /api/runs. */
export async function listRuns(server, workflowId, status) {
  const runs = [];
  let cursor;
  for (let page = 0; page < 1000; page++) {
    const q = new URLSearchParams({ workflowId, status, limit: '500', ...(cursor ? { cursor } : {}) });
    const body = await call(server, 'GET', `/api/runs?${q}`);
    runs.push(...body.runs);
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return runs;
}

/**
 * The workflow of `../shared/bench/vs-reference.mjs`: webhook -> code (a message from the order)
 * -> http POST of the code step's output to `url` (its sink checks the shape).
 */
export const orderToMessage = (url) => ({
  name: 'bench: order -> message',
  nodes: [
    node('hook', 'webhook', {}, 0),
    node('c', 'code', { code: 'const b = trigger.body; return { text: `Order ${b.id} paid: ${b.amount}`, n: b.items.length };' }, 250),
    node('out', 'http', { method: 'POST', url, headers: { 'content-type': 'application/json' }, body: '{{ steps.c }}' }, 500),
  ],
  edges: [edge('hook', 'c'), edge('c', 'out')],
});
