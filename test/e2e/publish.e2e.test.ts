import { describe, expect, it } from 'vitest';
import { node } from './support/editor.js';
import { at, flowApi } from './support/flow-api.js';
import { useServerAndBrowser } from './support/server-and-browser.js';

const POLL = { timeout: 5_000, interval: 50 };
const e2e = useServerAndBrowser();
const flow = flowApi(() => e2e.browser.page, POLL);

const definition = (code: string) => ({
  name: 'Publish me',
  nodes: [
    { id: 'hook', type: 'webhook', position: at(0, 0), config: {} },
    { id: 'shape', type: 'code', position: at(260, 0), config: { code } },
  ],
  edges: [{ id: 'e1', source: 'hook', target: 'shape' }],
});

interface Detail {
  version: number;
  publishedVersion: number | null;
  definition: { nodes: Array<{ config: { code?: string } }> };
}

describe('publishing from the editor', () => {
  it('saves a draft beside the live version, shows the diff, publishes it, and offers reload or copy on a conflict', async () => {
    const { page } = e2e.browser;
    const { id } = await flow.createActive(definition('return { v: 1 };'));
    await page.goto(`/workflows/${id}`);
    await page.getByText('Live · v1').waitFor();

    await node(page, 'shape').click();
    await page.getByRole('textbox', { name: 'Code', exact: true }).fill('return { v: 2 };');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved · v2').waitFor();
    const badge = page.getByRole('button', { name: 'Draft differs from live (v1)' });
    await badge.waitFor();
    expect(await flow.api<Detail>('GET', `/api/workflows/${id}`)).toMatchObject({ version: 2, publishedVersion: 1 });

    await badge.click();
    const diff = page.getByRole('list', { name: 'Changes from live to draft' });
    await expect.poll(() => diff.textContent(), POLL).toContain('shape changed: config.code');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Live · v2').waitFor();
    expect(await flow.api<Detail>('GET', `/api/workflows/${id}`)).toMatchObject({ version: 2, publishedVersion: 2 });

    // Someone else saves version 3 meanwhile; this editor's save (from version 2) is refused.
    await flow.api('PUT', `/api/workflows/${id}`, definition('return { v: "theirs" };'));
    await node(page, 'shape').click();
    await page.getByRole('textbox', { name: 'Code', exact: true }).fill('return { v: "mine" };');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const alert = page.getByRole('alert').filter({ has: page.getByRole('button', { name: 'Save as a copy' }) });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('version 3');
    await alert.getByRole('button', { name: 'Save as a copy' }).click();
    await page.getByText('Saved your edit as a new workflow').waitFor();
    await expect.poll(() => page.url(), POLL).not.toContain(id);
    const copyId = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect((await flow.api<Detail>('GET', `/api/workflows/${copyId}`)).definition.nodes[1]?.config.code).toBe('return { v: "mine" };');
    expect((await flow.api<Detail>('GET', `/api/workflows/${id}`)).definition.nodes[1]?.config.code).toBe('return { v: "theirs" };');
  }, 120_000);
});
