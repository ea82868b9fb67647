import { describe, expect, it } from 'vitest';
import { templateListSchema } from '../../client/api/template-schemas.js';
import { categoriesOf, filterTemplates } from '../../client/templates/gallery-filter.js';
import { initialValues, problemsFromIssues, wizardChoices } from '../../client/templates/wizard-form.js';
import { summarizeTemplate, templates } from '../../shared/templates/catalog.js';

// The gallery works on what GET /api/templates sends: the real catalog, parsed as the client parses it.
const list = templateListSchema.parse(JSON.parse(JSON.stringify({ templates: templates.map(summarizeTemplate) }))).templates;
const byId = (id: string) => {
  const t = list.find((x) => x.id === id);
  if (!t) throw new Error(id);
  return t;
};

describe('gallery filter', () => {
  it('finds templates by every word of the query, across name, provider, tags and apps', () => {
    expect(filterTemplates(list, 'stripe slack', null).map((t) => t.id)).toEqual(['stripe-payment-succeeded-slack', 'stripe-subscription-cancelled-crm-slack']);
    expect(
      filterTemplates(list, 'PAGERDUTY', null)
        .map((t) => t.id)
        .sort(),
    ).toEqual(['pagerduty-incident-slack-teams', 'uptime-alert-pagerduty']);
    expect(filterTemplates(list, 'twiml', null).map((t) => t.id)).toEqual(['twilio-sms-crm-autoreply']);
    expect(filterTemplates(list, '', null)).toHaveLength(list.length);
    expect(filterTemplates(list, 'nothing like this', null)).toEqual([]);
  });

  it('narrows to a category, and counts each category', () => {
    expect(filterTemplates(list, '', 'dev tools').map((t) => t.trigger.provider)).toEqual(['GitHub', 'GitHub', 'GitHub']);
    expect(filterTemplates(list, 'discord', 'payments')).toEqual([]);
    const counts = categoriesOf(list);
    expect(counts.reduce((n, c) => n + c.count, 0)).toBe(list.length);
    expect(counts[0]).toEqual({ category: 'payments', count: 2 });
  });
});

describe('wizard form', () => {
  it('starts with the template name and the inputs at their defaults', () => {
    expect(initialValues(byId('shopify-low-stock-webhook'))).toEqual({ name: 'Shopify low stock → inventory webhook', credentials: {}, inputs: { threshold: '5', inventoryUrl: '' } });
  });

  it("asks for every credential and required input, with the server's own messages", () => {
    const t = byId('shopify-low-stock-webhook');
    const { problems } = wizardChoices(t, { ...initialValues(t), inputs: { threshold: 'five', inventoryUrl: '' } });
    expect(problems).toEqual({
      'credentials.shopifySecret': 'Pick or create the Shopify webhook signing key credential.',
      'inputs.threshold': 'Low-stock threshold must be a number.',
      'inputs.inventoryUrl': 'Inventory webhook URL is required.',
    });
  });

  it('builds the request: numbers as numbers, activated', () => {
    const t = byId('shopify-low-stock-webhook');
    const { choices, problems } = wizardChoices(t, { name: ' Stock ', credentials: { shopifySecret: 'cred_1' }, inputs: { threshold: '3', inventoryUrl: 'https://erp.example.com/x' } });
    expect(problems).toEqual({});
    expect(choices).toEqual({ name: 'Stock', credentials: { shopifySecret: 'cred_1' }, inputs: { threshold: 3, inventoryUrl: 'https://erp.example.com/x' }, activate: true });
  });

  it("puts the server's issues on their fields", () => {
    expect(
      problemsFromIssues([
        { path: 'credentials.stripeSecret', message: 'wrong type' },
        { path: 'inputs.channel', message: 'bad channel' },
        { path: 'name', message: 'too long' },
        { nodeId: 'x', path: 'config.url', message: 'other' },
      ]),
    ).toEqual({ 'credentials.stripeSecret': 'wrong type', 'inputs.channel': 'bad channel', name: 'too long', '': 'other' });
  });
});
