import type { Page } from 'playwright-core';
import { at } from './flow-api.js';

/** Checks of the editor's layout at small and large windows (layout-small, inspector-resize). */

const LONG_URL = 'https://api.example.test/v2/customers/{{ trigger.body.customer.id }}/subscriptions/{{ trigger.body.subscription.id }}/invoices?expand=lines';

/** A typical template-sized workflow: a trigger, an HTTP step with a long URL, a branch and two code steps, 1120 px wide. */
export const invoiceWorkflow = {
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

/** Elements inside `root` whose box runs past its right edge, and `root` itself scrolling sideways (scrollWidth > clientWidth). */
export const overflowing = (page: Page, root: string) =>
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
export const clippedTitles = (page: Page) =>
  page.locator('.flow-node .node-title').evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1).map((el) => el.textContent ?? ''));

/** The size step titles are drawn at on screen: their CSS font size times the canvas' zoom (smallest first). */
export const titlePixels = (page: Page) =>
  page.evaluate(() => {
    const zoom = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport') as Element).transform).a;
    return [...document.querySelectorAll('.flow-node .node-title')].map((el) => Number.parseFloat(getComputedStyle(el).fontSize) * zoom).sort((a, b) => a - b);
  });

/** Where an element is on screen, or null when it is not in the page. */
export const boxOf = (page: Page, selector: string) => page.locator(selector).first().boundingBox();
