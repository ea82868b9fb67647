// The editor's bench, in headless Chromium against the built server:
// (1) the bytes a cold editor load transfers over the wire (compressed as served, headers
//     included), until the first screen is drawn and once the network is idle, by kind;
// (2) the time to open a 300-node workflow, against a 3-node one opened in the same run (the
//     baseline), each a fresh navigation, the median of a few rounds.
// With EDITOR_BENCH_BASELINE_BIN=<another checkout>/bin/switchyard.mjs both builds are measured
// in the same run, rounds interleaved, and the ratios after/before printed.
// (3) responsiveness once open: frame intervals while panning and while dragging a step, on both.
// Targets from issue 18: a 300-node open under 1 s, responsive while panning and dragging. Run through `npm run bench`
// (bench/lib/extras.mjs) or alone: `node bench/editor.mjs`.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { measureInteraction } from './lib/editor-interaction.mjs';
import { startSwitchyard } from './lib/server.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROUNDS = Number(process.env.EDITOR_BENCH_ROUNDS ?? 5);
const TARGET_MS = 1000;
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const gzKb = (file) => gzipSync(readFileSync(file)).length / 1024;
const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (bytes) => round(bytes / 1024);

/** A valid workflow of `n` nodes: a webhook, then a tree of http/code/filter/branch steps. */
export function bigWorkflow(n, name = `Bench ${n} nodes`) {
  const kinds = ['http', 'code', 'filter', 'branch'];
  const nodes = [{ id: 'hook', type: 'webhook', position: { x: 0, y: 0 }, config: {} }];
  const edges = [];
  for (let i = 1; i < n; i++) {
    const type = kinds[i % kinds.length];
    const id = `${type}_${i}`;
    const config =
      type === 'http'
        ? { method: 'POST', url: `https://example.test/items/{{ trigger.body.id }}/${i}`, headers: { 'content-type': 'application/json' }, body: { n: i } }
        : type === 'code'
          ? { code: `return { step: ${i}, total: (input?.total ?? 0) + ${i} };` }
          : { combinator: 'and', rules: [{ field: 'trigger.body.amount', operator: 'greater_than', value: i }] };
    nodes.push({ id, type, position: { x: 280 * Math.floor(Math.log2(i + 1)), y: 90 * (i % 40) }, config });
    const parent = nodes[Math.floor((i - 1) / 2)];
    const sourceHandle = parent.type === 'branch' ? (i % 2 ? 'true' : 'false') : undefined;
    edges.push({ id: `e${i}`, source: parent.id, target: id, ...(sourceHandle ? { sourceHandle } : {}) });
  }
  return { name, nodes, edges };
}

