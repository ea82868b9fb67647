import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { node } from './support/editor.js';
import { at, flowApi } from './support/flow-api.js';
import { shot, useServerAndBrowser } from './support/server-and-browser.js';

const POLL = { timeout: 20_000, interval: 100 };

// A 150-step workflow is drawn in view only (client/store/estimated-size.ts): fewer nodes in the
// page than in the graph, edges attached where the handles are drawn, before and after a node is
// selected (when its estimated size gives way to the measured one), everything drawn once in view,
// and nothing of the estimate saved. Real server, real Chromium.
const e2e = useServerAndBrowser();
const flow = flowApi(() => e2e.browser.page, POLL);

const COUNT = 150;
const ids = ['hook', ...Array.from({ length: COUNT - 1 }, (_, i) => `step_${i + 1}`)];
const big = {
  name: 'A hundred and fifty steps',
  nodes: ids.map((id, i) => ({
    id,
    type: id === 'hook' ? 'webhook' : i % 3 === 0 ? 'branch' : 'code',
    position: at((i % 10) * 300, Math.floor(i / 10) * 160),
    // A name on two lines makes the node taller than the estimate: its handles move once measured.
    ...(id === 'step_1' ? { label: 'Shape the order into the CRM record' } : {}),
    config: id === 'hook' ? {} : i % 3 === 0 ? { combinator: 'and', rules: [{ field: 'trigger.body.n', operator: 'greater_than', value: i }] } : { code: `return { step: ${i} };` },
  })),
  edges: ids.slice(1).map((id, i) => ({ id: `e${i + 1}`, source: ids[i] ?? '', target: id, ...(i % 3 === 0 && i > 0 ? { sourceHandle: 'true' } : {}) })),
};

