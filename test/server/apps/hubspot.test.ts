import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubspotFake } from '../../support/fakes/hubspot-fake.js';
import { actStep, createCredential, expectNoSecrets, runAction, startAppsApp, type AppsApp } from './support.js';

const accessToken = 'pat-na1-LEAKCHECK-hubspot-token-0001';
let hubspot: Awaited<ReturnType<typeof startHubspotFake>>;
let t: AppsApp;
const creds: Record<string, string> = {};

beforeAll(async () => {
  hubspot = await startHubspotFake({ accessToken });
  t = await startAppsApp({ HUBSPOT_API_URL: hubspot.url });
  creds.hubspot = await createCredential(t, 'hubspot', { accessToken });
  creds.expired = await createCredential(t, 'hubspot', { accessToken: 'pat-na1-LEAKCHECK-expired-token' });
  creds.twilio = await createCredential(t, 'twilio', { accountSid: `AC${'c'.repeat(32)}`, authToken: 'LEAKCHECK-twilio-in-hubspot' });
});
afterAll(async () => {
  await t?.stop();
  await hubspot?.close();
});

describe('hubspot: upsertContact', () => {
  it('creates the contact by email, then updates the same one', async () => {
    const before = hubspot.requests.length;
    const config = {
      operation: 'upsertContact',
      credentialId: creds.hubspot,
      email: '{{ trigger.body.email }}',
      properties: { firstname: '{{ trigger.body.first }}', lifecyclestage: 'customer', hs_lead_status: 'NEW' },
    };
    const created = await runAction(t, 'hubspot', config, { email: 'ana@example.com', first: 'Ana' });
    expect(created.status, created.text).toBe('succeeded');
    expect(actStep(created).output).toMatchObject({ id: '101', new: true, properties: { email: 'ana@example.com', firstname: 'Ana', lifecyclestage: 'customer' } });
    const req = hubspot.requests[before];
    expect(req).toMatchObject({ method: 'POST', path: '/crm/v3/objects/contacts/batch/upsert' });
    expect(req?.headers.authorization).toBe(`Bearer ${accessToken}`);
    expect(JSON.parse(req?.body ?? '')).toEqual({ inputs: [{ idProperty: 'email', id: 'ana@example.com', properties: { firstname: 'Ana', lifecyclestage: 'customer', hs_lead_status: 'NEW' } }] });
    const updated = await runAction(t, 'hubspot', config, { email: 'ana@example.com', first: 'Anabel' });
    expect(actStep(updated).output).toMatchObject({ id: '101', new: false, properties: { firstname: 'Anabel' } });
    expect(hubspot.contacts.size).toBe(1);
    expect(hubspot.problems).toEqual([]);
  });

  it("fails for good with HubSpot's 400 VALIDATION_ERROR message", async () => {
    const run = await runAction(t, 'hubspot', { operation: 'upsertContact', credentialId: creds.hubspot, email: 'not-an-email' });
    expect(run.status).toBe('failed');
    const step = actStep(run);
    expect(step.error).toMatchObject({ code: 'hubspot_error', status: 400, category: 'VALIDATION_ERROR', retryable: false });
    expect(String(step.error?.message)).toContain('Email address not-an-email is invalid');
    expect(step.attempts).toHaveLength(1);
  });

  it('fails for good on a rejected token (401 INVALID_AUTHENTICATION)', async () => {
    const run = await runAction(t, 'hubspot', { operation: 'upsertContact', credentialId: creds.expired, email: 'a@example.com' });
    expect(actStep(run).error).toMatchObject({ code: 'hubspot_error', status: 401, category: 'INVALID_AUTHENTICATION', retryable: false });
  });

  it("retries a 502 on the step's schedule, with the same idempotency key", async () => {
    hubspot.failNext({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html>502 Bad Gateway</html>' });
    const before = hubspot.requests.length;
    const run = await runAction(t, 'hubspot', { operation: 'upsertContact', credentialId: creds.hubspot, email: 'bo@example.com', retry: { attempts: 3, schedule: ['100ms'] } });
    expect(run.status, run.text).toBe('succeeded');
    expect(actStep(run).attempts[0]).toMatchObject({ status: 'retrying', error: { code: 'hubspot_error', status: 502, retryable: true } });
    const [a, b] = hubspot.requests.slice(before);
    expect(b?.headers['idempotency-key']).toBe(a?.headers['idempotency-key']);
  });
});

describe('hubspot: createDeal', () => {
  it('creates a deal associated with the contact found by email (deal-to-contact type 3)', async () => {
    await runAction(t, 'hubspot', { operation: 'upsertContact', credentialId: creds.hubspot, email: 'cy@example.com' });
    const contactId = hubspot.contacts.get('cy@example.com')?.id;
    const before = hubspot.requests.length;
    const run = await runAction(
      t,
      'hubspot',
      {
        operation: 'createDeal',
        credentialId: creds.hubspot,
        dealName: 'Order {{ trigger.body.id }}',
        amount: '{{ trigger.body.total }}',
        pipeline: 'default',
        dealStage: 'closedwon',
        contactEmail: '{{ trigger.body.email }}',
        properties: { closedate: '2024-01-01' },
      },
      { id: 1001, total: 129.5, email: 'CY@example.com' },
    );
    expect(run.status, run.text).toBe('succeeded');
    expect(actStep(run).output).toMatchObject({ properties: { dealname: 'Order 1001', amount: '129.5', dealstage: 'closedwon', pipeline: 'default' } });
    const [lookup, create] = hubspot.requests.slice(before);
    expect(lookup).toMatchObject({ method: 'GET', path: '/crm/v3/objects/contacts/CY%40example.com' });
    expect(lookup?.query.get('idProperty')).toBe('email');
    expect(create).toMatchObject({ method: 'POST', path: '/crm/v3/objects/deals' });
    expect(JSON.parse(create?.body ?? '')).toEqual({
      properties: { dealname: 'Order 1001', amount: '129.5', pipeline: 'default', dealstage: 'closedwon', closedate: '2024-01-01' },
      associations: [{ to: { id: contactId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 3 }] }],
    });
    expect(hubspot.problems).toEqual([]);
  });

  it('fails for good when the contact to associate does not exist, before creating anything', async () => {
    const deals = hubspot.deals.length;
    const run = await runAction(t, 'hubspot', { operation: 'createDeal', credentialId: creds.hubspot, dealName: 'Lost', contactEmail: 'nobody@example.com' });
    expect(actStep(run).error).toMatchObject({ code: 'hubspot_contact_not_found', status: 404, retryable: false });
    expect(hubspot.deals.length).toBe(deals);
  });

  it("reports HubSpot's refusal of an unknown deal stage (400 INVALID_OPTION)", async () => {
    const run = await runAction(t, 'hubspot', { operation: 'createDeal', credentialId: creds.hubspot, dealName: 'Odd', dealStage: 'nope' });
    expect(actStep(run).error).toMatchObject({ code: 'hubspot_error', status: 400, category: 'VALIDATION_ERROR', retryable: false });
    expect(String(actStep(run).error?.message)).toContain('nope was not one of the allowed options');
  });

  it('refuses another credential type without calling HubSpot, and keeps the token out of runs and logs', async () => {
    const before = hubspot.requests.length;
    const run = await runAction(t, 'hubspot', { operation: 'createDeal', credentialId: creds.twilio, dealName: 'x' });
    expect(actStep(run).error).toMatchObject({ code: 'credential_wrong_type', retryable: false });
    expect(String(actStep(run).error?.message)).toContain('HubSpot (hubspot)');
    expect(hubspot.requests.length).toBe(before);
    const ok = await runAction(t, 'hubspot', { operation: 'upsertContact', credentialId: creds.hubspot, email: 'dee@example.com', properties: { note: 'token {{ trigger.body.n }}' } }, { n: 1 });
    await expectNoSecrets(t, ok.text.match(/"id":"([^"]+)"/)?.[1] ?? '', [accessToken, 'pat-na1-LEAKCHECK-expired-token', 'LEAKCHECK-twilio-in-hubspot']);
  });
});
