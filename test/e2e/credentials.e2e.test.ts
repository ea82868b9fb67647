import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connect, dragFromPalette, newWorkflow, node, setupOwner } from './support/editor.js';
import { SHOTS, useServerAndBrowser } from './support/server-and-browser.js';

/** UI updates land a frame or two after an action: poll instead of reading once. */
const POLL = { timeout: 5_000, interval: 50 };

// Credentials made in Settings and picked in the inspector, against a real server in a real Chromium:
// the secret goes in once and never comes back to the page; the trigger then checks real requests with it.
const e2e = useServerAndBrowser({ owner: false });
const SECRET = 'Bearer e2e-partner-7f3c9a1d';
const BASIC_PASSWORD = 'inline-basic-5be2c0';

/** Everything the page holds as text: its HTML and every input's current value (password fields included). */
async function pageText(page: Page): Promise<string> {
  const values = await page.evaluate(() => [...document.querySelectorAll('input, textarea, select')].map((e) => (e as HTMLInputElement).value));
  return `${await page.content()}\n${values.join('\n')}`;
}

const cookieHeader = async () => (await e2e.browser.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');

describe('credentials in the editor', () => {
  it('creates a credential in Settings, and its secret is never shown again', async () => {
    const { page } = e2e.browser;
    await setupOwner(page);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'No credentials' }).waitFor();
    await page.getByRole('button', { name: 'New credential' }).click();
    const dialog = page.getByRole('dialog', { name: 'New credential' });
    await dialog.getByRole('textbox', { name: /^Name/ }).fill('Partner token');
    await dialog.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Header token' });
    await dialog.getByRole('textbox', { name: /^Header name/ }).fill('X-Partner-Token');
    const value = dialog.getByLabel(/^Value/);
    await expect.poll(() => value.getAttribute('type'), POLL).toBe('password');
    await value.fill(SECRET);
    await page.screenshot({ path: join(SHOTS, 'credential-new.png') });
    await dialog.getByRole('button', { name: 'Create credential' }).click();

    const row = page.getByRole('table', { name: 'Credentials' }).locator('tbody tr', { hasText: 'Partner token' });
    await row.waitFor();
    await expect.poll(() => row.textContent(), POLL).toContain('Header token');
    await expect.poll(() => dialog.isVisible(), POLL).toBe(false);
    expect(await pageText(page)).not.toContain('e2e-partner-7f3c9a1d');

    // Changing it starts from empty inputs: the stored value is not sent to the browser at all.
    await row.getByRole('button', { name: 'Change Partner token' }).click();
    const change = page.getByRole('dialog', { name: 'Change “Partner token”' });
    await expect.poll(() => change.getByLabel(/^Value/).inputValue(), POLL).toBe('');
    expect(await pageText(page)).not.toContain('e2e-partner-7f3c9a1d');
    await page.screenshot({ path: join(SHOTS, 'credential-change.png') });
    await change.getByRole('button', { name: 'Cancel' }).click();

    await page.reload();
    await row.waitFor();
    await page.screenshot({ path: join(SHOTS, 'credentials.png') });
    expect(await pageText(page)).not.toContain('e2e-partner-7f3c9a1d');
  }, 90_000);

  it('creates one inline and picks another in a webhook trigger’s auth; the active trigger then checks the header', async () => {
    const { page } = e2e.browser;
    await newWorkflow(page, 'Partner events');
    await dragFromPalette(page, 'Webhook', 200, 220);
    await node(page, 'webhook').click();
    const kind = page.getByRole('combobox', { name: 'Auth kind' });
    const picker = page.getByRole('combobox', { name: 'Credential' });

    // Basic auth: nothing fits yet, so create one right here; it is picked at once.
    await kind.selectOption('basic');
    await picker.waitFor();
    await expect.poll(() => picker.locator('option', { hasText: 'Partner token' }).count(), POLL).toBe(0);
    await page.getByRole('button', { name: 'Create credential' }).click();
    const dialog = page.getByRole('dialog', { name: 'New credential' });
    await expect.poll(() => dialog.getByRole('combobox', { name: 'Type' }).inputValue(), POLL).toBe('basic');
    await dialog.getByRole('textbox', { name: /^Name/ }).fill('Inline basic');
    await dialog.getByRole('textbox', { name: /^User name/ }).fill('partner');
    await dialog.getByLabel(/^Password/).fill(BASIC_PASSWORD);
    await dialog.getByRole('button', { name: 'Create credential' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => picker.inputValue(), POLL).toMatch(/^cred_/);
    await expect.poll(() => picker.locator('option:checked').textContent(), POLL).toBe('Inline basic · Basic auth');
    expect(await pageText(page)).not.toContain(BASIC_PASSWORD);

    // Header auth offers only header credentials: the one from Settings.
    await kind.selectOption('header');
    await expect.poll(() => picker.locator('option', { hasText: 'Inline basic' }).count(), POLL).toBe(0);
    await picker.selectOption({ label: 'Partner token · Header token' });
    await page.getByRole('button', { name: 'Issues: No issues' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'credential-picker.png') });

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved · v1').waitFor();
    await page.getByRole('switch', { name: 'Active' }).check();
    await page.getByText('Workflow is active').waitFor();
    expect(await pageText(page)).not.toContain('e2e-partner-7f3c9a1d');

    const id = /\/workflows\/(wf_[^/?#]+)/.exec(page.url())?.[1];
    const saved = (await (await fetch(`${e2e.server.base}/api/workflows/${id}`, { headers: { cookie: await cookieHeader() } })).json()) as {
      definition: { nodes: { config: { auth?: { kind: string; credentialId: string } } }[] };
    };
    const creds = (await (await fetch(`${e2e.server.base}/api/credentials`, { headers: { cookie: await cookieHeader() } })).json()) as { credentials: { id: string; name: string }[] };
    const partner = creds.credentials.find((c) => c.name === 'Partner token');
    expect(saved.definition.nodes[0]?.config.auth).toEqual({ kind: 'header', credentialId: partner?.id });

    const url = await page.getByRole('textbox', { name: 'Trigger URL' }).inputValue();
    const send = (headers: Record<string, string>) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"event":"ping"}' });
    expect((await send({})).status).toBe(401);
    expect((await send({ 'x-partner-token': 'Bearer wrong' })).status).toBe(401);
    expect((await send({ 'x-partner-token': SECRET })).status).toBe(202);
  }, 120_000);
});