/** Distance in flow px between an edge's ends and the middle of the outer side of the handles it joins. */
const attachGap = (page: Page, edgeId: string, source: string, target: string, sourceHandle = 'out') =>
  page.evaluate(
    ({ edgeId, source, target, sourceHandle }) => {
      const d = document.querySelector(`.react-flow__edge[data-id="${edgeId}"] path.react-flow__edge-path`)?.getAttribute('d') ?? '';
      const nums = (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
      if (nums.length < 4) return Infinity;
      const vp = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport') as Element).transform);
      const pane = (document.querySelector('.react-flow') as Element).getBoundingClientRect();
      const at = (sel: string, side: 'left' | 'right') => {
        const r = (document.querySelector(sel) as Element).getBoundingClientRect();
        return [((side === 'left' ? r.left : r.right) - pane.left - vp.e) / vp.a, (r.top + r.height / 2 - pane.top - vp.f) / vp.a];
      };
      const out = at(`.react-flow__node[data-id="${source}"] .react-flow__handle.source[data-handleid="${sourceHandle}"]`, 'right');
      const inn = at(`.react-flow__node[data-id="${target}"] .react-flow__handle.target`, 'left');
      const gap = (a: number[], b: number[]) => Math.hypot((a[0] ?? 0) - (b[0] ?? 0), (a[1] ?? 0) - (b[1] ?? 0));
      return Math.max(gap([nums[0] ?? 0, nums[1] ?? 0], out), gap([nums.at(-2) ?? 0, nums.at(-1) ?? 0], inn));
    },
    { edgeId, source, target, sourceHandle },
  );

const drawnNodes = (page: Page) => page.locator('.react-flow__node').count();

describe('a 150-step workflow', () => {
  it('is drawn in view only, with edges on their handles, and saves nothing of the estimate', async () => {
    const { page } = e2e.browser;
    const { id } = await flow.api<{ id: string }>('POST', '/api/workflows', big);
    await page.goto(`/workflows/${id}`);
    await node(page, 'step_1').waitFor();
    expect(await drawnNodes(page)).toBeLessThan(COUNT / 2);
    await expect.poll(() => attachGap(page, 'e1', 'hook', 'step_1'), POLL).toBeLessThan(1.5);
    await expect.poll(() => attachGap(page, 'e2', 'step_1', 'step_2'), POLL).toBeLessThan(1.5);

    // Selected, a node is a new object for React Flow: its measured handles must stay.
    await node(page, 'step_1').click();
    await page.locator('.react-flow__node.selected[data-id="step_1"]').waitFor();
    expect(await attachGap(page, 'e1', 'hook', 'step_1')).toBeLessThan(1.5);
    expect(await attachGap(page, 'e2', 'step_1', 'step_2')).toBeLessThan(1.5);

    // The whole graph in view: all of it drawn, edges far from the start attached too.
    await page.getByTestId('rf__controls').getByRole('button', { name: 'Fit View' }).click();
    await expect.poll(() => drawnNodes(page), POLL).toBe(COUNT);
    await expect.poll(() => attachGap(page, `e${COUNT - 1}`, `step_${COUNT - 2}`, `step_${COUNT - 1}`), POLL).toBeLessThan(1.5);
    // A branch's first output (of two), once its node was selected.
    await node(page, 'step_3').click();
    await page.locator('.react-flow__node.selected[data-id="step_3"]').waitFor();
    expect(await attachGap(page, 'e4', 'step_3', 'step_4', 'true')).toBeLessThan(1.5);
    await shot(page, 'large-workflow-fit');

    // A move makes a change to save; the saved nodes carry only the workflow's own fields.
    await page.keyboard.press('Shift+L');
    await page.getByText('Unsaved changes').waitFor();
    await page.keyboard.press('ControlOrMeta+s');
    await page.getByText('Saved · v2').waitFor();
    const saved = await flow.api<{ definition: { nodes: Record<string, unknown>[] } }>('GET', `/api/workflows/${id}`);
    expect(saved.definition.nodes).toHaveLength(COUNT);
    expect([...new Set(saved.definition.nodes.flatMap((n) => Object.keys(n)))].sort()).toEqual(['config', 'id', 'label', 'position', 'type']);
  }, 120_000);

  it('reaches every step with Tab in graph order, each brought on screen as it takes focus', async () => {
    const { page } = e2e.browser;
    // Listed shuffled: the order comes from the connections, not from the list.
    const shuffled = { ...big, name: 'Tab through 150 steps', nodes: [...big.nodes].sort((a, b) => (a.id.length % 3) - (b.id.length % 3) || (a.id < b.id ? 1 : -1)) };
    const { id } = await flow.api<{ id: string }>('POST', '/api/workflows', shuffled);
    await page.goto(`/workflows/${id}`);
    await node(page, 'hook').waitFor();
    await node(page, 'hook').focus();
    const canvas = await page.locator('.editor-canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    /** The focused step and whether all of it lies inside the canvas. */
    const focusedStep = () =>
      page.evaluate((c) => {
        const el = document.activeElement as HTMLElement | null;
        const r = el?.getBoundingClientRect();
        const inside = !!r && r.left >= c.x && r.top >= c.y && r.right <= c.x + c.width && r.bottom <= c.y + c.height;
        return { id: el?.dataset.id ?? el?.getAttribute('aria-label') ?? el?.tagName ?? '', inside };
      }, canvas);
    for (const [i, step] of ids.entries()) {
      if (i > 0) await page.keyboard.press('Tab');
      await expect.poll(focusedStep, { ...POLL, message: `Tab ${i} reaches ${step} on screen` }).toEqual({ id: step, inside: true });
    }
    expect(await drawnNodes(page)).toBeLessThan(COUNT / 2);
    await shot(page, 'large-workflow-tab-last');
    // Back with Shift+Tab, then on past the last step: focus leaves the steps for the zoom controls.
    await page.keyboard.press('Shift+Tab');
    await expect.poll(focusedStep, POLL).toEqual({ id: `step_${COUNT - 2}`, inside: true });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(async () => (await focusedStep()).id, POLL).toBe('Zoom In');
  }, 180_000);
});
