import { describe, expect, it } from 'vitest';
import { FULL_HD, SMALL } from './support/browser.js';
import { coveredNodes, dragNodeBy, node } from './support/editor.js';
import { at, flowApi } from './support/flow-api.js';
import { shot, useServerAndBrowser } from './support/server-and-browser.js';

/** UI updates land a frame or two after an action, runs a moment later: poll instead of reading once. */
const POLL = { timeout: 20_000, interval: 100 };

// Every node of a 12-node workflow stays reachable on a 1280x720 screen with the Issues and Run
// panels open: selected, multi-selected (Ctrl-click and a Shift-drag box) and dragged by the
// mouse, as a person does it. Nothing may float over a node; no click is forced.
const e2e = useServerAndBrowser({ viewport: SMALL });
const flow = flowApi(() => e2e.browser.page, POLL);

const CHAIN = Array.from({ length: 10 }, (_, i) => `step_${i + 1}`);
const IDS = ['hook', ...CHAIN, 'lonely'];
/** A trigger, ten code steps in a chain and one step left unconnected (so Issues has a warning to show). */
const twelve = {
  name: 'Twelve steps',
  nodes: IDS.map((id, i) => ({
    id,
    type: id === 'hook' ? 'webhook' : 'code',
    position: at((i % 4) * 300, Math.floor(i / 4) * 170),
    config: id === 'hook' ? {} : { code: `return { step: ${i} };` },
  })),
  edges: IDS.slice(0, 11)
    .slice(1)
    .map((id, i) => ({ id: `e${i}`, source: IDS[i] ?? '', target: id })),
};

const selectedIds = (page: typeof e2e.browser.page) => page.locator('.react-flow__node.selected').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.id ?? '').sort());