async function api(server, method, path, body, headers = {}) {
  const res = await fetch(`${server.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return { json: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/**
 * Opens a workflow in the editor and returns ms from navigation start until it is drawn: every
 * node of a small workflow; for a large one (drawn in view only, client/store/estimated-size.ts)
 * the trigger and the other nodes in view, framed at the opening zoom.
 */
async function timeOpen(page, base, id, count) {
  await page.goto(`${base}/workflows/${id}`, { waitUntil: 'commit' });
  await page.waitForFunction(
    (n) => {
      const els = [...document.querySelectorAll('.react-flow__node')];
      // React Flow shows a node once it has measured it: all drawn means all visible.
      const drawn = els.length > 0 && els.every((el) => getComputedStyle(el).visibility !== 'hidden');
      if (!drawn) return false;
      if (els.length === n) return true;
      const framed = !/matrix\(1, 0, 0, 1, 0, 0\)/.test(getComputedStyle(document.querySelector('.react-flow__viewport')).transform);
      return n >= 100 && framed && document.querySelector('.react-flow__node[data-id="hook"]') !== null;
    },
    count,
    { timeout: 60_000, polling: 'raf' },
  );
  return page.evaluate(() => performance.now());
}

/** Counts the bytes each response took on the wire (CDP's encodedDataLength: compressed body plus headers). */
async function wireMeter(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const kinds = new Map();
  let done = [];
  cdp.on('Network.responseReceived', (e) => kinds.set(e.requestId, { url: e.response.url, type: e.type, encoding: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] }));
  cdp.on('Network.loadingFinished', (e) => done.push({ ...kinds.get(e.requestId), bytes: e.encodedDataLength }));
  return {
    /** Everything finished since the last call, by kind. */
    take() {
      const taken = done;
      done = [];
      const sum = (f) => taken.filter(f).reduce((s, r) => s + r.bytes, 0);
      return {
        totalKb: kb(sum(() => true)),
        scriptKb: kb(sum((r) => r.type === 'Script')),
        requests: taken.length,
        uncompressed: taken.filter((r) => r.bytes > 2048 && !r.encoding).map((r) => new URL(r.url).pathname),
        files: taken.map((r) => `${new URL(r.url).pathname} ${kb(r.bytes)} KB${r.encoding ? ` ${r.encoding}` : ''}`),
      };
    },
  };
}

/** One server (a build) with a signed-in browser and the two workflows. */
async function prepare(chromium, label, bin) {
  const server = await startSwitchyard({}, [], bin);
  const profile = mkdtempSync(join(tmpdir(), 'switchyard-bench-chromium-'));
  let context;
  const close = async () => {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
    await server.stop();
  };
  try {
    const setup = await api(server, 'POST', '/api/auth/setup', { email: 'bench@example.test', name: 'Bench', password: 'bench-password' });
    const cookie = /sy_session=([^;]+)/.exec(setup.headers.get('set-cookie') ?? '')?.[1];
    if (!cookie) throw new Error('owner setup set no session cookie');
    const big = (await api(server, 'POST', '/api/workflows', bigWorkflow(300))).json;
    const small = (await api(server, 'POST', '/api/workflows', bigWorkflow(3, 'Bench 3 nodes'))).json;
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1440, height: 900 } });
    await context.addCookies([{ name: 'sy_session', value: cookie, url: server.base }]);
    const page = context.pages()[0] ?? (await context.newPage());
    return { label, server, context, page, big, small, bigMs: [], smallMs: [], close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The cold load (fresh profile, empty cache) of the 3-node workflow: bytes to the first screen and to an idle network. */
async function coldLoad(run, clientDir) {
  const meter = await wireMeter(run.context, run.page);
  const scripts = new Set();
  run.page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.js')) scripts.add(path);
  });
  await timeOpen(run.page, run.server.base, run.small.id, 3);
  const firstScreen = meter.take();
  await run.page.waitForLoadState('networkidle');
  const later = meter.take();
  const files = clientDir ? [...scripts].map((p) => join(clientDir, p)).filter(existsSync) : [];
  return {
    firstScreenKb: firstScreen.totalKb,
    firstScreenScriptKb: firstScreen.scriptKb,
    firstScreenRequests: firstScreen.requests,
    afterFirstScreenKb: later.totalKb,
    coldLoadKb: round(firstScreen.totalKb + later.totalKb),
    uncompressed: [...firstScreen.uncompressed, ...later.uncompressed],
    firstScreenFiles: firstScreen.files,
    ...(clientDir ? { scriptsGzipFromDistKb: round(files.reduce((s, f) => s + gzKb(f), 0)) } : {}),
  };
}

function summary(run, cold) {
  const open300 = median(run.bigMs);
  const open3 = median(run.smallMs);
  return {
    ...cold,
    open300NodesMs: Math.round(open300),
    open3NodesMs: Math.round(open3),
    open300VsOpen3: round(open300 / open3, 2),
    rounds: { open300: run.bigMs.map(Math.round), open3: run.smallMs.map(Math.round) },
  };
}

const describe = (label, f, log) => {
  log(
    `[${label}] cold load: ${f.coldLoadKb} KB over the wire (${f.firstScreenKb} KB until the first screen is drawn, of which ${f.firstScreenScriptKb} KB scripts, in ${f.firstScreenRequests} requests; ${f.afterFirstScreenKb} KB after it)`,
  );
  if (f.uncompressed.length) log(`[${label}] sent uncompressed: ${f.uncompressed.join(', ')}`);
  log(`[${label}] open a 300-node workflow: ${f.open300NodesMs} ms (median of ${f.rounds.open300.length}); a 3-node one: ${f.open3NodesMs} ms; ratio ${f.open300VsOpen3}`);
  const frames = (g) => (g ? `p95 frame ${g.p95FrameMs} ms, longest ${g.longestFrameMs} ms over ${g.frames} frames` : 'no place to start');
  for (const [size, i] of [
    ['300-node', f.interaction.nodes300],
    ['3-node', f.interaction.nodes3],
  ]) {
    log(`[${label}] ${size} workflow: pan ${frames(i.pan)}; drag a step ${frames(i.drag)}`);
  }
};

/**
 * @param {{ distDir?: string, log?: (s: string) => void, baselineBin?: string }} [o]
 * @returns {Promise<object>} figures: KB over the wire and open times in ms, with ratios (and the baseline's, if given)
 */
export default async function benchEditor({ distDir = join(root, 'dist'), log = console.log, baselineBin = process.env.EDITOR_BENCH_BASELINE_BIN } = {}) {
  const clientDir = join(distDir, 'client');
  if (!existsSync(join(clientDir, 'index.html'))) throw new Error('dist/client is missing: run `npm run build` first');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  const { chromium } = await import('playwright-core');

  const runs = [];
  try {
    runs.push(await prepare(chromium, 'this build', undefined));
    if (baselineBin) runs.push(await prepare(chromium, 'baseline', baselineBin));
    const cold = [];
    for (const run of runs) cold.push(await coldLoad(run, run.label === 'this build' ? clientDir : undefined));
    // Interleaved, so both builds see the same machine load.
    for (let i = 0; i < ROUNDS; i++) {
      for (const run of runs) {
        run.smallMs.push(await timeOpen(run.page, run.server.base, run.small.id, 3));
        run.bigMs.push(await timeOpen(run.page, run.server.base, run.big.id, 300));
      }
    }
    // Responsiveness after the open, each on a fresh page (a dragged step leaves an unsaved edit behind).
    const interaction = [];
    for (const run of runs) {
      const open = async (wf, count) => {
        const page = await run.context.newPage();
        await timeOpen(page, run.server.base, wf.id, count);
        const measured = await measureInteraction(page);
        await page.close();
        return measured;
      };
      interaction.push({ nodes300: await open(run.big, 300), nodes3: await open(run.small, 3) });
    }
    const figures = runs.map((run, i) => ({ ...summary(run, cold[i]), interaction: interaction[i] }));
    runs.forEach((run, i) => describe(run.label, figures[i], log));
    const [now, before] = figures;
    log(`target: a 300-node open under ${TARGET_MS} ms: ${now.open300NodesMs < TARGET_MS ? 'meets' : 'misses'}`);
    if (before) {
      log(
        `after/before: 300-node open ${round(now.open300NodesMs / before.open300NodesMs, 2)}, 3-node open ${round(now.open3NodesMs / before.open3NodesMs, 2)}, cold-load bytes ${round(now.coldLoadKb / before.coldLoadKb, 2)}, first-screen bytes ${round(now.firstScreenKb / before.firstScreenKb, 2)}`,
      );
    }
    return {
      ...now,
      targetOpenMs: TARGET_MS,
      withinOpenTarget: now.open300NodesMs < TARGET_MS,
      ...(before ? { baseline: before } : {}),
    };
  } finally {
    for (const run of runs) await run.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchEditor().then(
    (f) => console.log(JSON.stringify(f, null, 2)),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
