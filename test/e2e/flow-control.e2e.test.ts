import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { node } from './support/editor.js';
import { at, flowApi } from './support/flow-api.js';
import { shot, SHOTS, useServerAndBrowser } from './support/server-and-browser.js';
import { doubling } from './support/workflows.js';

/** UI updates land a frame or two after an action, runs a moment later: poll instead of reading once. */
const POLL = { timeout: 20_000, interval: 100 };

// Flow control in the browser, on a real server: a loop run's progress and the steps of one item
// (nested loops too), cancelling waiting runs, replaying a failed run from its failed step and
// replaying runs in bulk. Workflows are built through the API and started by real requests.
const e2e = useServerAndBrowser({ receiver: true });
const flow = flowApi(() => e2e.browser.page, POLL);

describe('loops, cancel and replay in the run views', () => {
  it('draws a loop body as a group, shows a run’s loop progress and opens the steps of one item', async () => {
    const { page } = e2e.browser;
    const { id, url } = await flow.createActive(doubling);
    await flow.trigger(url, { lines: [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }] });
    const run = await flow.newestRun(id, 'succeeded');

    await page.goto(`/workflows/${id}`);
    await node(page, 'each').waitFor();
    // The loop's outputs are labelled, and its body is drawn as a group around "double" only.
    await node(page, 'each').getByText('Each item', { exact: true }).waitFor();
    await node(page, 'each').getByText('Done', { exact: true }).waitFor();
    const group = page.getByTestId('loop-group-each');
    await group.waitFor();
    await expect.poll(() => group.textContent(), POLL).toContain('For each item');
    const g = await group.boundingBox();
    const inside = await node(page, 'double').boundingBox();
    const outside = await node(page, 'total').boundingBox();
    expect(g && inside && g.x <= inside.x && g.y <= inside.y && g.x + g.width >= inside.x + inside.width && g.y + g.height >= inside.y + inside.height).toBe(true);
    expect(g && outside && outside.y >= g.y + g.height).toBe(true);

    // The latest run: the loop's progress, its items, and item 2's own steps.
    const panel = page.getByRole('region', { name: 'Run output' });
    await panel.locator('.status-succeeded').first().waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: /Latest run/ }).click();
    await node(page, 'each').click();
    const items = panel.getByRole('region', { name: 'Loop items' });
    await items.getByText('4 of 4 items ran').waitFor();
    await expect.poll(() => items.getByRole('list', { name: 'Items of the loop' }).getByRole('listitem').count(), POLL).toBe(4);
    await items.getByRole('button', { name: 'Item 2: succeeded' }).click();
    const path = panel.getByRole('navigation', { name: 'Loop item path' });
    await path.getByText('Loop · item 2').waitFor();
    await panel.getByRole('button', { name: /Code/ }).first().click();
    await panel.getByLabel('Output', { exact: true }).getByText('4', { exact: true }).waitFor();
    await shot(page, 'loop-run-panel');

    // The same in the run's own page, where the canvas paints the item's steps.
    await page.goto(`/runs/${run.id}`);
    const side = page.getByRole('complementary', { name: 'Steps' });
    await side.getByRole('button', { name: /Loop/ }).first().click();
    await side.getByText('4 of 4 items ran').waitFor();
    await side.getByRole('button', { name: 'Item 3: succeeded' }).click();
    await side.getByRole('navigation', { name: 'Loop item path' }).getByText('Loop · item 3').waitFor();
    await side.getByLabel('Output', { exact: true }).getByText('6', { exact: true }).waitFor();
    await page.getByTestId('loop-group-each').waitFor();
    await shot(page, 'loop-run-detail');
    await side.getByRole('navigation', { name: 'Loop item path' }).getByRole('button', { name: 'Run' }).click();
    await side.getByText('4 of 4 items ran').waitFor();
  }, 120_000);

  it('goes into a loop inside a loop and back out with the path', async () => {
    const { page } = e2e.browser;
    const { id, url } = await flow.createActive({
      name: 'Price every order',
      nodes: [
        { id: 'hook', type: 'webhook', position: at(0, 150), config: {} },
        { id: 'orders', type: 'loop', label: 'Each order', position: at(280, 150), config: { items: '{{ trigger.body.orders }}' } },
        { id: 'lines', type: 'loop', label: 'Each line', position: at(560, 80), config: { items: '{{ input.lines }}' } },
        { id: 'price', type: 'code', label: 'Price a line', position: at(860, 20), config: { code: 'return { total: input.qty * input.price };' } },
        { id: 'sum', type: 'code', label: 'Order total', position: at(860, 200), config: { code: 'return { sum: input.reduce((a, r) => a + r.total, 0) };' } },
        { id: 'report', type: 'code', label: 'Report', position: at(560, 380), config: { code: 'return { orders: input.map((o) => o.sum) };' } },
      ],
      edges: [
        { id: 'e1', source: 'hook', target: 'orders' },
        { id: 'e2', source: 'orders', sourceHandle: 'item', target: 'lines' },
        { id: 'e3', source: 'lines', sourceHandle: 'item', target: 'price' },
        { id: 'e4', source: 'lines', sourceHandle: 'done', target: 'sum' },
        { id: 'e5', source: 'orders', sourceHandle: 'done', target: 'report' },
      ],
    });
    await flow.trigger(url, {
      orders: [
        {
          lines: [
            { qty: 1, price: 2 },
            { qty: 3, price: 4 },
          ],
        },
        { lines: [{ qty: 5, price: 6 }] },
      ],
    });
    const run = await flow.newestRun(id, 'succeeded');
    await page.goto(`/runs/${run.id}`);
    const side = page.getByRole('complementary', { name: 'Steps' });
    const path = side.getByRole('navigation', { name: 'Loop item path' });
    await side
      .getByRole('button', { name: /Each order/ })
      .first()
      .click();
    await side.getByText('2 of 2 items ran').waitFor();
    await side.getByRole('button', { name: 'Item 1: succeeded' }).click();
    await side
      .getByRole('button', { name: /Each line/ })
      .first()
      .click();
    await side.getByText('2 of 2 items ran').waitFor();
    await side.getByRole('button', { name: 'Item 2: succeeded' }).click();
    await path.getByText('Each line · item 2').waitFor();
    await side.getByRole('button', { name: /Price a line/ }).click();
    await side.getByLabel('Output', { exact: true }).getByText('12', { exact: true }).waitFor();
    // Both loops' boxes say which item the canvas shows; the outer item's steps are painted too.
    await expect.poll(() => page.getByTestId('loop-group-orders').textContent(), POLL).toContain('showing item 1');
    await expect.poll(() => page.getByTestId('loop-group-lines').textContent(), POLL).toContain('showing item 2');
    await node(page, 'sum').locator('.run-badge-succeeded').waitFor();
    await shot(page, 'loop-nested');
    // Back to the outer item: its own steps, then the top level.
    await path.getByRole('button', { name: 'Each order · item 1' }).click();
    await side.getByRole('button', { name: /Order total/ }).click();
    await side.getByLabel('Output', { exact: true }).getByText('14', { exact: true }).waitFor();
    await path.getByRole('button', { name: 'Run' }).click();
    await side.getByRole('button', { name: /Report/ }).click();
    await side.getByLabel('Output', { exact: true }).getByText('30', { exact: true }).waitFor();
    if (process.env.SWITCHYARD_SCREENSHOTS === '1') {
      const docs = join(import.meta.dirname, '..', '..', 'docs', 'images');
      mkdirSync(docs, { recursive: true });
      copyFileSync(join(SHOTS, 'loop-nested.png'), join(docs, 'loop-run.png'));
    }
  }, 90_000);

  it('cancels a run that waits in a delay, from the editor', async () => {
    const { page } = e2e.browser;
    const { id, url } = await flow.createActive({
      name: 'Wait a day',
      nodes: [
        { id: 'hook', type: 'webhook', position: at(0, 0), config: {} },
        { id: 'later', type: 'delay', position: at(300, 0), config: { mode: 'duration', duration: '1d' } },
        { id: 'after', type: 'code', position: at(600, 0), config: { code: 'return { done: true };' } },
      ],
      edges: [
        { id: 'e1', source: 'hook', target: 'later' },
        { id: 'e2', source: 'later', target: 'after' },
      ],
    });
    await flow.trigger(url, { id: 1 });
    await flow.newestRun(id, 'waiting');
    await page.goto(`/workflows/${id}`);
    const panel = page.getByRole('region', { name: 'Run output' });
    await panel.locator('.status-waiting').first().waitFor({ timeout: 20_000 });
    await panel.getByText(/Waiting until .* \(in (23 h|24 h|1 days)/).waitFor();
    await shot(page, 'waiting-run');
    await panel.getByRole('button', { name: 'Cancel run' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this run?' });
    await dialog.getByRole('button', { name: 'Cancel run' }).click();
    await panel.locator('.status-cancelled').first().waitFor();
    expect((await flow.runsOf(id))[0]?.status).toBe('cancelled');
    expect(await panel.getByRole('button', { name: 'Cancel run' }).count()).toBe(0);
  }, 60_000);

  it('shows a loop’s progress while an item still waits, and cancels the whole run', async () => {
    const { page } = e2e.browser;
    // Items 1 and 2 pass their delay at once (a time in the past); item 3 waits a day.
    const { id, url } = await flow.createActive({
      name: 'Slow third item',
      nodes: [
        { id: 'hook', type: 'webhook', position: at(0, 100), config: {} },
        { id: 'each', type: 'loop', position: at(300, 100), config: { items: '{{ trigger.body.items }}' } },
        { id: 'hold', type: 'delay', position: at(620, 0), config: { mode: 'until', until: '{{ input.at }}' } },
      ],
      edges: [
        { id: 'e1', source: 'hook', target: 'each' },
        { id: 'e2', source: 'each', sourceHandle: 'item', target: 'hold' },
      ],
    });
    const past = '2000-01-01T00:00:00.000Z';
    await flow.trigger(url, { items: [{ at: past }, { at: past }, { at: new Date(Date.now() + 86_400_000).toISOString() }] });
    const run = await flow.newestRun(id, 'waiting');
    await page.goto(`/runs/${run.id}`);
    const side = page.getByRole('complementary', { name: 'Steps' });
    await side.getByRole('button', { name: /Loop/ }).first().click();
    await side.getByText('2 of 3 items done').waitFor();
    await expect.poll(() => side.getByRole('list', { name: 'Items of the loop' }).getByRole('listitem').count(), POLL).toBe(2);
    await page.getByText(/Waiting until .*\(in (23|24) h\)/).waitFor();
    await shot(page, 'loop-running');
    await page.getByRole('button', { name: 'Cancel run' }).click();
    await page.getByRole('dialog', { name: 'Cancel this run?' }).getByRole('button', { name: 'Cancel run' }).click();
    await page
      .getByRole('heading', { name: /Slow third item/ })
      .locator('.status-cancelled')
      .waitFor();
    expect((await flow.runsOf(id))[0]?.status).toBe('cancelled');
  }, 60_000);

  it('replays a failed run from its failed step on the current version, reusing the steps before it', async () => {
    const { page } = e2e.browser;
    const nodes = (code: string) => [
      { id: 'hook', type: 'webhook', position: at(0, 0), config: {} },
      { id: 'notify', type: 'http', position: at(300, 0), config: { method: 'POST', url: `${e2e.rcv.url}/notify`, body: { order: '{{ trigger.body.order }}' } } },
      { id: 'check', type: 'code', position: at(600, 0), config: { code } },
    ];
    const edges = [
      { id: 'e1', source: 'hook', target: 'notify' },
      { id: 'e2', source: 'notify', target: 'check' },
    ];
    const { id, url } = await flow.createActive({ name: 'Notify then check', nodes: nodes('throw new Error("the check is broken");'), edges });
    await flow.trigger(url, { order: 'A-1' });
    const failed = await flow.newestRun(id, 'failed');
    expect(e2e.rcv.got.filter((r) => r.url === '/notify')).toHaveLength(1);
    // Fix the step: version 2.
    await flow.api('PUT', `/api/workflows/${id}`, { name: 'Notify then check', nodes: nodes('return { ok: true, order: trigger.body.order };'), edges });

    await page.goto(`/runs/${failed.id}`);
    const side = page.getByRole('complementary', { name: 'Steps' });
    await side.getByRole('heading', { name: 'Code', level: 3 }).waitFor();
    await side.getByRole('button', { name: 'Replay from here' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replay from “Code”' });
    await dialog.getByText('Original (v1)').waitFor();
    await dialog.getByRole('radio', { name: /Current/ }).check();
    await shot(page, 'replay-from-step');
    await dialog.getByRole('button', { name: 'Start replay' }).click();
    await expect.poll(() => new URL(page.url()).pathname, POLL).not.toBe(`/runs/${failed.id}`);
    await page
      .getByRole('heading', { name: /Notify then check/ })
      .locator('.status-succeeded')
      .waitFor({ timeout: 20_000 });
    await page.getByText(`Replay of ${failed.id.slice(0, 16)}`).waitFor();
    // The HTTP step before the failed one was reused, not sent again.
    expect(e2e.rcv.got.filter((r) => r.url === '/notify')).toHaveLength(1);
    await side.getByRole('button', { name: /Code/ }).click();
    await side.getByLabel('Output', { exact: true }).getByText('"A-1"').waitFor();
  }, 90_000);

  it('replays failed runs in bulk after counting them first', async () => {
    const { page } = e2e.browser;
    const wf = await flow.workflowNamed('Notify then check');
    await page.goto(`/runs?workflowId=${wf?.id}&status=failed`);
    await page.getByRole('button', { name: 'Replay runs…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replay runs' });
    await dialog.getByRole('radio', { name: /From the failed step/ }).check();
    await dialog.getByRole('button', { name: 'Count matching runs' }).click();
    await dialog.getByText('1 run will be replayed.').waitFor();
    await shot(page, 'bulk-replay');
    await dialog.getByRole('button', { name: 'Replay 1 run' }).click();
    await page.getByText('Started 1 replay.').waitFor();
    await expect.poll(async () => (await flow.runsOf(wf?.id ?? '')).filter((r) => r.status === 'succeeded').length, POLL).toBe(2);
    expect(e2e.rcv.got.filter((r) => r.url === '/notify')).toHaveLength(1);
  }, 60_000);
});
