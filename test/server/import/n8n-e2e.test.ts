import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpFake } from '../../support/fakes/smtp-fake.js';
import { startReceiver } from '../../support/receiver.js';
import { startTestApp } from '../../support/test-app.js';
import { answerFor, compare, FIXTURES, hasExpectation, importFixture, loadExpectation, trigger, type FixtureExpectation, type Harness } from './n8n-e2e-harness.js';

// Every fixture of the n8n corpus, imported, saved, triggered as n8n triggers it, and compared
// with the requests (and mails, outputs) the n8n workflow makes, written down per fixture.
const fixtures = readdirSync(FIXTURES)
  .filter((f) => /^\d\d-.*\.json$/.test(f) && !f.endsWith('.expected.json'))
  .sort();

const h = {} as Harness;
let current: FixtureExpectation | undefined;
let offset = 0;
let stopAll: () => Promise<void>;

beforeAll(async () => {
  const receiver = await startReceiver((r) => answerFor(current?.answers, r));
  const smtp = await startSmtpFake({ username: 'n8n', password: 'smtp-pass-0000' });
  // Every app's API lives at the receiver, under its own path (as the templates' tests point them at fakes).
  const t = await startTestApp(
    {
      SLACK_API_URL: `${receiver.url}/slack/api`,
      HUBSPOT_API_URL: `${receiver.url}/hubspot`,
      MAILCHIMP_API_URL: `${receiver.url}/mailchimp/{dc}`,
      PAGERDUTY_EVENTS_URL: `${receiver.url}/pagerduty`,
      TWILIO_API_URL: `${receiver.url}/twilio`,
    },
    { clock: { now: () => Date.now() + offset } },
  );
  Object.assign(h, { t, receiver, smtp, advance: (ms: number) => (offset += ms) });
  stopAll = async () => {
    await t.stop();
    await receiver.close();
    await smtp.close();
  };
}, 60_000);
afterAll(async () => stopAll?.());

describe('n8n fixtures run end to end', () => {
  it('every fixture has its expected requests written down', () => {
    expect(fixtures.filter((f) => !hasExpectation(f))).toEqual([]);
  });

  it.each(fixtures.filter(hasExpectation))(
    '%s makes the requests the n8n workflow makes',
    async (fixture) => {
      const exp = loadExpectation(fixture, h);
      current = exp;
      const saved = await importFixture(h, fixture, exp);
      const from = h.receiver.got.length;
      const mailsFrom = h.smtp.messages.length;
      const run = await trigger(h, saved, exp);
      if (process.env.N8N_E2E_DEBUG) console.log(JSON.stringify(run.steps.map((s) => [s.nodeId, s.status, s.output, s.error])));
      await compare(h, run, exp, h.receiver.got.slice(from), h.smtp.messages.slice(mailsFrom));
    },
    60_000,
  );
});