describe('a 12-node workflow at 1280x720 with the Issues and Run panels open', () => {
  it('selects, multi-selects and drags every node, and none is ever covered', async () => {
    const { page } = e2e.browser;
    const { id, url } = await flow.createActive(twelve);
    await flow.trigger(url, { hello: 'world' });
    await flow.newestRun(id, 'succeeded');

    await page.goto(`/workflows/${id}`);
    await node(page, 'lonely').waitFor();
    const runPanel = page.getByRole('region', { name: 'Run output' });
    await runPanel.locator('.status-succeeded').first().waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: /Latest run/ }).click();
    await runPanel.locator('.run-panel-body').waitFor();
    await page.getByRole('button', { name: 'Issues: 1 warning' }).click();
    const issues = page.getByRole('region', { name: 'Issues' });
    await issues.getByText('Not connected to the trigger', { exact: false }).waitFor();
    // The workflow opened at the readable zoom with its start in view (too wide to show whole at
    // 1280x720); Fit view frames all of it in the canvas the panels left, clear of both.
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await expect.poll(() => coveredNodes(page), POLL).toEqual([]);
    await shot(page, 'canvas-1280x720-panels-open');

    // One at a time: a click selects that node only.
    for (const id of IDS) {
      await node(page, id).click();
      await expect.poll(() => selectedIds(page), POLL).toEqual([id]);
    }
    // Ctrl-click adds each node to the selection, and takes one away again.
    await node(page, 'hook').click();
    for (const id of IDS.slice(1)) await node(page, id).click({ modifiers: ['Control'] });
    await expect.poll(() => selectedIds(page), POLL).toEqual([...IDS].sort());
    await node(page, 'step_5').click({ modifiers: ['Control'] });
    await expect.poll(() => selectedIds(page), POLL).toEqual(IDS.filter((x) => x !== 'step_5').sort());

    // A Shift-drag box around the whole graph selects every node. (Near the canvas' edge the box
    // auto-pans the canvas a little, as React Flow does; Fit view frames the graph again after.)
    await page.locator('.react-flow__pane').click({ position: { x: 60, y: 4 } });
    await expect.poll(() => selectedIds(page), POLL).toEqual([]);
    const first = await node(page, 'hook').boundingBox();
    const last = await node(page, 'lonely').boundingBox();
    if (!first || !last) throw new Error('a node is not on screen');
    await page.keyboard.down('Shift');
    await page.mouse.move(first.x - 6, first.y - 6);
    await page.mouse.down();
    await page.mouse.move((first.x + last.x) / 2, (first.y + last.y) / 2, { steps: 5 });
    await page.mouse.move(last.x + last.width + 6, last.y + last.height + 6, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect.poll(() => selectedIds(page), POLL).toEqual([...IDS].sort());
    await page.locator('.react-flow__pane').click({ position: { x: 60, y: 4 } });
    // The canvas' own Fit View button frames the graph at once (the toolbar's one animates).
    await page.getByTestId('rf__controls').getByRole('button', { name: 'Fit View' }).click();
    await expect.poll(() => coveredNodes(page), POLL).toEqual([]);
    const canvas = await page.locator('.editor-canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');

    // Every node dragged by the mouse moves on screen and in the saved graph. Each goes toward the
    // canvas' middle: a pointer near the edge would pan the canvas (React Flow's auto-pan) instead.
    const middle = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
    const moved = new Map<string, { dx: number; dy: number }>();
    for (const id of IDS) {
      const start = await node(page, id).boundingBox();
      if (!start) throw new Error(`node ${id} is not on screen`);
      const dx = start.x + start.width / 2 < middle.x ? 16 : -16;
      const dy = start.y + start.height / 2 < middle.y ? 12 : -12;
      moved.set(id, { dx, dy });
      await dragNodeBy(page, id, dx, dy);
      // React Flow starts a drag past a small threshold, so a node lags the pointer by a pixel or two.
      await expect
        .poll(
          async () => {
            const now = await node(page, id).boundingBox();
            return now ? [Math.sign(Math.trunc((now.x - start.x) / 6)), Math.sign(Math.trunc((now.y - start.y) / 5))] : null;
          },
          { ...POLL, message: `${id} moves with the pointer` },
        )
        .toEqual([Math.sign(dx), Math.sign(dy)]);
      await expect.poll(() => selectedIds(page), POLL).toEqual([id]);
    }
    await page.getByText('Unsaved changes').waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved · v2').waitFor();
    const saved = await flow.api<{ definition: { nodes: { id: string; position: { x: number; y: number } }[] } }>('GET', `/api/workflows/${id}`);
    expect(saved.definition.nodes).toHaveLength(12);
    for (const n of saved.definition.nodes) {
      const was = twelve.nodes.find((x) => x.id === n.id)?.position;
      const by = moved.get(n.id);
      expect(was && by, n.id).toBeTruthy();
      expect([Math.sign(n.position.x - (was?.x ?? 0)), Math.sign(n.position.y - (was?.y ?? 0))], n.id).toEqual([Math.sign(by?.dx ?? 0), Math.sign(by?.dy ?? 0)]);
    }
    await expect.poll(() => coveredNodes(page), POLL).toEqual([]);
  }, 120_000);

  it('keeps every node clear of the panels and the minimap at 1920x1080', async () => {
    const { page } = e2e.browser;
    await page.setViewportSize(FULL_HD);
    await page.getByTestId('rf__controls').getByRole('button', { name: 'Fit View' }).click();
    // A canvas this size shows the minimap; a fitted view leaves its corner free.
    await page.getByRole('img', { name: 'Minimap' }).waitFor();
    await expect.poll(() => coveredNodes(page), POLL).toEqual([]);
    await shot(page, 'canvas-1920x1080-panels-open');
    await page.getByRole('button', { name: 'Hide minimap' }).click();
    await page.getByRole('img', { name: 'Minimap' }).waitFor({ state: 'detached' });
    await page.setViewportSize(SMALL);
    await expect.poll(() => coveredNodes(page), POLL).toEqual([]);
  }, 60_000);
});
