import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowApi, type Created } from './support/flow-api.js';
import { node, typeInto } from './support/editor.js';
import { useServerAndBrowser } from './support/server-and-browser.js';

// The editor's first download leaves the heavy checks (acorn, croner, ipaddr.js) out; they load
// after the first screen (client/lazy/), and the editor still reports what they find. Built
// output (npm run build) and a real server with headless Chromium.

const POLL = { timeout: 10_000, interval: 100 };
const assets = join(import.meta.dirname, '..', '..', 'dist', 'client', 'assets');
const read = (file: string) => readFileSync(join(assets, file), 'utf8');

/** A library's mark in built code: a message or name minifiers keep. */
const LIBRARIES = { acorn: 'Assigning to rvalue', croner: 'CronPattern', 'ipaddr.js': 'isValidFourPartDecimal' };

/** The chunk and every chunk it imports statically (what the browser must fetch before it runs). */
function staticClosure(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  for (const m of read(entry).matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)) if (m[1]) staticClosure(m[1], seen);
  return seen;
}

const e2e = useServerAndBrowser();

describe("the editor's first download", () => {
  it('carries no acorn, croner or ipaddr.js: they are in chunks of their own, loaded later', () => {
    const html = readFileSync(join(assets, '..', 'index.html'), 'utf8');
    const entry = /src="\/assets\/([\w.-]+\.js)"/.exec(html)?.[1] ?? '';
    const editor = /"assets\/(editor-page-[\w-]+\.js)"/.exec(read(entry))?.[1] ?? '';
    expect(editor).not.toBe('');
    expect(staticClosure(entry).size).toBeGreaterThan(2);
    const first = [...staticClosure(entry), ...staticClosure(editor)];
    for (const [library, mark] of Object.entries(LIBRARIES)) {
      expect(
        first.filter((f) => read(f).includes(mark)),
        library,
      ).toEqual([]);
    }
  });

  it('still reports a code syntax error once the checks have loaded', async () => {
    const { page } = e2e.browser;
    const api = flowApi(() => page, POLL);
    const lazy: string[] = [];
    page.on('response', (r) => {
      if (/\/assets\/(expression-syntax|cron|ip-ranges)-/.test(r.url())) lazy.push(new URL(r.url()).pathname);
    });
    const { id } = await api.api<Created>('POST', '/api/workflows', {
      name: 'Checks load later',
      nodes: [
        { id: 'hook', type: 'webhook', position: { x: 0, y: 0 }, config: {} },
        { id: 'shape', type: 'code', position: { x: 300, y: 0 }, config: { code: 'return { ok: true };' } },
      ],
      edges: [{ id: 'e1', source: 'hook', target: 'shape' }],
    });
    await page.goto(`/workflows/${id}`);
    await node(page, 'shape').click();
    await typeInto(page, page.getByRole('textbox', { name: /^Code/ }), 'return { ok: ');
    await page
      .getByText(/Syntax error\. Line 1/)
      .first()
      .waitFor();
    expect(await node(page, 'shape').locator('.badge-error').count()).toBe(1);
    await expect.poll(() => lazy.length, POLL).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
