import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dragFromPalette, newWorkflow, node, setupOwner } from './support/editor.js';
import { SHOTS, useServerAndBrowser } from './support/server-and-browser.js';

/** UI updates land a frame or two after an action: poll instead of reading once. */
const POLL = { timeout: 10_000, interval: 100 };

// The trigger panel against a real server in a real Chromium: rotate the URL, set a rate limit
// and an allow-list, and read the refusals in the inbox. Requests go to 127.0.0.1 only.
const e2e = useServerAndBrowser({ owner: false });

const post = (url: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":1}' }).then((r) => r.status);

describe('the trigger panel', () => {
  it('rotates the URL, limits the rate, fences by IP and lists the refusals', async () => {
    const { page } = e2e.browser;
    await setupOwner(page);
    await newWorkflow(page, 'Guarded hook');
    await dragFromPalette(page, 'Webhook', 200, 220);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved · v1').waitFor();
    await page.getByRole('switch', { name: 'Active' }).check();
    await page.getByText('Workflow is active').waitFor();
    await node(page, 'webhook').click();
    const urlBox = page.getByRole('textbox', { name: 'Trigger URL' });
    const first = await urlBox.inputValue();
    expect(await post(first)).toBe(202);

    // Rotate with no grace: the shown URL changes, the old one is dead at once.
    await page.getByRole('combobox', { name: 'Grace period' }).selectOption({ label: 'Stop the old URL at once' });
    await page.getByRole('button', { name: 'Rotate URL' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => urlBox.inputValue(), POLL).not.toBe(first);
    const second = await urlBox.inputValue();
    expect(await post(first)).toBe(404);
    expect(await post(second)).toBe(202);

    // Rotate with a grace period: both work, and the panel says until when.
    await page.getByRole('combobox', { name: 'Grace period' }).selectOption({ label: 'Keep the old URL for 1 hour' });
    await page.getByRole('button', { name: 'Rotate URL' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => urlBox.inputValue(), POLL).not.toBe(second);
    const third = await urlBox.inputValue();
    await page.getByRole('list', { name: 'Old URLs still working' }).waitFor();
    expect(await post(second)).toBe(202);
    expect(await post(third)).toBe(202);

    // Its own rate limit: 2 per minute, bursts of 2.
    await page.getByRole('checkbox', { name: "Set this trigger's own limit" }).check();
    const requests = page.getByRole('textbox', { name: 'Requests allowed per period' });
    await requests.fill('2');
    await requests.blur();
    await page.getByRole('combobox', { name: 'Rate limit period' }).selectOption('minute');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved · v2').waitFor();
    // A save changes the draft; the live URL follows once it is published.
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Live · v2').waitFor();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await post(third));
    expect(statuses).toEqual([202, 202, 429, 429]);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => page.getByRole('status', { name: 'Current rate' }).textContent(), POLL).toMatch(/2 refused.*limit 2\/min, bursts of 2\b/);
    const inbox = page.getByRole('table', { name: 'Rejected requests' });
    await expect.poll(() => inbox.getByText('Over the rate limit').count(), POLL).toBe(2);

    // An allow-list without this machine: 403, and the inbox says why.
    await page.getByRole('checkbox', { name: "Set this trigger's own limit" }).uncheck();
    const ips = page.getByRole('textbox', { name: 'IP allow-list' });
    await ips.fill('not-an-ip');
    await page.getByRole('alert').filter({ hasText: 'Not an address or CIDR range' }).waitFor();
    await ips.fill('203.0.113.0/24\n2001:db8::/32');
    await ips.blur();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved · v3').waitFor();
    // A save changes the draft; the live URL follows once it is published.
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Live · v3').waitFor();
    expect(await post(third)).toBe(403);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => inbox.getByText('Address not on the allow-list').count(), POLL).toBe(1);
    await expect(inbox.getByText('127.0.0.1').count()).resolves.toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: join(SHOTS, 'trigger-panel.png') });
  }, 120_000);
});
