// The editor's bench: (1) the JavaScript a browser downloads to open the editor, gzipped, read
// from the built dist/client; (2) the time headless Chromium takes to open a 300-node workflow,
// against a 3-node workflow opened in the same run (the baseline). Targets from issue 5: under
// 350 KB gzipped and under 1.5 s. Run through `npm run bench` (bench/lib/extras.mjs) or alone:
// `node bench/editor.mjs`.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startSwitchyard } from './lib/server.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROUNDS = 3;
const TARGET_KB = 350;
const TARGET_MS = 1500;

const gzKb = (file) => gzipSync(readFileSync(file)).length / 1024;
const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A valid workflow of `n` nodes: a webhook, then a tree of http/code/filter/branch steps. */
export function bigWorkflow(n, name = `Bench ${n} nodes`) {
  const kinds = ['http', 'code', 'filter', 'branch'];
  const nodes = [{ id: 'hook', type: 'webhook', position: { x: 0, y: 0 }, config: {} }];
  const edges = [];
  for (let i = 1; i < n; i++) {
    const type = kinds[i % kinds.length];
    const id = `${type}_${i}`;
    const config =
      type === 'http' ? { method: 'POST', url: `https://example.test/items/{{ trigger.body.id }}/${i}`, headers: { 'content-type': 'application/json' }, body: { n: i } }
        : type === 'code' ? { code: `return { step: ${i}, total: (input?.total ?? 0) + ${i} };` }
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

/** Opens a workflow in the editor and returns ms from navigation start until every node is drawn. */
async function timeOpen(page, base, id, count) {
  await page.goto(`${base}/workflows/${id}`, { waitUntil: 'commit' });
  await page.waitForFunction(
    (n) => {
      const els = document.querySelectorAll('.react-flow__node');
      // React Flow shows a node once it has measured it: all drawn means all visible.
      return els.length === n && [...els].every((el) => getComputedStyle(el).visibility !== 'hidden');
    },
    count,
    { timeout: 60_000, polling: 'raf' },
  );
  return page.evaluate(() => performance.now());
}

/**
 * @param {{ distDir?: string, log?: (s: string) => void }} [o]
 * @returns {Promise<object>} figures: JS sizes in KB (gzipped) and open times in ms, with ratios
 */
export default async function benchEditor({ distDir = join(root, 'dist'), log = console.log } = {}) {
  const clientDir = join(distDir, 'client');
  if (!existsSync(join(clientDir, 'index.html'))) throw new Error('dist/client is missing: run `npm run build` first');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  const { chromium } = await import('playwright-core');

  const server = await startSwitchyard();
  const profile = mkdtempSync(join(tmpdir(), 'switchyard-bench-chromium-'));
  let context;
  try {
    // The owner account gives the browser a session cookie; the API key creates the workflows.
    const setup = await api(server, 'POST', '/api/auth/setup', { email: 'bench@example.test', name: 'Bench', password: 'bench-password' });
    const cookie = /sy_session=([^;]+)/.exec(setup.headers.get('set-cookie') ?? '')?.[1];
    if (!cookie) throw new Error('owner setup set no session cookie');
    const big = (await api(server, 'POST', '/api/workflows', bigWorkflow(300))).json;
    const small = (await api(server, 'POST', '/api/workflows', bigWorkflow(3, 'Bench 3 nodes'))).json;

    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1440, height: 900 },
    });
    await context.addCookies([{ name: 'sy_session', value: cookie, url: server.base }]);
    const page = context.pages()[0] ?? (await context.newPage());

    // (1) First load: every script the browser fetches to open the editor, sized from dist.
    const scripts = new Set();
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.endsWith('.js')) scripts.add(path);
    });
    await timeOpen(page, server.base, small.id, 3);
    const files = [...scripts].map((p) => join(clientDir, p));
    const firstLoadKb = files.reduce((sum, f) => sum + (existsSync(f) ? gzKb(f) : 0), 0);
    const html = readFileSync(join(clientDir, 'index.html'), 'utf8');
    const entry = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => join(clientDir, m[1]));
    const entryKb = entry.reduce((sum, f) => sum + gzKb(f), 0);
    log(`first load of the editor: ${round(firstLoadKb)} KB of JavaScript gzipped in ${files.length} files (app shell ${round(entryKb)} KB); target < ${TARGET_KB} KB`);

    // (2) Opening times, each a fresh navigation; the median of a few rounds.
    const smallMs = [];
    const bigMs = [];
    for (let i = 0; i < ROUNDS; i++) {
      smallMs.push(await timeOpen(page, server.base, small.id, 3));
      bigMs.push(await timeOpen(page, server.base, big.id, 300));
    }
    const open300 = median(bigMs);
    const open3 = median(smallMs);
    log(`open a 300-node workflow: ${Math.round(open300)} ms (median of ${ROUNDS}); a 3-node one: ${Math.round(open3)} ms; ratio ${round(open300 / open3, 2)}; target < ${TARGET_MS} ms`);
    return {
      firstLoadJsGzipKb: round(firstLoadKb),
      appShellJsGzipKb: round(entryKb),
      firstLoadFiles: files.length,
      targetJsKb: TARGET_KB,
      withinJsTarget: firstLoadKb < TARGET_KB,
      open300NodesMs: Math.round(open300),
      open3NodesMs: Math.round(open3),
      open300VsOpen3: round(open300 / open3, 2),
      targetOpenMs: TARGET_MS,
      withinOpenTarget: open300 < TARGET_MS,
      rounds: { open300: bigMs.map(Math.round), open3: smallMs.map(Math.round) },
    };
  } finally {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    await server.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchEditor().then((f) => console.log(JSON.stringify(f, null, 2)), (e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
