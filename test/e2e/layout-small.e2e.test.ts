import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SMALL } from './support/browser.js';
import { node } from './support/editor.js';
import { flowApi } from './support/flow-api.js';
import { clippedTitles, invoiceWorkflow, overflowing, titlePixels } from './support/layout.js';
import { SHOTS, shot, useServerAndBrowser } from './support/server-and-browser.js';

const POLL = { timeout: 10_000, interval: 100 };

// The editor at 1280x720: nothing in the inspector or the toolbar runs off sideways, and step
// titles are whole (a long one wraps to a second line). Real server, real Chromium; screenshots in
// test-results/e2e (looked at; the README's come from docs-shots).
const e2e = useServerAndBrowser({ viewport: SMALL });
const flow = flowApi(() => e2e.browser.page, POLL);

const def = invoiceWorkflow;

describe('the editor at 1280x720', () => {
  it('keeps the toolbar, the inspector and step titles whole', async () => {
    const { page } = e2e.browser;
    const { id } = await flow.api<{ id: string }>('POST', '/api/workflows', def);
    await page.goto(`/workflows/${id}`);
    await node(page, 'chase').waitFor();
    // The first view is readable: titles at 11.5 px or more on screen (not the ~6 px a whole fit
    // would give), and since the workflow does not fit whole at that zoom, its start (the trigger,
    // at the left of the canvas) is what shows.
    await expect.poll(async () => (await titlePixels(page))[0] ?? 0, POLL).toBeGreaterThanOrEqual(11.5);
    const canvas = await page.locator('.editor-canvas').boundingBox();
    const hook = await node(page, 'hook').boundingBox();
    if (!canvas || !hook) throw new Error('no canvas or trigger on screen');
    expect(hook.x).toBeGreaterThanOrEqual(canvas.x);
    expect(hook.x - canvas.x).toBeLessThan(canvas.width / 4);
    expect(hook.y).toBeGreaterThanOrEqual(canvas.y);
    expect(hook.y + hook.height).toBeLessThanOrEqual(canvas.y + canvas.height);
    await shot(page, 'editor-1280x720-open');
    // Fit view (asked for) still shows the whole of it, smaller.
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await expect.poll(() => clippedTitles(page), POLL).toEqual([]);
    await shot(page, 'editor-1280x720-fit');
    // Every toolbar control is on screen.
    const offscreen = await page
      .locator('.editor-toolbar button, .editor-toolbar a, .editor-toolbar input')
      .evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().right > innerWidth).map((el) => el.getAttribute('aria-label') ?? el.textContent));
    expect(offscreen).toEqual([]);
    await shot(page, 'editor-1280x720');

    for (const step of ['invoice', 'paid', 'shape']) {
      await node(page, step).click();
      await page.locator('.side-panel .inspector-head').waitFor();
      await page.locator('.side-panel .cm-content').first().waitFor();
      expect(await overflowing(page, '.side-panel'), step).toEqual([]);
      await shot(page, `inspector-1280x720-${step}`);
    }
  }, 90_000);

  it('looks right in the light and the dark theme (the README screenshots)', async () => {
    const { page } = e2e.browser;
    // Opened afresh: at the readable zoom, with the workflow's start in view.
    await page.reload();
    await expect.poll(async () => (await titlePixels(page))[0] ?? 0, POLL).toBeGreaterThanOrEqual(11.5);
    // The step in full view at that zoom (the branch after it is at the canvas' edge).
    await node(page, 'invoice').click();
    await page.locator('.side-panel .inspector-head').waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme), POLL).toBe(scheme);
      expect(await overflowing(page, '.side-panel'), scheme).toEqual([]);
      expect(await clippedTitles(page), scheme).toEqual([]);
      // Past the theme's colour transitions.
      await page.waitForTimeout(400);
      await shot(page, `editor-${scheme}`);
      if (process.env.SWITCHYARD_SCREENSHOTS === '1') copyFileSync(join(SHOTS, `editor-${scheme}.png`), join(import.meta.dirname, '..', '..', 'docs', 'images', `editor-${scheme}.png`));
    }
  }, 60_000);
});
