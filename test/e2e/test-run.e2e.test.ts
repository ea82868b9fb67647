import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { connect, dragFromPalette, edgeCount, fieldText, newWorkflow, node, typeInto } from './support/editor.js';
import { SHOTS, useServerAndBrowser } from './support/server-and-browser.js';

/** UI updates land a frame or two after an action: poll instead of reading once. */
const POLL = { timeout: 5_000, interval: 50 };

// The test loop of the editor: a branch wired with the mouse to its True and False outputs,
// a sample event captured by listening to the trigger URL, a field picked from it, a test run
// painted on the canvas, and the run's detail. Also makes the README screenshots.
const e2e = useServerAndBrowser({ receiver: true });

/** Closes the toasts, so screenshots show the product rather than notifications. */
async function dismissToasts() {
  const dismiss = e2e.browser.page.getByRole('button', { name: 'Dismiss' });
  for (let i = 0; i < 10 && (await dismiss.count()) > 0; i++)
    await dismiss
      .first()
      .click({ timeout: 1000 })
      .catch(() => undefined);
}

describe('testing a workflow from the editor', () => {
  it('wires a branch to its True and False outputs with the mouse', async () => {
    const { page } = e2e.browser;
    await newWorkflow(page, 'Route big orders');
    await dragFromPalette(page, 'Webhook', 125, 200);
    await dragFromPalette(page, 'Branch (if / else)', 390, 200);
    await dragFromPalette(page, 'HTTP request', 655, 90);
    await dragFromPalette(page, 'Code', 655, 330);
    await connect(page, 'webhook', 'branch');
    await connect(page, 'branch', 'http', 'true');
    await connect(page, 'branch', 'code', 'false');
    await expect.poll(() => edgeCount(page), POLL).toBe(3);
    await expect.poll(() => page.locator('.react-flow__edge[data-id="e_branch_true_http"]').count(), POLL).toBe(1);
    await expect.poll(() => page.locator('.react-flow__edge[data-id="e_branch_false_code"]').count(), POLL).toBe(1);

    await node(page, 'branch').click();
    await expect.poll(() => fieldText(page.getByRole('textbox', { name: 'Condition 1 field' })), POLL).toBe('trigger.body.amount');
    await page.getByRole('combobox', { name: 'Condition 1 operator' }).selectOption('greater_than');
    await page.getByRole('textbox', { name: 'Condition 1 value' }).fill('100');

    await node(page, 'code').click();
    await typeInto(page, page.getByRole('textbox', { name: 'Code', exact: true }), 'return { small: true, id: trigger.body.id };');
    await node(page, 'http').click();
    await page.getByRole('textbox', { name: 'URL', exact: true }).fill(`${e2e.rcv.url}/sales/`);
    await page.getByRole('textbox', { name: 'Body' }).fill('{"deal": true}');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved · v1').waitFor();
  }, 90_000);

  it('listens for a test event on the trigger URL and inserts one of its fields with the data picker', async () => {
    const { page } = e2e.browser;
    await node(page, 'webhook').click();
    const hookUrl = await page.getByRole('textbox', { name: 'Trigger URL' }).inputValue();
    await page.getByText('curl example').click();
    await expect.poll(() => page.locator('.curl pre').textContent(), POLL).toContain(`curl -X POST '${hookUrl}'`);
    await page.getByRole('button', { name: 'Listen for a test event' }).click();
    await page.getByText('Waiting for a request to this URL').waitFor();
    // The workflow is inactive: only a listened-for request is accepted (and starts no run).
    let captured = 0;
    for (let i = 0; i < 50 && captured !== 200; i++) {
      const r = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'ord_9', amount: 250, customer: { email: 'sam@example.test' } }) });
      captured = r.status;
      if (captured !== 200) await sleep(100);
    }
    expect(captured).toBe(200);
    await page.getByText('Sample event').waitFor();
    await page.getByLabel('Sample event', { exact: true }).getByText('ord_9').waitFor();

    await node(page, 'http').click();
    const url = page.getByRole('textbox', { name: 'URL', exact: true });
    await url.click();
    await url.press('End');
    const picker = page.getByRole('tree', { name: 'Data from earlier steps' });
    await picker.getByRole('button', { name: 'id', exact: true }).click();
    await expect.poll(() => fieldText(url), POLL).toBe(`${e2e.rcv.url}/sales/{{ trigger.body.id }}`);
    await picker.getByRole('button', { name: 'Expand customer' }).click();
    const headerValue = page.getByRole('textbox', { name: 'header 1 value' });
    // Select and type as a person does: fill() on a CodeMirror line can insert before CodeMirror
    // has read the selection it made (seen under load: the old text stayed behind the new).
    await headerValue.click();
    await headerValue.press('Control+a');
    await page.keyboard.type('application/json; for=');
    await expect.poll(() => fieldText(headerValue), POLL).toBe('application/json; for=');
    await picker.getByRole('button', { name: 'email', exact: true }).click();
    await expect.poll(() => fieldText(headerValue), POLL).toBe('application/json; for={{ trigger.body.customer.email }}');
  }, 90_000);

  it('runs the saved version with the sample event and paints each step on the canvas', async () => {
    const { page } = e2e.browser;
    const before = await node(page, 'code').boundingBox();
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await page.waitForFunction((y) => {
      const r = document.querySelector('.react-flow__node[data-id="code"]')?.getBoundingClientRect();
      return r !== undefined && Math.abs(r.y - y) > 1;
    }, before?.y ?? 0);
    // A sticky note under the branch, placed where the pointer is.
    await page.locator('.react-flow__pane').click({ position: { x: 12, y: 420 } });
    const branch = await node(page, 'branch').boundingBox();
    await page.mouse.move((branch?.x ?? 300) - 40, (branch?.y ?? 200) + 110);
    await page.keyboard.press('n');
    await page.getByRole('textbox', { name: 'Sticky note' }).fill('Orders over 100 go to the sales CRM; the rest are tagged in code.');
    await page.getByRole('button', { name: 'Test run', exact: true }).click();
    await page.getByText('Saved as version 2.').waitFor();
    await node(page, 'http').locator('.run-badge-succeeded').waitFor({ timeout: 20_000 });
    await expect.poll(() => node(page, 'code').locator('.run-badge-succeeded').count(), POLL).toBe(0);
    expect(e2e.rcv.got).toHaveLength(1);
    expect(e2e.rcv.got[0]?.url).toBe('/sales/ord_9');
    expect(e2e.rcv.got[0]?.headers['content-type']).toBe('application/json; for=sam@example.test');

    const panel = page.getByRole('region', { name: 'Run output' });
    await panel.locator('.status-succeeded').first().waitFor();
    await node(page, 'http').click();
    await panel.getByRole('heading', { name: 'HTTP request', level: 3 }).waitFor();
    await panel.getByLabel('Output', { exact: true }).getByText('received').waitFor();
    await page.locator('.react-flow__pane').click({ position: { x: 12, y: 420 } });
    await node(page, 'http').click();
    await dismissToasts();
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await sleep(400);
    await page.screenshot({ path: join(SHOTS, 'editor-test-run.png') });
  }, 90_000);

  it('opens the run from the editor and shows every step with its data', async () => {
    const { page } = e2e.browser;
    await page.getByRole('link', { name: 'Open in Runs →' }).click();
    await page.getByRole('heading', { name: /Route big orders/ }).waitFor();
    const steps = page.locator('.run-step-list button');
    await steps.filter({ hasText: 'HTTP request' }).waitFor();
    await expect.poll(() => steps.filter({ hasText: 'Branch (if / else)' }).locator('.status-succeeded').count(), POLL).toBe(1);
    await steps.filter({ hasText: 'HTTP request' }).click();
    await page.getByRole('tab', { name: 'Input' }).click();
    const side = page.getByRole('complementary', { name: 'Steps' });
    await side.getByLabel('Input', { exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Output' }).click();
    await side.getByLabel('Output', { exact: true }).getByText('received').waitFor();
    await dismissToasts();
    await sleep(300);
    await page.screenshot({ path: join(SHOTS, 'run-detail.png') });
    if (process.env.SWITCHYARD_SCREENSHOTS === '1') {
      const docs = join(import.meta.dirname, '..', '..', 'docs', 'images');
      mkdirSync(docs, { recursive: true });
      copyFileSync(join(SHOTS, 'editor-test-run.png'), join(docs, 'editor.png'));
      copyFileSync(join(SHOTS, 'run-detail.png'), join(docs, 'run.png'));
    }
  }, 60_000);
});
