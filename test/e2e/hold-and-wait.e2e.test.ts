import { describe, expect, it } from 'vitest';
import { dragFromPalette, node } from './support/editor.js';
import { at, flowApi } from './support/flow-api.js';
import { shot, useServerAndBrowser } from './support/server-and-browser.js';
import { SMALL } from './support/browser.js';

const POLL = { timeout: 20_000, interval: 100 };
// At 1280x720, the smallest window the editor is tested at: the toolbar must still show the control.
const e2e = useServerAndBrowser({ receiver: true, viewport: SMALL });
const flow = flowApi(() => e2e.browser.page, POLL);

describe('pause and hold, and the wait and approval steps, in the editor', () => {
  it('pauses from the toolbar, shows the held count, and resumes; wait and approval have their forms', async () => {
    const { page } = e2e.browser;
    const { id, url } = await flow.createActive({
      name: 'Hold me',
      nodes: [
        { id: 'hook', type: 'webhook', position: at(0, 0), config: {} },
        { id: 'out', type: 'http', position: at(280, 0), config: { method: 'POST', url: `${e2e.rcv.url}/held`, body: { n: '{{ trigger.body.n }}' } } },
      ],
      edges: [{ id: 'e1', source: 'hook', target: 'out' }],
    });
    await page.goto(`/workflows/${id}`);
    const pause = page.getByRole('button', { name: 'Pause', exact: true });
    await pause.click();
    await page.getByText('Paused · 0 held').waitFor();
    await flow.trigger(url, { n: 1 });
    await flow.trigger(url, { n: 2 });
    await page.getByText('Paused · 2 held').waitFor({ timeout: 20_000 });
    expect(await flow.runsOf(id)).toEqual([]);
    await shot(page, 'pause-held-count');
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    await expect.poll(async () => (await flow.runsOf(id)).length, POLL).toBe(2);

    // The palette offers both node types; their forms come from the descriptors.
    await dragFromPalette(page, 'Wait for callback', 560, 220);
    const wait = page.locator('.react-flow__node').filter({ hasText: 'Wait for callback' }).first();
    await wait.waitFor();
    await wait.click();
    await page
      .getByLabel(/Timeout/i)
      .first()
      .waitFor();
    await page
      .getByLabel(/Max uses/i)
      .first()
      .waitFor();
    await dragFromPalette(page, 'Approval', 560, 420);
    const approval = page.locator('.react-flow__node').filter({ hasText: 'Approval' }).first();
    await approval.click();
    await page
      .getByLabel(/Question/i)
      .first()
      .waitFor();
    await expect.poll(() => approval.textContent(), POLL).toContain('Approved');
    expect(await node(page, 'hook').count()).toBe(1);
    await shot(page, 'approval-form');
  }, 120_000);
});
