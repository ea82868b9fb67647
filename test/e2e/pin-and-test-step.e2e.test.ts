import { describe, expect, it } from 'vitest';
import { node } from './support/editor.js';
import { flowApi } from './support/flow-api.js';
import { shot, useServerAndBrowser } from './support/server-and-browser.js';

// Pinned data and "Test this step" in a real Chromium at 1280x720, against a real server and
// a receiver on 127.0.0.1 that counts the requests the HTTP steps send.
const POLL = { timeout: 15_000, interval: 100 };
const env = useServerAndBrowser({ receiver: true, viewport: { width: 1280, height: 720 } });
const api = flowApi(() => env.browser.page, POLL);

describe('pinning a step and testing one step', () => {
  it('pins the last run’s output, saves it with the draft, and tests the next step on it without calling the pinned one', async () => {
    const page = env.browser.page;
    const rcv = env.rcv;
    const { id } = await api.api<{ id: string }>('POST', '/api/workflows', {
      name: 'Pin and test',
      nodes: [
        { id: 'start', type: 'manual', position: { x: 0, y: 0 }, config: {} },
        { id: 'lookup', type: 'http', position: { x: 260, y: 0 }, config: { method: 'GET', url: `${rcv.url}/lookup` } },
        { id: 'send', type: 'http', position: { x: 520, y: 0 }, config: { method: 'POST', url: `${rcv.url}/send`, body: { got: '{{ steps.lookup.status }}' } } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'lookup' },
        { id: 'e2', source: 'lookup', target: 'send' },
      ],
    });
    const { runId } = await api.api<{ runId: string }>('POST', `/api/workflows/${id}/run`, { payload: {} });
    await expect.poll(async () => (await api.api<{ status: string }>('GET', `/api/runs/${runId}`)).status, POLL).toBe('succeeded');
    expect(rcv.got.map((r) => r.url)).toEqual(['/lookup', '/send']);

    await page.goto(`${env.server.base}/workflows/${id}`);
    await node(page, 'lookup').click();
    const panel = page.getByRole('region', { name: 'Test this step' });
    await panel.getByRole('button', { name: 'Pin the last run’s output' }).click();
    await panel.getByRole('button', { name: 'Unpin' }).waitFor();

    await node(page, 'send').click();
    await panel.getByRole('button', { name: 'Test this step' }).click();
    const result = panel.getByRole('status', { name: 'Step test result' });
    await expect.poll(async () => (await result.textContent()) ?? '', POLL).toMatch(/"status": 200/);
    await shot(page, 'test-this-step');
    expect(rcv.got.map((r) => r.url)).toEqual(['/lookup', '/send', '/send']);
    expect(JSON.parse(rcv.got[2]?.body ?? '{}')).toEqual({ got: 200 });

    const saved = await api.api<{ definition: { pinned?: Record<string, { status: number }> } }>('GET', `/api/workflows/${id}`);
    expect(saved.definition.pinned?.lookup?.status).toBe(200);
  });
});
