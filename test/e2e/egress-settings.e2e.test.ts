import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type TestBrowser } from './support/browser.js';
import { receiver, setupOwner } from './support/editor.js';
import { flowApi } from './support/flow-api.js';
import { SHOTS } from './support/server-and-browser.js';
import { startServer, type TestServer } from './support/server.js';

// Settings › Egress in a real Chromium at 1280x720 against a real server whose EGRESS_ALLOW
// (the floor) names an address nothing here ever sends to; the receiver is on 127.0.0.1.
const FLOOR = '10.9.8.7/32';
const POLL = { timeout: 15_000, interval: 100 };
let server: TestServer;
let b: TestBrowser;
let rcv: Awaited<ReturnType<typeof receiver>>;
const api = flowApi(() => b.page, POLL);

beforeAll(async () => {
  server = await startServer({ EGRESS_ALLOW: FLOOR });
  b = await openBrowser(server.base, { width: 1280, height: 720 });
  rcv = await receiver();
  mkdirSync(SHOTS, { recursive: true });
  await setupOwner(b.page);
}, 60_000);
afterAll(async () => {
  await b?.close();
  await server?.stop();
  await rcv?.close();
});

interface RunDetail {
  status: string;
  steps: { nodeId: string; status: string; error?: { code?: string } }[];
}
/** Runs the workflow now and answers the HTTP step's status and error code once the run ends. */
async function runPost(workflowId: string) {
  const { runId } = await api.api<{ runId: string }>('POST', `/api/workflows/${workflowId}/run`, { payload: {} });
  let run: RunDetail | undefined;
  await expect.poll(async () => (run = await api.api<RunDetail>('GET', `/api/runs/${runId}`)).status, POLL).toMatch(/succeeded|failed/);
  const step = run?.steps.find((s) => s.nodeId === 'post');
  return `${step?.status} ${step?.error?.code ?? ''}`.trim();
}

describe('Settings › Egress', () => {
  it('lets the owner allow the local receiver and take it back, with EGRESS_ALLOW shown and kept', async () => {
    const page = b.page;
    const { id } = await api.api<{ id: string }>('POST', '/api/workflows', {
      name: 'To the local receiver',
      nodes: [
        { id: 'start', type: 'manual', position: { x: 0, y: 0 }, config: {} },
        { id: 'post', type: 'http', position: { x: 250, y: 0 }, config: { method: 'POST', url: `${rcv.url}/hook`, body: { hi: 1 } } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'post' }],
    });
    expect(await runPost(id)).toBe('failed egress_blocked');

    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const section = page.getByRole('region', { name: 'Egress' });
    const list = section.getByRole('list', { name: 'Allowed destinations' });
    await list.getByText(FLOOR).waitFor();
    await expect.poll(() => list.getByRole('listitem').count(), POLL).toBe(1);
    expect(await section.getByRole('button', { name: `Remove ${FLOOR}` }).count()).toBe(0);

    const input = section.getByRole('textbox', { name: 'New allowed destination' });
    await input.fill('not a host!');
    await section.getByRole('button', { name: 'Allow' }).click();
    await expect.poll(() => section.getByRole('alert').textContent(), POLL).toMatch(/not a host!.*neither a CIDR/);

    await input.fill('127.0.0.1/32');
    await section.getByRole('button', { name: 'Allow' }).click();
    await section.getByRole('button', { name: 'Remove 127.0.0.1/32' }).waitFor();
    expect(await section.getByRole('alert').count()).toBe(0);
    expect(await input.inputValue()).toBe('');
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'settings-egress.png') });
    expect(await runPost(id)).toBe('succeeded');
    expect(rcv.got.map((r) => r.url)).toEqual(['/hook']);

    // Survives a reload (stored on the server), then removing it blocks the receiver again.
    await page.reload();
    await section.getByRole('button', { name: 'Remove 127.0.0.1/32' }).click();
    await expect.poll(() => list.getByRole('listitem').count(), POLL).toBe(1);
    await list.getByText(FLOOR).waitFor();
    expect(await runPost(id)).toBe('failed egress_blocked');
    expect(rcv.got).toHaveLength(1);

    const audit = await api.api<{ entries: { action: string; actor: { name: string } }[] }>('GET', '/api/audit?targetType=settings');
    expect(audit.entries.map((e) => `${e.action} by ${e.actor.name}`)).toEqual(['settings.egress_update by Ada Owner', 'settings.egress_update by Ada Owner']);
  });
});
