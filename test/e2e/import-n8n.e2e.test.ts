import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowApi } from './support/flow-api.js';
import { shot, useServerAndBrowser } from './support/server-and-browser.js';

const POLL = { timeout: 20_000, interval: 100 };

// "Import from n8n" on the workflows page, as a person uses it: an export uploaded or pasted, the
// report and the graph shown, the credentials asked for (picked or created), the workflow saved;
// then it runs against a receiver on 127.0.0.1 with those credentials. Real server, real Chromium.
const e2e = useServerAndBrowser({ receiver: true });
const flow = flowApi(() => e2e.browser.page, POLL);

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/n8n', name), 'utf8').replaceAll('http://127.0.0.1:9', e2e.rcv.url);

interface Saved {
  definition: { nodes: { id: string; config: { auth?: { credentialId: string } } }[] };
}

describe('the Import from n8n dialog', () => {
  it('uploads an export, shows the report, asks for its four credentials and saves a workflow that uses them', async () => {
    const { page } = e2e.browser;
    // Three credentials exist already; the fourth is created from the dialog.
    const made = async (name: string, type: string, data: object) => (await flow.api<{ id: string }>('POST', '/api/credentials', { name, type, data })).id;
    const basic = await made('ERP login (prod)', 'http-basic', { username: 'erp', password: 'p4ss' });
    const header = await made('Warehouse key', 'http-header', { name: 'X-Api-Key', value: 'wh-key' });
    const query = await made('Analytics key', 'http-query', { name: 'api_key', value: 'an-key' });

    await page.goto('/workflows');
    await page.getByRole('button', { name: 'Import from n8n' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import from n8n' });
    await dialog.getByLabel('n8n export file').setInputFiles({ name: 'order-sync.json', mimeType: 'application/json', buffer: Buffer.from(fixture('29-http-auth-kinds.json')) });
    await expect.poll(() => dialog.getByLabel('n8n export JSON').inputValue(), POLL).toContain('Order Webhook');
    await dialog.getByRole('button', { name: 'Preview' }).click();

    const report = dialog.getByLabel('Import report');
    await report.getByText('need your hand', { exact: false }).waitFor();
    await dialog.getByRole('img', { name: 'Preview of the imported graph' }).waitFor();
    await report.getByText('Create a http-bearer credential', { exact: false }).waitFor();
    // Nothing is saved until every credential is chosen.
    const create = dialog.getByRole('button', { name: 'Create workflow' });
    expect(await create.isDisabled()).toBe(true);
    await report.getByText('Pick or create the 4 credentials above', { exact: false }).waitFor();

    await report.getByRole('combobox', { name: /^ERP login/ }).selectOption(basic);
    await report.getByRole('combobox', { name: /^Warehouse key/ }).selectOption(header);
    await report.getByRole('combobox', { name: /^Analytics key/ }).selectOption(query);
    await report.getByRole('button', { name: 'New Billing token credential' }).click();
    const newCred = page.getByRole('dialog', { name: 'New credential' });
    await newCred.getByRole('textbox', { name: /^Name/ }).fill('Billing API token');
    await newCred.getByLabel(/^Token/).fill('tok-billing');
    await newCred.getByRole('button', { name: 'Create credential' }).click();
    await newCred.waitFor({ state: 'hidden' });
    await expect
      .poll(
        () =>
          report
            .getByRole('combobox', { name: /^Billing token/ })
            .locator('option:checked')
            .textContent(),
        POLL,
      )
      .toBe('Billing API token');
    // The import dialog stayed open under the credential dialog.
    await dialog.waitFor();
    await shot(page, 'import-n8n-dialog');

    await expect.poll(() => create.isDisabled(), POLL).toBe(false);
    await create.click();
    await page.waitForURL((u) => /^\/workflows\/wf_/.test(u.pathname));
    await page.getByRole('textbox', { name: 'Workflow name' }).waitFor();
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    const saved = await flow.api<Saved>('GET', `/api/workflows/${id}`);
    const billing = saved.definition.nodes.find((n) => n.id === 'billing_api')?.config.auth?.credentialId;
    expect(billing).toMatch(/^cred_/);
    expect(saved.definition.nodes.filter((n) => n.config.auth).map((n) => [n.id, n.config.auth?.credentialId])).toEqual([
      ['billing_api', billing],
      ['erp', basic],
      ['warehouse', header],
      ['analytics', query],
    ]);

    // It runs, and every request carries its credential.
    const { hooks } = await flow.api<{ hooks: { url: string }[] }>('POST', `/api/workflows/${id}/activate`);
    await flow.trigger(hooks[0]?.url ?? '', { id: 'o-7' });
    await flow.newestRun(id, 'succeeded');
    const got = e2e.rcv.got.map((r) => `${r.method} ${r.url}`);
    expect(got).toEqual(['POST /billing', 'POST /erp', 'POST /warehouse', 'GET /analytics?order=o-7&api_key=an-key']);
    expect(e2e.rcv.got[0]?.headers.authorization).toBe('Bearer tok-billing');
    expect(e2e.rcv.got[1]?.headers.authorization).toBe(`Basic ${Buffer.from('erp:p4ss').toString('base64')}`);
    expect(e2e.rcv.got[2]?.headers['x-api-key']).toBe('wh-key');
  }, 120_000);

  it('takes a pasted export without credentials and saves it at once', async () => {
    const { page } = e2e.browser;
    await page.goto('/workflows');
    await page.getByRole('button', { name: 'Import from n8n' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import from n8n' });
    await dialog.getByLabel('n8n export JSON').fill(fixture('02-webhook-http-respond.json'));
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByLabel('Import report').getByText('exact', { exact: false }).waitFor();
    expect(await dialog.getByRole('region', { name: 'Credentials' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Create workflow' }).click();
    await page.waitForURL((u) => /^\/workflows\/wf_/.test(u.pathname));
    await expect.poll(() => flow.workflowNamed('Lead intake with CRM call and reply'), POLL).toBeTruthy();
    // Bad JSON gets a clear message, not a crash.
    await page.goto('/workflows');
    await page.getByRole('button', { name: 'Import from n8n' }).click();
    await dialog.getByLabel('n8n export JSON').fill('{"nodes": [');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByRole('alert').waitFor();
  }, 60_000);
});
