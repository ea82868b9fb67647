import { describe, expect, it } from 'vitest';
import { SMALL } from './support/browser.js';
import { flowApi } from './support/flow-api.js';
import { node } from './support/editor.js';
import { shot, useServerAndBrowser } from './support/server-and-browser.js';

// The data store view in Settings and a form trigger's hosted page, in a real Chromium at
// 1280x720 against the built server.
const POLL = { timeout: 15_000, interval: 100 };
const env = useServerAndBrowser({ viewport: SMALL });
const b = {
  get page() {
    return env.browser.page;
  },
  get context() {
    return env.browser.context;
  },
};
const api = flowApi(() => b.page, POLL);

describe('Settings › Data store', () => {
  it('adds, shows, edits and deletes an entry', async () => {
    const page = b.page;
    await api.api('PUT', '/api/datastore/wf:wf_x/seen', { value: 41 });
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const section = page.getByRole('region', { name: 'Data store' });
    const table = section.getByRole('table', { name: 'Data store entries' });
    await table.getByText('seen').waitFor();
    const form = section.getByRole('form', { name: 'New entry' });
    await form.getByRole('textbox', { name: 'Key' }).fill('limits');
    await form.getByRole('textbox', { name: 'Value (JSON)' }).fill('{"max": 3');
    await form.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => form.getByRole('alert').textContent(), POLL).toContain('must be JSON');
    await form.getByRole('textbox', { name: 'Value (JSON)' }).fill('{"max": 3}');
    await form.getByRole('button', { name: 'Add' }).click();
    await table.getByText('{"max":3}').waitFor();
    await section.getByRole('button', { name: 'Edit limits' }).click();
    const edit = section.getByRole('form', { name: 'Edit limits' });
    await edit.getByRole('textbox', { name: 'Value (JSON)' }).fill('{"max": 5}');
    await edit.getByRole('button', { name: 'Save' }).click();
    await table.getByText('{"max":5}').waitFor();
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'datastore-settings');
    expect((await api.api<{ entry: { value: unknown } }>('GET', '/api/datastore/global/limits')).entry.value).toEqual({ max: 5 });
    await section.getByRole('button', { name: 'Delete limits' }).click();
    await expect.poll(() => table.getByText('{"max":5}').count(), POLL).toBe(0);
    await section.getByRole('textbox', { name: 'Filter by key prefix' }).fill('se');
    await expect.poll(() => table.getByRole('row').count(), POLL).toBe(2);
  });
});

describe('form trigger page', () => {
  it('validates in the browser, then stores a submission and thanks, under the page CSP', async () => {
    // The form in its own tab: the app's tab keeps calling the API (the form page's CSP allows no fetch).
    const page = await b.context.newPage();
    const { id } = await api.api<{ id: string }>('POST', '/api/workflows', {
      name: 'Refund form',
      nodes: [
        {
          id: 'form',
          type: 'form',
          position: { x: 0, y: 0 },
          config: {
            title: 'Request a refund',
            description: 'We answer within a day.',
            fields: [
              { name: 'email', label: 'Email', type: 'email', required: true },
              { name: 'order', label: 'Order number', type: 'text', required: true, pattern: 'A-[0-9]{3}', patternHint: 'an order number like A-123' },
              { name: 'amount', label: 'Amount', type: 'number', min: 1, max: 500 },
              { name: 'reason', label: 'Reason', type: 'select', options: ['damaged', 'late'], required: true },
              { name: 'agree', label: 'The order was not used', type: 'checkbox', required: true },
            ],
            thankYou: 'Thanks, we got your request.',
          },
        },
        { id: 'echo', type: 'code', position: { x: 250, y: 0 }, config: { code: 'return trigger.body' } },
      ],
      edges: [{ id: 'e1', source: 'form', target: 'echo' }],
    });
    const { hooks } = await api.api<{ hooks: { formUrl?: string }[] }>('POST', `/api/workflows/${id}/activate`);
    const formUrl = hooks[0]?.formUrl as string;
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(formUrl);
    await page.getByRole('heading', { name: 'Request a refund' }).waitFor();
    expect(await page.getByRole('button', { name: 'Send' }).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(43, 89, 195)');
    await page.getByLabel('Email').fill('not an email');
    await page.getByLabel('Order number').fill('B-1');
    await page.getByRole('button', { name: 'Send' }).click();
    // The browser refuses to send: the page stays, the field reports why.
    expect(await page.getByLabel('Email').evaluate((el) => (el as HTMLInputElement).validity.typeMismatch)).toBe(true);
    expect(await page.getByLabel('Order number').evaluate((el) => (el as HTMLInputElement).validity.patternMismatch)).toBe(true);
    expect(await api.runsOf(id)).toEqual([]);
    await shot(page, 'form-page');

    await page.getByLabel('Email').fill('ana@example.com');
    await page.getByLabel('Order number').fill('A-123');
    await page.getByLabel('Amount').fill('40');
    await page.getByLabel('Reason').selectOption('late');
    await page.getByLabel('The order was not used').check();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Thanks, we got your request.').waitFor();
    await shot(page, 'form-thanks');
    const run = await api.newestRun(id, 'succeeded');
    const detail = await api.api<{ steps: { nodeId: string; output: unknown }[] }>('GET', `/api/runs/${run.id}`);
    expect(detail.steps.find((s) => s.nodeId === 'echo')?.output).toEqual({ email: 'ana@example.com', order: 'A-123', amount: 40, reason: 'late', agree: true });
    expect(violations).toEqual([]);
    await page.close();
  });
});

describe('editor forms of the new node types', () => {
  it('shows and edits the form, datastore and dedupe settings generated from their descriptors', async () => {
    const page = b.page;
    const { id } = await api.api<{ id: string }>('POST', '/api/workflows', {
      name: 'Forms in the editor',
      nodes: [
        { id: 'signup', type: 'form', position: { x: 0, y: 0 }, config: { title: 'Sign up', fields: [{ name: 'email', label: 'Email', type: 'email', required: true }] } },
        { id: 'once', type: 'dedupe', position: { x: 260, y: 0 }, config: { key: '{{ trigger.body.email }}' } },
        { id: 'count', type: 'datastore', position: { x: 520, y: 0 }, config: { operation: 'increment', key: 'signups' } },
      ],
      edges: [
        { id: 'e1', source: 'signup', target: 'once' },
        { id: 'e2', source: 'once', sourceHandle: 'new', target: 'count' },
      ],
    });
    await page.goto(`/workflows/${id}`);
    await node(page, 'count').click();
    const inspector = page.getByLabel('Settings of Data store');
    await inspector.getByRole('combobox', { name: 'Operation' }).selectOption('set');
    await expect.poll(() => node(page, 'count').textContent(), POLL).toContain('set signups');
    await node(page, 'once').click();
    await page.getByLabel('Settings of Dedupe').waitFor();
    expect(await node(page, 'once').locator('.react-flow__handle.source').count()).toBe(2);
    await node(page, 'signup').click();
    await page.getByLabel('Settings of Form').getByRole('textbox', { name: 'Title' }).fill('Join the beta');
    await expect.poll(() => node(page, 'signup').textContent(), POLL).toContain('Join the beta');
    await shot(page, 'form-node-inspector');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(
        async () =>
          (await api.api<{ definition: { nodes: { id: string; config: { title?: string; operation?: string } }[] } }>('GET', `/api/workflows/${id}`)).definition.nodes.find((n) => n.id === 'signup')
            ?.config.title,
        POLL,
      )
      .toBe('Join the beta');
  });
});
