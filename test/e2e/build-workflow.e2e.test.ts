import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect, dragFromPalette, newWorkflow, node, setupOwner } from './support/editor.js';
import { SHOTS, useServerAndBrowser } from './support/server-and-browser.js';

/** UI updates land a frame or two after an action: poll instead of reading once. */
const POLL = { timeout: 5_000, interval: 50 };

// A person builds a workflow from nothing in a real Chromium against a real server, activates it,
// sends a real request to its trigger URL, and follows the run to each step's output.
const e2e = useServerAndBrowser({ receiver: true, owner: false });

describe('building, activating and watching a workflow in the browser', () => {
  it('sets up the owner, drags a trigger, a filter and an http step, connects and configures them, saves and activates', async () => {
    const { page } = e2e.browser;
    await setupOwner(page);
    await page.getByRole('heading', { name: 'No workflows yet' }).waitFor();
    await newWorkflow(page, 'Paid orders to CRM');

    await dragFromPalette(page, 'Webhook', 125, 220);
    await dragFromPalette(page, 'Filter', 390, 220);
    await dragFromPalette(page, 'HTTP request', 655, 220);
    await expect.poll(() => page.locator('.react-flow__node').count(), POLL).toBe(3);
    // The new HTTP step's "https://" is not a URL yet: an error (errors count before the
    // warnings that both steps are not connected yet).
    await page.getByRole('button', { name: 'Issues: 1 error' }).waitFor();
    await page.getByRole('button', { name: 'Issues: 1 error' }).click();
    const issues = page.getByRole('region', { name: 'Issues' });
    await issues.getByText('Not connected to the trigger', { exact: false }).first().waitFor();
    await expect.poll(() => issues.getByText('Not connected to the trigger', { exact: false }).count(), POLL).toBe(2);

    await connect(page, 'webhook', 'filter');
    await connect(page, 'filter', 'http');
    await expect.poll(() => page.locator('.react-flow__edge').count(), POLL).toBe(2);
    await expect.poll(() => issues.getByText('Not connected to the trigger', { exact: false }).count(), POLL).toBe(0);
    await page.getByRole('button', { name: 'Issues: 1 error' }).waitFor();

    await node(page, 'filter').click();
    await page.getByRole('textbox', { name: 'Condition 1 field' }).fill('trigger.body.status');
    await page.getByRole('textbox', { name: 'Condition 1 value' }).fill('paid');

    await node(page, 'http').click();
    await page.getByRole('combobox', { name: 'Method' }).selectOption('POST');
    await page.getByRole('textbox', { name: 'URL', exact: true }).fill(`${e2e.rcv.url}/crm/orders`);
    await page.getByRole('textbox', { name: 'Body' }).fill('{"order": "{{ trigger.body.id }}", "source": "switchyard"}');
    await expect(node(page, 'http').textContent()).resolves.toContain(`POST ${e2e.rcv.url}/crm/orders`);
    await page.getByRole('button', { name: 'Issues: No issues' }).waitFor();

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved · v1').waitFor();
    expect(page.url()).toMatch(/\/workflows\/wf_/);
    await page.getByRole('switch', { name: 'Active' }).check();
    await page.getByText('Workflow is active').waitFor();
  }, 120_000);

  it('runs when a request reaches the trigger URL, and the canvas and runs pages show each step', async () => {
    const { page } = e2e.browser;
    await node(page, 'webhook').click();
    const hookUrl = await page.getByRole('textbox', { name: 'Trigger URL' }).inputValue();
    expect(hookUrl).toMatch(new RegExp(`^${e2e.server.base}/hooks/`));
    await page.screenshot({ path: join(SHOTS, 'editor.png') });

    const skipped = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'ord_1', status: 'pending' }) });
    expect(skipped.status).toBe(202);
    const res = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'ord_2', status: 'paid' }) });
    expect(res.status).toBe(202);
    const { runId } = (await res.json()) as { runId: string };

    // The editor picks up the new run and paints each node's status.
    await page.locator('.react-flow__node[data-id="http"] .run-badge-succeeded').waitFor({ timeout: 20_000 });
    expect(e2e.rcv.got.map((r) => JSON.parse(r.body))).toEqual([{ order: 'ord_2', source: 'switchyard' }]);

    await page.getByRole('link', { name: 'Runs' }).click();
    const row = page.locator('tbody tr', { hasText: 'Paid orders to CRM' });
    await row.first().waitFor();
    await expect.poll(() => row.count(), POLL).toBe(2);
    await page.locator(`a[href="/runs/${runId}"]`).click();
    await page.getByRole('heading', { name: /Paid orders to CRM/ }).waitFor();
    await page.locator('.run-step-list').getByText('HTTP request').waitFor();
    for (const name of ['Webhook', 'Filter', 'HTTP request']) {
      await page.locator('.run-step-list button', { hasText: name }).click();
      await page.getByRole('heading', { name, level: 3 }).waitFor();
    }
    // The http step's output: the receiver's answer.
    const output = page.getByLabel('Output', { exact: true });
    await output.getByText('received').waitFor();
    await output.getByRole('button', { name: 'Raw' }).click();
    const raw = JSON.parse((await output.locator('pre').textContent()) ?? '{}') as { status: number; body: unknown };
    expect(raw.status).toBe(200);
    expect(raw.body).toEqual({ received: true, n: 1 });
    await page.locator('.run-step-list button', { hasText: 'Webhook' }).click();
    await page.getByLabel('Output', { exact: true }).getByText('ord_2').waitFor();
    await page.screenshot({ path: join(SHOTS, 'run.png') });
    if (process.env.SWITCHYARD_SCREENSHOTS === '1') {
      const docs = join(import.meta.dirname, '..', '..', 'docs', 'images');
      mkdirSync(docs, { recursive: true });
      copyFileSync(join(SHOTS, 'editor.png'), join(docs, 'editor.png'));
      copyFileSync(join(SHOTS, 'run.png'), join(docs, 'run.png'));
    }
  }, 120_000);

  it('replays a run, and the runs list filters by status', async () => {
    const { page } = e2e.browser;
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    await page.getByRole('dialog', { name: 'Replay this run' }).getByRole('button', { name: 'Start replay' }).click();
    await page.getByText('Replay started.').waitFor();
    await page.waitForURL((u) => /\/runs\/run_/.test(u.pathname));
    await page.locator('.run-header .status-succeeded').waitFor({ timeout: 20_000 });
    expect(e2e.rcv.got).toHaveLength(2);

    await page.getByRole('link', { name: 'Back to runs' }).click();
    await page.locator('tbody tr').nth(2).waitFor();
    await expect.poll(() => page.locator('tbody tr').count(), POLL).toBe(3);
    await page.getByRole('combobox', { name: 'Filter by status' }).selectOption('failed');
    await page.getByRole('heading', { name: 'No runs match these filters' }).waitFor();
    await page.getByRole('combobox', { name: 'Filter by status' }).selectOption('succeeded');
    await page.locator('tbody tr').nth(2).waitFor();
  }, 60_000);

  it('lists the workflow with its trigger, state, last run and runs of the day, and deactivates it from the list', async () => {
    const { page } = e2e.browser;
    await page.getByRole('link', { name: 'Workflows', exact: true }).click();
    const row = page.locator('tbody tr', { hasText: 'Paid orders to CRM' });
    await row.waitFor();
    await expect.poll(() => row.locator('.chip').textContent(), POLL).toBe('webhook');
    await expect.poll(() => row.locator('td.num').textContent(), POLL).toBe('3');
    await row.locator('.status-succeeded').waitFor();
    await page.getByRole('searchbox', { name: 'Search workflows' }).fill('nothing like it');
    await page.getByText('No workflow matches').waitFor();
    await page.getByRole('searchbox', { name: 'Search workflows' }).fill('paid');
    await row.getByRole('switch').uncheck();
    await page.getByText('Paid orders to CRM is inactive.').waitFor();
    const hook = await fetch(`${e2e.server.base}/api/workflows`, { headers: { cookie: (await e2e.browser.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } });
    const list = (await hook.json()) as { workflows: { active: boolean; hooks: { url: string }[] }[] };
    expect(list.workflows[0]?.active).toBe(false);
    const refused = await fetch(list.workflows[0]?.hooks[0]?.url ?? '', { method: 'POST', body: '{}' });
    expect(refused.status).toBe(404);
  }, 60_000);
});
