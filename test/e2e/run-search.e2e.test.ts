import { describe, expect, it } from 'vitest';
import { flowApi } from './support/flow-api.js';
import { shot, useServerAndBrowser } from './support/server-and-browser.js';

// The runs view's search in a real Chromium against a real server: by a value in the trigger
// body, by the event id (dedupe key), by status and error code, by time; the filters live in the
// URL (a reload keeps the search) and a bad path is refused at its field.
const POLL = { timeout: 15_000, interval: 100 };
const env = useServerAndBrowser({ viewport: { width: 1280, height: 800 } });
const api = flowApi(() => env.browser.page, POLL);

describe('searching runs', () => {
  it('finds runs by trigger value, event id, status with error code and time, and keeps the search in the URL', async () => {
    const page = env.browser.page;
    const { id } = await api.api<{ id: string }>('POST', '/api/workflows', {
      name: 'Payments',
      nodes: [
        { id: 'start', type: 'manual', position: { x: 0, y: 0 }, config: {} },
        { id: 'check', type: 'code', position: { x: 250, y: 0 }, config: { code: 'if (trigger.body.fail) throw new Error("card declined"); return { ok: true };' } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'check' }],
    });
    const run = async (objectId: string, key: string, fail = false) => {
      const { runId } = await api.api<{ runId: string }>('POST', `/api/workflows/${id}/run`, { payload: { data: { object: { id: objectId } }, fail }, idempotencyKey: key });
      await expect.poll(async () => (await api.api<{ status: string }>('GET', `/api/runs/${runId}`)).status, POLL).toMatch(/succeeded|failed/);
      return runId;
    };
    const paid = await run('pi_123', 'evt_paid');
    const declined = await run('pi_456', 'evt_declined', true);
    await run('pi_789', 'evt_other');
    const failedRun = await api.api<{ error: { cause?: string } }>('GET', `/api/runs/${declined}`);
    const code = failedRun.error.cause;
    expect(code).toBeTruthy();

    await page.goto(`${env.server.base}/runs`);
    const rows = page.locator('table.table tbody tr');
    await expect.poll(() => rows.count(), POLL).toBe(3);
    const form = page.getByRole('search', { name: 'Search runs' });
    const shown = async () => (await page.locator('table.table tbody code').evaluateAll((els) => els.map((e) => e.getAttribute('title')))).sort();

    await form.getByLabel('Trigger value').fill('trigger.body.data.object.id = pi_123');
    await form.getByRole('button', { name: 'Search' }).click();
    await expect.poll(shown, POLL).toEqual([paid]);
    expect(new URL(page.url()).searchParams.get('where')).toBe('trigger.body.data.object.id = pi_123');
    await shot(page, 'runs-search');

    // The URL is the search: opening it again shows the same runs and the same field.
    await page.goto(page.url());
    await expect.poll(shown, POLL).toEqual([paid]);
    expect(await form.getByLabel('Trigger value').inputValue()).toBe('trigger.body.data.object.id = pi_123');

    await form.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => rows.count(), POLL).toBe(3);
    await form.getByLabel('Event id or dedupe key').fill('evt_declined');
    await form.getByRole('button', { name: 'Search' }).click();
    await expect.poll(shown, POLL).toEqual([declined]);

    await form.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('combobox', { name: 'Filter by status' }).selectOption('failed');
    await form.getByLabel('Error code').fill(code ?? '');
    await form.getByRole('button', { name: 'Search' }).click();
    await expect.poll(shown, POLL).toEqual([declined]);
    const url = new URL(page.url());
    expect([url.searchParams.get('status'), url.searchParams.get('errorCode')]).toEqual(['failed', code]);
    await form.getByLabel('Error code').fill('no_such_code');
    await form.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No runs match these filters').waitFor();

    // A time range: everything so far is before a minute from now, nothing after it.
    await form.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('combobox', { name: 'Filter by status' }).selectOption('');
    const later = new Date(Date.now() + 60_000);
    const local = new Date(later.getTime() - later.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await form.getByLabel('From', { exact: true }).fill(local);
    await form.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No runs match these filters').waitFor();
    await form.getByLabel('From', { exact: true }).fill('');
    await form.getByLabel('To', { exact: true }).fill(local);
    await form.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => rows.count(), POLL).toBe(3);
    expect(new URL(page.url()).searchParams.get('to')).toMatch(/^\d{4}-\d\d-\d\dT/);

    // A path that is not one: the reason at the field, no list.
    await form.getByLabel('To', { exact: true }).fill('');
    await form.getByLabel('Trigger value').fill('body.data.id = 1');
    await form.getByRole('button', { name: 'Search' }).click();
    const problem = form.getByRole('alert');
    await expect.poll(() => problem.textContent(), POLL).toMatch(/where must look like trigger\.body\.data\.object\.id=pi_123.*must start with trigger\.body/);
    expect(await form.getByLabel('Trigger value').getAttribute('aria-invalid')).toBe('true');
    expect(await rows.count()).toBe(0);
  }, 120_000);
});
