import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SMALL } from './support/browser.js';
import { node } from './support/editor.js';
import { at, flowApi } from './support/flow-api.js';
import { shot, useServerAndBrowser } from './support/server-and-browser.js';

const POLL = { timeout: 10_000, interval: 100 };

// Connecting, moving and deleting connections with the keyboard alone, at 1280x720: no mouse, no
// clicks. Real server, real Chromium; the saved workflow is read back through the API.
const e2e = useServerAndBrowser({ viewport: SMALL });
const flow = flowApi(() => e2e.browser.page, POLL);

const step = (id: string, label: string, x: number) => ({ id, type: 'code', label, position: at(x, 150), config: { code: `return { ${id}: true };` } });
const def = {
  name: 'Keyboard wiring',
  nodes: [{ id: 'hook', type: 'webhook', position: at(0, 0), config: {} }, step('shape', 'Shape order', 300), step('notify', 'Notify team', 600), step('archive', 'Archive copy', 900)],
  edges: [{ id: 'e1', source: 'hook', target: 'shape' }],
};

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      node: el?.closest<HTMLElement>('.react-flow__node')?.dataset.id ?? null,
      edge: el?.closest('.react-flow__edge')?.getAttribute('data-id') ?? null,
      name: el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '',
    };
  });

/** Presses Tab (or Shift+Tab) until `done` holds for the focused element; returns how many presses it took. */
async function tabUntil(page: Page, done: (f: Awaited<ReturnType<typeof focused>>) => boolean, limit = 80, key = 'Tab'): Promise<number> {
  for (let n = 1; n <= limit; n++) {
    await page.keyboard.press(key);
    if (done(await focused(page))) return n;
  }
  throw new Error(`not reached in ${limit} Tab presses; focus is on ${JSON.stringify(await focused(page))}`);
}

const edgesOf = (page: Page) => page.locator('.react-flow__edge').evaluateAll((els) => els.map((el) => el.getAttribute('data-id') ?? '').sort());
const savedEdges = async (id: string) =>
  (await flow.api<{ definition: { edges: { source: string; target: string }[] } }>('GET', `/api/workflows/${id}`)).definition.edges.map((e) => `${e.source}>${e.target}`).sort();

describe('connecting steps from the keyboard', () => {
  let id = '';

  it('reaches the canvas in a few Tab presses (the skip link, the palette one stop)', async () => {
    const { page } = e2e.browser;
    id = (await flow.api<{ id: string }>('POST', '/api/workflows', def)).id;
    await page.goto(`/workflows/${id}`);
    await node(page, 'archive').waitFor();
    // Through the rail, the toolbar and the palette without the skip links: the palette is one stop.
    const plain = await tabUntil(page, (f) => f.node !== null);
    expect(plain).toBeLessThan(30);
    // With them: "Skip to content", then "Skip to the canvas" lands on the first step.
    await page.goto(`/workflows/${id}`);
    await node(page, 'archive').waitFor();
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('Skip to the canvas');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).node, POLL).toBe('hook');
  }, 60_000);

  it('connects two existing steps with "Connect to…"', async () => {
    const { page } = e2e.browser;
    // Tab from the trigger to "Shape order", Enter selects it, C opens the list.
    await tabUntil(page, (f) => f.node === 'shape');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Connections' }).waitFor();
    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: 'Connect Shape order to…' });
    await dialog.waitFor();
    // The trigger cannot take a connection, and neither can the step itself: two remain.
    await dialog.getByText('2 steps can take it.').waitFor();
    await page.keyboard.type('notify');
    await dialog.getByText('1 step can take it.').waitFor();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => edgesOf(page), POLL).toEqual(['e1', 'e_shape_notify']);
    // Focus went back to the step the connection starts from.
    await expect.poll(async () => (await focused(page)).node, POLL).toBe('shape');
    await shot(page, 'keyboard-connected');
  }, 60_000);

  it('moves a connection to another step from the inspector', async () => {
    const { page } = e2e.browser;
    await tabUntil(page, (f) => f.name === 'Move the connection to Notify team');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Move the connection from Shape order' });
    await dialog.waitFor();
    // The arrow keys walk the list; Enter on an item picks it.
    await page.keyboard.type('arch');
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).name).toBe('Archive copy archive');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => edgesOf(page), POLL).toEqual(['e1', 'e_shape_archive']);
    await expect.poll(async () => (await focused(page)).node, POLL).toBe('shape');
    await page.keyboard.press('ControlOrMeta+s');
    await page.getByText('Saved · v2').waitFor();
    expect(await savedEdges(id)).toEqual(['hook>shape', 'shape>archive']);
  }, 60_000);

  it('deletes a connection on the canvas and keeps focus on its source step', async () => {
    const { page } = e2e.browser;
    // Connections come before the steps in the canvas' focus order: back from the step.
    await tabUntil(page, (f) => f.edge === 'e_shape_archive', 10, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Delete');
    await expect.poll(() => edgesOf(page), POLL).toEqual(['e1']);
    const after = await focused(page);
    expect(after.node).toBe('shape');
    await page.keyboard.press('ControlOrMeta+s');
    await page.getByText('Saved · v3').waitFor();
    expect(await savedEdges(id)).toEqual(['hook>shape']);
  }, 60_000);

  it('removes a connection from the inspector and keeps focus in the inspector', async () => {
    const { page } = e2e.browser;
    // Select the trigger (Enter on it), then Tab into its inspector to remove its one connection.
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).node).toBe('hook');
    await page.keyboard.press('Enter');
    await tabUntil(page, (f) => f.name === 'Remove the connection to Shape order');
    await page.keyboard.press('Enter');
    await expect.poll(() => edgesOf(page), POLL).toEqual([]);
    await expect.poll(async () => (await focused(page)).name, POLL).toBe('Connect to…');
  }, 60_000);
});
