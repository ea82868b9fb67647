import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FULL_HD, SMALL } from './support/browser.js';
import { node } from './support/editor.js';
import { flowApi } from './support/flow-api.js';
import { invoiceWorkflow, overflowing } from './support/layout.js';
import { shot, useServerAndBrowser } from './support/server-and-browser.js';

const POLL = { timeout: 10_000, interval: 100 };
/** The canvas keeps at least this much room beside a wide inspector (client/editor/panel-layout.ts). */
const CANVAS_MIN = 420;

// The inspector resized by its handle (pointer drag and arrow keys) at 1280x720 and 1920x1080,
// remembered across reloads; the palette and the inspector collapse; whatever the width, the
// inspector's content wraps or scrolls inside it and the canvas beside it keeps its room.
// Real server, real Chromium.
const e2e = useServerAndBrowser({ viewport: SMALL });
const flow = flowApi(() => e2e.browser.page, POLL);

const handle = (page: Page) => page.getByRole('separator', { name: 'Resize the inspector' });
const widthOf = async (page: Page, selector: string) => Math.round((await page.locator(selector).boundingBox())?.width ?? -1);
const value = async (page: Page, attr: 'now' | 'min' | 'max') => Number(await handle(page).getAttribute(`aria-value${attr}`));

/** Drags the handle sideways by `dx` px with the mouse, as a person does. */
async function dragHandle(page: Page, dx: number) {
  const box = await handle(page).boundingBox();
  if (!box) throw new Error('no resize handle on screen');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y, { steps: 4 });
  await page.mouse.move(x + dx, y, { steps: 4 });
  await page.mouse.up();
}

/** The inspector shows `width` px and the canvas keeps its room; nothing in the inspector runs off sideways. */
async function expectLaidOut(page: Page, width: number, label: string) {
  await expect.poll(() => widthOf(page, '.side-panel'), { ...POLL, message: label }).toBe(width);
  expect(await value(page, 'now'), label).toBe(width);
  expect(await widthOf(page, '.editor-canvas'), label).toBeGreaterThanOrEqual(CANVAS_MIN);
  expect(await overflowing(page, '.side-panel'), label).toEqual([]);
}

/** Selects a step and waits for its inspector with its code or template editor. */
async function inspect(page: Page, id: string) {
  await node(page, id).click();
  await page.locator('.side-panel .inspector-head').waitFor();
  await page.locator('.side-panel .cm-content').first().waitFor();
}

describe('the resizable inspector', () => {
  it('is dragged wider and narrower within its bounds at 1280x720, and never overflows', async () => {
    const { page } = e2e.browser;
    const { id } = await flow.api<{ id: string }>('POST', '/api/workflows', invoiceWorkflow);
    await page.goto(`/workflows/${id}`);
    await inspect(page, 'invoice');
    const body = await widthOf(page, '.editor-body');
    const palette = await widthOf(page, '.palette');
    expect(await value(page, 'now')).toBe(340);
    expect(await value(page, 'min')).toBe(300);
    expect(await value(page, 'max')).toBe(body - palette - CANVAS_MIN);
    await expectLaidOut(page, 340, 'default');

    await dragHandle(page, -120);
    await expectLaidOut(page, 460, 'dragged wider');
    // Past the widest it may go: the canvas keeps its minimum.
    await dragHandle(page, -400);
    const widest = body - palette - CANVAS_MIN;
    await expectLaidOut(page, widest, 'dragged to the widest');
    await shot(page, 'inspector-1280x720-widest');
    // Narrower than the narrowest: it stops there, and every step's form still fits.
    await dragHandle(page, 500);
    await expectLaidOut(page, 300, 'dragged to the narrowest');
    for (const step of ['hook', 'paid', 'invoice']) {
      await node(page, step).click();
      await page.locator('.side-panel .inspector-head').waitFor();
      expect(await overflowing(page, '.side-panel'), step).toEqual([]);
    }
    await shot(page, 'inspector-1280x720-narrowest');
  }, 90_000);

  it('follows the arrow keys on its focused handle and is remembered across a reload', async () => {
    const { page } = e2e.browser;
    await handle(page).focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expectLaidOut(page, 332, 'two presses of ArrowLeft');
    await page.keyboard.press('ArrowRight');
    await expectLaidOut(page, 316, 'ArrowRight');
    await page.keyboard.press('End');
    await expectLaidOut(page, await value(page, 'max'), 'End');
    await page.keyboard.press('Home');
    await expectLaidOut(page, 300, 'Home');
    await page.keyboard.press('Shift+ArrowLeft');
    await expectLaidOut(page, 364, 'Shift+ArrowLeft');
    // The arrow keys resized the panel only: no step moved, nothing to save.
    expect(await page.getByText('Unsaved changes').count()).toBe(0);

    await page.reload();
    await node(page, 'invoice').waitFor();
    await expectLaidOut(page, 364, 'after a reload');
  }, 60_000);

  it('collapses the palette and the inspector to give the canvas their room, remembered too', async () => {
    const { page } = e2e.browser;
    const before = await widthOf(page, '.editor-canvas');
    await page.getByRole('button', { name: 'Hide the palette' }).click();
    await page.getByRole('button', { name: 'Show the palette' }).waitFor();
    await expect.poll(() => widthOf(page, '.editor-canvas'), POLL).toBeGreaterThan(before + 150);
    // The inspector may now grow into the room the palette left.
    expect(await value(page, 'max')).toBe((await widthOf(page, '.editor-body')) - (await widthOf(page, '.palette')) - CANVAS_MIN);
    await page.getByRole('button', { name: 'Hide the inspector' }).click();
    await page.getByRole('button', { name: 'Show the inspector' }).waitFor();
    expect(await handle(page).count()).toBe(0);
    const wide = await widthOf(page, '.editor-canvas');
    expect(wide).toBeGreaterThan(before + 450);
    await shot(page, 'editor-1280x720-panels-collapsed');
    await page.reload();
    await page.getByRole('button', { name: 'Show the inspector' }).waitFor();
    expect(await widthOf(page, '.editor-canvas')).toBe(wide);
    // "/" opens a collapsed palette at its search box.
    await page.locator('.react-flow__pane').click({ position: { x: 300, y: 20 } });
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')), POLL).toBe('Search node types');
    await page.getByRole('button', { name: 'Show the inspector' }).click();
    await expectLaidOut(page, 364, 'shown again');
  }, 60_000);

  it('grows wider at 1920x1080 and gives the room back when the window shrinks', async () => {
    const { page } = e2e.browser;
    await page.setViewportSize(FULL_HD);
    await inspect(page, 'invoice');
    const body = await widthOf(page, '.editor-body');
    expect(await value(page, 'max')).toBe(Math.min(760, body - (await widthOf(page, '.palette')) - CANVAS_MIN));
    await dragHandle(page, -1000);
    await expectLaidOut(page, 760, 'the widest at 1920x1080');
    await shot(page, 'inspector-1920x1080-widest');
    await dragHandle(page, 300);
    await expectLaidOut(page, 460, 'narrower at 1920x1080');
    await dragHandle(page, -300);
    // Back at 1280x720 the chosen 760 px would squeeze the canvas: it shows as wide as leaves the canvas its minimum.
    await page.setViewportSize(SMALL);
    const small = (await widthOf(page, '.editor-body')) - (await widthOf(page, '.palette')) - CANVAS_MIN;
    await expectLaidOut(page, small, 'the window shrunk');
    await page.setViewportSize(FULL_HD);
    await expectLaidOut(page, 760, 'the window grown again');
    await page.setViewportSize(SMALL);
  }, 60_000);
});
