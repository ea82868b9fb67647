// `node bench/editor-profile.mjs`: where the time of opening a 300-node workflow goes in the
// browser. Headless Chromium against the built server: the editor is opened on a 3-node workflow,
// then the 300-node one is opened in the same page (client-side navigation) under the CDP
// Profiler, until the nodes in view are drawn and 1.5 s more (validation runs after the first paint).
// Prints the open time and the functions by inclusive share; the profile is written to
// bench/results/editor-open.cpuprofile (open it in Chrome DevTools' Performance panel).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startSwitchyard } from './lib/server.mjs';
import { bigWorkflow } from './editor.mjs';
import { timeByFunction } from './lib/cpu-profile.mjs';
const server = await startSwitchyard();
const api = async (m, p, b) => {
  const r = await fetch(server.base + p, { method: m, headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' }, body: b && JSON.stringify(b) });
  return { json: await r.json().catch(() => null), headers: r.headers };
};
const setup = await api('POST', '/api/auth/setup', { email: 'b@example.test', name: 'B', password: 'bench-password' });
const cookie = /sy_session=([^;]+)/.exec(setup.headers.get('set-cookie'))[1];
const big = (await api('POST', '/api/workflows', bigWorkflow(300))).json;
const small = (await api('POST', '/api/workflows', bigWorkflow(3, 's'))).json;
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'prof-')), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1440, height: 900 },
});
await ctx.addCookies([{ name: 'sy_session', value: cookie, url: server.base }]);
const page = ctx.pages()[0];
await page.goto(`${server.base}/workflows/${small.id}`);
await page.waitForSelector('.react-flow__node');
const cdp = await ctx.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
const t0 = Date.now();
await page.evaluate((id) => {
  history.pushState({}, '', `/workflows/${id}`);
  dispatchEvent(new PopStateEvent('popstate'));
}, big.id);
// Drawn: the trigger and the nodes in view, framed at the opening zoom (see bench/editor.mjs).
await page.waitForFunction(
  () => {
    const els = [...document.querySelectorAll('.react-flow__node')];
    const vp = document.querySelector('.react-flow__viewport');
    // The page's h1 names the workflow: the 300-node one, not the 3-node one still on screen.
    if (!vp || !document.querySelector('h1')?.textContent?.startsWith('Bench 300')) return false;
    const framed = !/matrix\(1, 0, 0, 1, 0, 0\)/.test(getComputedStyle(vp).transform);
    return framed && els.length > 0 && els.every((el) => getComputedStyle(el).visibility !== 'hidden') && document.querySelector('.react-flow__node[data-id="hook"]') !== null;
  },
  null,
  { timeout: 60000, polling: 'raf' },
);
const t1 = Date.now();
await new Promise((r) => setTimeout(r, 1500));
const { profile } = await cdp.send('Profiler.stop');
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/editor-open.cpuprofile', import.meta.url), JSON.stringify(profile));
console.log('open ms (client nav)', t1 - t0);
for (const r of timeByFunction(profile, 45)) console.log(r.inclusivePct, r.selfPct, r.fn);
await ctx.close();
await server.stop();
