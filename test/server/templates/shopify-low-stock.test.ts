import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { shopifySigner } from './signers.js';
import { createCredential, deliverAndRun, instantiate, sample, startTestApp, template, type TemplateApp } from './support.js';

const SECRET = 'shpss_tmpl_stock_0123456789abcdef';
const tpl = template('shopify-low-stock-webhook');
let t: TemplateApp;
let erp: Awaited<ReturnType<typeof startReceiver>>;
let hook: Awaited<ReturnType<typeof instantiate>>;

beforeAll(async () => {
  erp = await startReceiver();
  t = await startTestApp();
  hook = await instantiate(t, tpl.id, { shopifySecret: await createCredential(t, 'webhook-secret', { secret: SECRET }) }, { threshold: 5, inventoryUrl: `${erp.url}/hooks/reorder` });
});
afterAll(async () => {
  await t?.stop();
  await erp?.close();
});

describe('template: Shopify low stock -> inventory webhook', () => {
  it('sends a reorder request when stock drops under the threshold', async () => {
    const run = await deliverAndRun(t, hook, sample(tpl, 'inventory_levels/update.low'), shopifySigner(SECRET));
    expect(run.status, run.text).toBe('succeeded');
    expect(run.statuses).toEqual({ shopify: 'succeeded', low: 'succeeded', reorder: 'succeeded' });
    expect(erp.got).toHaveLength(1);
    expect(erp.got[0]).toMatchObject({ method: 'POST', url: '/hooks/reorder' });
    expect(JSON.parse(erp.got[0]?.body ?? '')).toEqual({
      event: 'inventory.low',
      shop: 'acme-outfitters.myshopify.com',
      inventoryItemId: 48998135464212,
      locationId: 71346733332,
      available: 3,
      threshold: 5,
      updatedAt: '2024-08-01T10:02:09-04:00',
    });
  });

  it('stays quiet when there is enough stock', async () => {
    const run = await deliverAndRun(t, hook, sample(tpl, 'inventory_levels/update.fine'), shopifySigner(SECRET));
    expect(run.status).toBe('succeeded');
    expect(run.statuses).toEqual({ shopify: 'succeeded', low: 'succeeded', reorder: 'skipped' });
    expect(erp.got).toHaveLength(1);
  });
});
