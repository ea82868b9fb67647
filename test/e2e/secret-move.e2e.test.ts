import { describe, expect, it } from 'vitest';
import { node } from './support/editor.js';
import { flowApi } from './support/flow-api.js';
import { shot, useServerAndBrowser } from './support/server-and-browser.js';

// A secret typed into an HTTP step's header, warned about and moved into a credential in one
// click, in a real Chromium against a real server: the saved and published workflow no longer
// holds it, and a real run still sends it to a receiver on 127.0.0.1.
const POLL = { timeout: 15_000, interval: 100 };
const env = useServerAndBrowser({ receiver: true, viewport: { width: 1280, height: 800 } });
const api = flowApi(() => env.browser.page, POLL);
const SECRET = 'sk_live_51HxQ2eLkZ8yV3nR7tW9pA4bCe2E';

describe('moving a secret out of a step', () => {
  it('warns about Authorization: Bearer typed into a header, moves it into a bearer credential, and the run still sends it', async () => {
    const page = env.browser.page;
    const { id } = await api.api<{ id: string }>('POST', '/api/workflows', {
      name: 'Charge with a key',
      nodes: [
        { id: 'start', type: 'manual', position: { x: 0, y: 0 }, config: {} },
        { id: 'charge', type: 'http', position: { x: 260, y: 0 }, config: { method: 'POST', url: `${env.rcv.url}/charges`, headers: {}, body: { amount: 5 } } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'charge' }],
    });

    await page.goto(`${env.server.base}/workflows/${id}`);
    await node(page, 'charge').click();
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByRole('textbox', { name: 'header 1 name' }).fill('Authorization');
    const value = page.getByRole('textbox', { name: 'header 1 value' });
    await value.click();
    await page.keyboard.type(`Bearer ${SECRET}`);

    const warning = page.getByRole('alert', { name: 'Secrets in this step' });
    await warning.getByText('an Authorization header with a bearer token').waitFor();
    await shot(page, 'secret-literal-warning');
    await warning.getByRole('button', { name: 'Move Authorization to a new bearer token credential' }).click();
    await expect.poll(() => warning.count(), POLL).toBe(0);
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    // The saved draft: no header, the credential instead, the token nowhere in the JSON.
    const saved = async () => api.api<{ version: number; definition: { nodes: Array<{ id: string; config: Record<string, unknown> }> } }>('GET', `/api/workflows/${id}`);
    await expect.poll(async () => (await saved()).definition.nodes.find((n) => n.id === 'charge')?.config.auth, POLL).toMatchObject({ credentialId: expect.any(String) });
    const workflow = await saved();
    const charge = workflow.definition.nodes.find((n) => n.id === 'charge');
    expect(charge?.config.headers).toEqual({});
    expect(JSON.stringify(workflow)).not.toContain(SECRET);
    const credentialId = (charge?.config.auth as { credentialId: string }).credentialId;
    const credential = await api.api<{ type: string; name: string }>('GET', `/api/credentials/${credentialId}`);
    expect(credential.type).toBe('http-bearer');
    expect(JSON.stringify(credential)).not.toContain(SECRET);

    // Published: no version, no audit entry holds the token.
    await api.api('POST', `/api/workflows/${id}/publish`, { message: 'key in a credential' });
    const { versions } = await api.api<{ versions: Array<{ version: number }> }>('GET', `/api/workflows/${id}/versions`);
    for (const v of versions) expect(JSON.stringify(await api.api('GET', `/api/workflows/${id}/versions/${v.version}`))).not.toContain(SECRET);
    expect(JSON.stringify(await api.api('GET', '/api/audit'))).not.toContain(SECRET);

    // A real run sends the token from the credential.
    const { runId } = await api.api<{ runId: string }>('POST', `/api/workflows/${id}/run`, { payload: {} });
    await expect.poll(async () => (await api.api<{ status: string }>('GET', `/api/runs/${runId}`)).status, POLL).toBe('succeeded');
    const sent = env.rcv.got.find((r) => r.url === '/charges');
    expect(sent?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(JSON.stringify(await api.api('GET', `/api/runs/${runId}`))).not.toContain(SECRET);
  }, 90_000);
});