describe('the switch form', () => {
  it('adds a case, connects its new output, renames it with the edge following, and saves with no issues', async () => {
    const { page } = e2e.browser;
    await newWorkflow(page, 'Routing');
    await dragFromPalette(page, 'Webhook', 120, 220);
    await dragFromPalette(page, 'Switch', 380, 220);
    await dragFromPalette(page, 'Code', 680, 320);
    await connect(page, 'webhook', 'switch');

    await node(page, 'switch').click();
    const handle = (id: string) => page.locator(`.react-flow__node[data-id="switch"] .react-flow__handle.source[data-handleid="${id}"]`);
    await expect.poll(() => handle('case_3').count(), POLL).toBe(0);
    await page.getByRole('button', { name: 'Add case' }).click();
    await handle('case_3').waitFor();
    await page.getByRole('textbox', { name: 'Case 3 condition 1 value' }).fill('refund.created');
    await page.getByRole('textbox', { name: 'Case 3 label' }).fill('Refund');
    await connect(page, 'switch', 'code', 'case_3');
    await expect.poll(() => page.locator('.react-flow__edge').count(), POLL).toBe(2);

    // A new id renames the output; the edge follows it. A taken id is refused and the output keeps its name.
    await page.getByRole('textbox', { name: 'Case 3 id' }).fill('paid');
    await page.getByText('Another case has this id.').waitFor();
    await page.getByRole('textbox', { name: 'Case 3 id' }).fill('refund');
    await handle('refund').waitFor();
    await expect.poll(() => handle('case_3').count(), POLL).toBe(0);
    // Reordering moves the handle, not the edge's link to it.
    await page.getByRole('button', { name: 'Move case 3 up' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Case 2 id' }).inputValue(), POLL).toBe('refund');
    await expect.poll(() => page.getByRole('textbox', { name: 'Case 3 id' }).inputValue(), POLL).toBe('failed');
    await page.getByRole('checkbox', { name: /every matching case/ }).check();
    await page.getByRole('button', { name: 'Issues: No issues' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'switch-form.png') });

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved · v1').waitFor();
    const id = /\/workflows\/(wf_[^/?#]+)/.exec(page.url())?.[1];
    const saved = (await (await fetch(`${e2e.server.base}/api/workflows/${id}`, { headers: { cookie: await cookieHeader() } })).json()) as {
      definition: { nodes: { id: string; config: Record<string, unknown> }[]; edges: { source: string; sourceHandle?: string; target: string }[] };
      issues: unknown[];
    };
    expect(saved.issues).toEqual([]);
    const cases = saved.definition.nodes.find((n) => n.id === 'switch')?.config.cases as { id: string; label?: string; rules: unknown[] }[];
    expect(cases.map((c) => c.id)).toEqual(['paid', 'refund', 'failed']);
    expect(cases[1]).toMatchObject({ label: 'Refund', rules: [{ field: 'trigger.body.type', operator: 'equals', value: 'refund.created' }] });
    expect(saved.definition.nodes.find((n) => n.id === 'switch')?.config.matchAll).toBe(true);
    expect(saved.definition.edges.find((e) => e.source === 'switch')).toMatchObject({ sourceHandle: 'refund', target: 'code' });
  }, 120_000);
});
