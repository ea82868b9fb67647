// The receiver every delivery goes to, in its own process so that its work does not count
// against the server under test or the load generator. POST /deliver records `n` from the
// JSON body; with a failure rate set it answers 500 at random instead (nothing recorded).
// Control: GET /stats, GET /ids (distinct n delivered), GET /times (when each 200 was sent), POST /reset?fail=<0..1>&delay=<ms>
// (`delay`: every delivery is answered that long after it arrived, as a slow API would).
// Prints "listening <port>" once it listens on 127.0.0.1.
import { createServer } from 'node:http';

const nowMs = () => performance.timeOrigin + performance.now();
let failRate = 0;
let delayMs = 0;
let state;
const reset = () => {
  state = { ok: 0, failed: 0, duplicates: 0, bad: 0, delivered: new Set(), firstOkAt: null, lastOkAt: null, keys: new Set(), okTimes: [] };
};
reset();

const json = (res, status, body) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

function deliver(req, res, raw) {
  if (failRate > 0 && Math.random() < failRate) {
    state.failed++;
    return json(res, 500, { error: 'failing on purpose' });
  }
  let n;
  try {
    n = JSON.parse(raw).n;
  } catch {
    n = undefined;
  }
  if (n === undefined || n === null) {
    state.bad++;
    return json(res, 400, { error: 'no n' });
  }
  const t = nowMs();
  state.ok++;
  if (state.delivered.has(n)) state.duplicates++;
  else state.delivered.add(n);
  const key = req.headers['idempotency-key'];
  if (typeof key === 'string') state.keys.add(key);
  state.okTimes.push(t);
  state.firstOkAt ??= t;
  state.lastOkAt = t;
  json(res, 200, { ok: true });
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://receiver');
    if (req.method === 'POST' && url.pathname === '/deliver') {
      const raw = Buffer.concat(chunks).toString('utf8');
      if (delayMs > 0) return void setTimeout(() => deliver(req, res, raw), delayMs);
      return deliver(req, res, raw);
    }
    if (req.method === 'GET' && url.pathname === '/stats') {
      const { delivered, keys, okTimes: _okTimes, ...rest } = state;
      return json(res, 200, { ...rest, distinct: delivered.size, idempotencyKeys: keys.size, failRate, delayMs });
    }
    if (req.method === 'GET' && url.pathname === '/ids') return json(res, 200, [...state.delivered]);
    if (req.method === 'GET' && url.pathname === '/times') return json(res, 200, state.okTimes);
    if (req.method === 'POST' && url.pathname === '/reset') {
      failRate = Number(url.searchParams.get('fail') ?? 0);
      delayMs = Number(url.searchParams.get('delay') ?? 0);
      reset();
      return json(res, 200, { ok: true, failRate, delayMs });
    }
    json(res, 404, { error: 'not found' });
  });
});
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
