import { describe, expect, it } from 'vitest';
import { useHubspotSlackTemplate } from './hubspot-slack-fixture.js';
import { stripeSigner } from './signers.js';
import { deliverAndRun, sample, template } from './support.js';

const SECRET = 'whsec_tmpl_churn_0123456789abcdef';
const BOT = 'xoxb-tmpl-churn-bot-token';
const HUBSPOT = 'pat-na1-tmpl-churn-0000';
const tpl = template('stripe-subscription-cancelled-crm-slack');
const app = useHubspotSlackTemplate(tpl.id, { secretSlot: 'stripeSecret', secret: SECRET, botToken: BOT, hubspotToken: HUBSPOT, channel: '#customer-success' });

describe('template: Stripe subscription cancelled -> HubSpot + Slack', () => {
  it('marks the contact churned in HubSpot and tells the channel why', async () => {
    const { t, hook, hubspot, slack } = app;
    const run = await deliverAndRun(t, hook, sample(tpl, 'customer.subscription.deleted'), stripeSigner(SECRET));
    expect(run.status, run.text).toBe('succeeded');
    expect(run.statuses).toEqual({ stripe: 'succeeded', cancelled: 'succeeded', churn: 'succeeded', has_email: 'succeeded', crm: 'succeeded', slack: 'succeeded' });

    expect(hubspot.requests).toHaveLength(1);
    expect(hubspot.requests[0]).toMatchObject({ method: 'POST', path: '/crm/v3/objects/contacts/batch/upsert' });
    expect(JSON.parse(hubspot.requests[0]?.body ?? '')).toEqual({
      inputs: [{ idProperty: 'email', id: 'jenny.rosen@example.com', properties: { subscription_status: 'canceled', churn_reason: 'switched_service', churn_date: '2024-08-01' } }],
    });
    expect(hubspot.contacts.get('jenny.rosen@example.com')?.properties).toMatchObject({ subscription_status: 'canceled', churn_reason: 'switched_service' });

    expect(slack.requests).toHaveLength(1);
    expect(slack.requests[0]).toMatchObject({ method: 'POST', path: '/api/chat.postMessage' });
    expect(slack.requests[0]?.headers.authorization).toBe(`Bearer ${BOT}`);
    expect(JSON.parse(slack.requests[0]?.body ?? '')).toEqual({
      channel: '#customer-success',
      text: ':wave: jenny.rosen@example.com cancelled Pro monthly (49.00 USD/month). Reason: switched_service. Moving to an in-house tool.',
    });
    expect([...hubspot.problems, ...slack.problems]).toEqual([]);
    for (const secret of [SECRET, BOT, HUBSPOT]) expect(run.text).not.toContain(secret);
  });
});
