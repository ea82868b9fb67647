import { describe, expect, it } from 'vitest';
import { flowApi } from './support/flow-api.js';
import { shot, useServerAndBrowser } from './support/server-and-browser.js';

// The workflow list in a real Chromium at 1280x720: tags set through the API are shown as
// chips, and the tag picker and the chips filter the list.
const POLL = { timeout: 15_000, interval: 100 };
const env = useServerAndBrowser({ viewport: { width: 1280, height: 720 } });
const api = flowApi(() => env.browser.page, POLL);

const def = (name: string, tags: string[]) => ({
  name,
  tags,
  nodes: [
    { id: 'start', type: 'manual', position: { x: 0, y: 0 }, config: {} },
    { id: 'code', type: 'code', position: { x: 250, y: 0 }, config: { code: 'return 1;' } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'code' }],
});

describe('tags in the workflow list', () => {
  it('shows each workflow’s tags and filters by the picker and by a click on a chip', async () => {
    const page = env.browser.page;
    await api.api('POST', '/api/workflows', def('Invoices', ['billing', 'ops']));
    await api.api('POST', '/api/workflows', def('Contacts', ['crm']));
    await api.api('POST', '/api/workflows', def('Untagged', []));
    await page.getByRole('link', { name: 'Workflows', exact: true }).click();
    const rows = page.getByRole('table').getByRole('row');
    await expect.poll(() => rows.count(), POLL).toBe(4);
    const names = async () => (await page.getByRole('table').locator('.row-title').allTextContents()).sort();

    await page.getByRole('combobox', { name: 'Filter by tag' }).selectOption('crm');
    await expect.poll(names, POLL).toEqual(['Contacts']);
    await page.getByRole('combobox', { name: 'Filter by tag' }).selectOption('');
    await expect.poll(names, POLL).toEqual(['Contacts', 'Invoices', 'Untagged']);
    await shot(page, 'workflow-list-tags');

    await page.getByRole('button', { name: 'ops', exact: true }).click();
    await expect.poll(names, POLL).toEqual(['Invoices']);
    expect(await page.getByRole('combobox', { name: 'Filter by tag' }).inputValue()).toBe('ops');
  });
});
