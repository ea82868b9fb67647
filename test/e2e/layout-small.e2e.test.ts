import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SMALL } from './support/browser.js';
import { node } from './support/editor.js';
import { at, flowApi } from './support/flow-api.js';
import { SHOTS, shot, useServerAndBrowser } from './support/server-and-browser.js';

const POLL = { timeout: 10_000, interval: 100 };

// The editor at 1280x720: nothing in the inspector or the toolbar runs off sideways, and step
// titles are whole (a long one wraps to a second line). Real server, real Chromium; screenshots in
// test-results/e2e (looked at; the README's come from docs-shots).
const e2e = useServerAndBrowser({ viewport: SMALL });
const flow = flowApi(() => e2e.browser.page, POLL);

const LONG_URL = 'https://api.example.test/v2/customers/{{ trigger.body.customer.id }}/subscriptions/{{ trigger.body.subscription.id }}/invoices?expand=lines';
const def = {
  name: 'Stripe invoice paid → CRM, Slack and archive (quarterly accounts)',
  nodes: [
    { id: 'hook', type: 'webhook', position: at(0, 0), config: {} },
    {
      id: 'invoice',
      type: 'http',
      label: 'Fetch the invoice with its line items',
      position: at(300, 0),
      config: { method: 'GET', url: LONG_URL, headers: { 'x-request-id': '{{ trigger.headers["x-request-id"] }}', accept: 'application/json' } },
    },
    {
      id: 'paid',
      type: 'branch',
      label: 'Paid in full?',
      position: at(600, 0),
      config: { combinator: 'and', rules: [{ field: 'steps.invoice.body.amount_remaining', operator: 'equals', value: 0 }] },
    },
    {
      id: 'shape',
      type: 'code',
      label: 'Shape the CRM record',
      position: at(900, -80),
      config: { code: 'const lines = steps.invoice.body.lines.data.map((l) => ({ sku: l.price.product, qty: l.quantity, amount: l.amount }));\nreturn { customer: trigger.body.customer, lines };' },
    },
    { id: 'chase', type: 'code', label: 'Chase the remainder', position: at(900, 80), config: { code: 'return { remaining: steps.invoice.body.amount_remaining };' } },
  ],
  edges: [
    { id: 'e1', source: 'hook', target: 'invoice' },
    { id: 'e2', source: 'invoice', target: 'paid' },
    { id: 'e3', source: 'paid', sourceHandle: 'true', target: 'shape' },
    { id: 'e4', source: 'paid', sourceHandle: 'false', target: 'chase' },
  ],
};

/** Elements inside `root` whose box runs past its right edge (the panel would scroll sideways). */
const overflowing = (page: Page, root: string) =>
  page.evaluate((sel) => {
    const box = document.querySelector(sel);
    if (!box) return ['no ' + sel];
    const right = box.getBoundingClientRect().right + 0.5;
    const out = [...box.querySelectorAll<HTMLElement>('*')].filter((el) => el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().right > right && !el.closest('.cm-scroller'));
    return [
      ...(box.scrollWidth > box.clientWidth + 1 ? [`${sel} scrolls sideways (${box.scrollWidth} > ${box.clientWidth})`] : []),
      ...out.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
    ];
  }, root);

/** Step titles cut short on the canvas (clipped sideways, or past their two lines). */
const clippedTitles = (page: Page) =>
  page.locator('.flow-node .node-title').evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1).map((el) => el.textContent ?? ''));

describe('the editor at 1280x720', () => {
  it('keeps the toolbar, the inspector and step titles whole', async () => {
    const { page } = e2e.browser;
    const { id } = await flow.api<{ id: string }>('POST', '/api/workflows', def);
    await page.goto(`/workflows/${id}`);
    await node(page, 'chase').waitFor();
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await expect.poll(() => clippedTitles(page), POLL).toEqual([]);
    await shot(page, 'editor-1280x720-fit');
    // Every toolbar control is on screen.
    const offscreen = await page
      .locator('.editor-toolbar button, .editor-toolbar a, .editor-toolbar input')
      .evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().right > innerWidth).map((el) => el.getAttribute('aria-label') ?? el.textContent));
    expect(offscreen).toEqual([]);
    await shot(page, 'editor-1280x720');

    for (const step of ['invoice', 'paid', 'shape']) {
      await node(page, step).click();
      await page.locator('.side-panel .inspector-head').waitFor();
      await page.locator('.side-panel .cm-content').first().waitFor();
      expect(await overflowing(page, '.side-panel'), step).toEqual([]);
      await shot(page, `inspector-1280x720-${step}`);
    }
  }, 90_000);

  it('looks right in the light and the dark theme (the README screenshots)', async () => {
    const { page } = e2e.browser;
    // Opened afresh: at the readable zoom, with the workflow's start in view.
    await page.reload();
    await node(page, 'paid').click();
    await page.locator('.side-panel .inspector-head').waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme), POLL).toBe(scheme);
      expect(await overflowing(page, '.side-panel'), scheme).toEqual([]);
      expect(await clippedTitles(page), scheme).toEqual([]);
      // Past the theme's colour transitions.
      await page.waitForTimeout(400);
      await shot(page, `editor-${scheme}`);
      if (process.env.SWITCHYARD_SCREENSHOTS === '1') copyFileSync(join(SHOTS, `editor-${scheme}.png`), join(import.meta.dirname, '..', '..', 'docs', 'images', `editor-${scheme}.png`));
    }
  }, 60_000);
});
