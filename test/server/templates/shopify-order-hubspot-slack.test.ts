import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubspotFake } from '../../support/fakes/hubspot-fake.js';
import { startSlackFake } from '../../support/fakes/slack-fake.js';
import { shopifySigner } from './signers.js';
import { createCredential, deliver, deliverAndRun, instantiate, sample, startTestApp, template, type TemplateApp } from './support.js';

const SECRET = 'shpss_tmpl_orders_0123456789abcdef';
const BOT = 'xoxb-tmpl-orders-bot';
const HUBSPOT = 'pat-na1-tmpl-orders-1111';
const tpl = template('shopify-order-hubspot-slack');
let t: TemplateApp;
let slack: Awaited<ReturnType<typeof startSlackFake>>;
let hubspot: Awaited<ReturnType<typeof startHubspotFake>>;
let hook: Awaited<ReturnType<typeof instantiate>>;

beforeAll(async () => {
  slack = await startSlackFake({ botToken: BOT });
  hubspot = await startHubspotFake({ accessToken: HUBSPOT });
  t = await startTestApp({ SLACK_API_URL: `${slack.url}/api`, HUBSPOT_API_URL: hubspot.url });
  hook = await instantiate(
    t,
    tpl.id,
    {
      shopifySecret: await createCredential(t, 'webhook-secret', { secret: SECRET }),
      hubspot: await createCredential(t, 'hubspot', { accessToken: HUBSPOT }),
      slack: await createCredential(t, 'slack', { botToken: BOT }),
    },
    { channel: '#sales' },
  );
});
afterAll(async () => {
  await t?.stop();
  await slack?.close();
  await hubspot?.close();
});

describe('template: Shopify order -> HubSpot contact + deal + Slack', () => {
  it('upserts the buyer, records the order as a deal associated with them, and announces the sale', async () => {
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
    const again = await deliver(t, hook, sample(tpl, 'orders/create'), shopifySigner(SECRET));
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    expect(hubspot.deals).toHaveLength(1);
  });
});
