import { describe, expect, it } from 'vitest';
import { useHubspotSlackTemplate } from './hubspot-slack-fixture.js';
import { shopifySigner } from './signers.js';
import { deliver, deliverAndRun, sample, template } from './support.js';

const SECRET = 'shpss_tmpl_orders_0123456789abcdef';
const BOT = 'xoxb-tmpl-orders-bot';
const HUBSPOT = 'pat-na1-tmpl-orders-1111';
const tpl = template('shopify-order-hubspot-slack');
const app = useHubspotSlackTemplate(tpl.id, { secretSlot: 'shopifySecret', secret: SECRET, botToken: BOT, hubspotToken: HUBSPOT, channel: '#sales' });

describe('template: Shopify order -> HubSpot contact + deal + Slack', () => {
  it('upserts the buyer, records the order as a deal associated with them, and announces the sale', async () => {
    const { t, hook, hubspot, slack } = app;
    const run = await deliverAndRun(t, hook, sample(tpl, 'orders/create'), shopifySigner(SECRET));
    expect(run.status, run.text).toBe('succeeded');
    expect(run.statuses).toEqual({ shopify: 'succeeded', order: 'succeeded', has_email: 'succeeded', contact: 'succeeded', deal: 'succeeded', slack: 'succeeded' });

    const [upsert, ...rest] = hubspot.requests;
    expect(upsert).toMatchObject({ method: 'POST', path: '/crm/v3/objects/contacts/batch/upsert' });
    expect(JSON.parse(upsert?.body ?? '')).toEqual({
      inputs: [{ idProperty: 'email', id: 'bob.norman@example.com', properties: { firstname: 'Bob', lastname: 'Norman', phone: '+16135551212', city: 'Louisville', country: 'United States' } }],
    });
    const dealCall = rest.find((r) => r.path === '/crm/v3/objects/deals');
    expect(dealCall?.method).toBe('POST');
    const dealBody = JSON.parse(dealCall?.body ?? '');
    expect(dealBody.properties).toEqual({ dealname: 'Shopify order #1089', amount: '127.50', pipeline: 'default', dealstage: 'closedwon' });
    const contactId = hubspot.contacts.get('bob.norman@example.com')?.id;
    expect(dealBody.associations).toEqual([{ to: { id: contactId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 3 }] }]);
    expect(hubspot.deals).toHaveLength(1);

    expect(slack.requests).toHaveLength(1);
    expect(JSON.parse(slack.requests[0]?.body ?? '')).toEqual({ channel: '#sales', text: ':shopping_bags: New order #1089: 127.50 USD from Bob Norman (2 items)' });
    expect([...hubspot.problems, ...slack.problems]).toEqual([]);
  });

  it('dedupes Shopify retries on X-Shopify-Webhook-Id', async () => {
    const { t, hook, hubspot } = app;
    const again = await deliver(t, hook, sample(tpl, 'orders/create'), shopifySigner(SECRET));
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    expect(hubspot.deals).toHaveLength(1);
  });
});
