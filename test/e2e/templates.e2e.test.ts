import { join } from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTemplate } from '../../shared/templates/catalog.js';
import { sampleBodyText, sampleHeaders } from '../../shared/templates/sample-request.js';
import { slackHookPath, startSlackFake } from '../support/fakes/slack-fake.js';
import { setupOwner } from './support/editor.js';
import { SHOTS, useServerAndBrowser } from './support/server-and-browser.js';

/** UI updates land a frame or two after an action: poll instead of reading once. */
const POLL = { timeout: 10_000, interval: 50 };
const SIGNING_SECRET = 'whsec_e2e_template_4c1d9f0a7b3e';

// The gallery and wizard in a real Chromium against a real server: search, pick "payment
// succeeded -> Slack", create both credentials inline, land in the editor with the trigger URL,
// then send a Stripe-signed event to that URL and see the Slack message arrive.
let slack: Awaited<ReturnType<typeof startSlackFake>>;
beforeAll(async () => {
  slack = await startSlackFake({ botToken: 'xoxb-unused' });
});
afterAll(async () => {
  await slack?.close();
});
const e2e = useServerAndBrowser({ owner: false });

describe('template gallery and wizard', () => {
  it('finds a template, sets it up with credentials created inline, and opens it live in the editor', async () => {
    const { page } = e2e.browser;
    await setupOwner(page);
    await page.getByRole('button', { name: 'New from template' }).click();
    await page.getByRole('heading', { name: 'Templates', exact: true }).waitFor();
    const cards = page.locator('.template-card');
    await expect.poll(() => cards.count(), POLL).toBeGreaterThanOrEqual(12);
    await page.screenshot({ path: join(SHOTS, 'templates-gallery-all.png'), fullPage: true });

    // Categories and search narrow the cards.
    await page.getByRole('button', { name: /^incidents/ }).click();
    await expect.poll(() => cards.count(), POLL).toBe(2);
    await page.getByRole('button', { name: /^All/ }).click();
    await page.getByRole('searchbox', { name: 'Search templates' }).fill('stripe slack');
    await expect.poll(() => cards.count(), POLL).toBe(2);
    await page.screenshot({ path: join(SHOTS, 'templates-gallery.png') });

    await page.getByRole('button', { name: 'Use template Stripe payment succeeded → Slack' }).click();
    const wizard = page.getByRole('dialog', { name: 'Use template: Stripe payment succeeded → Slack' });
    await wizard.waitFor();
    await expect.poll(() => wizard.locator('.template-preview .react-flow__node').count(), POLL).toBe(4);
    await expect.poll(() => wizard.locator('.template-preview .react-flow__edge').count(), POLL).toBe(3);
    // It asks for exactly what the template needs: two credentials, no other settings.
    await expect.poll(() => wizard.getByRole('combobox').count(), POLL).toBe(2);

    // Submitting early says what is missing, next to each field.
    await wizard.getByRole('button', { name: 'Create and activate' }).click();
    await wizard.getByText('Pick or create the Stripe signing secret credential.').waitFor();

    await wizard.getByRole('button', { name: 'New Stripe signing secret credential' }).click();
    const newSecret = page.getByRole('dialog', { name: 'New credential' });
    await newSecret.getByRole('textbox', { name: /^Name/ }).fill('Stripe live endpoint');
    await newSecret.getByLabel(/^Secret/).fill(SIGNING_SECRET);
    await newSecret.getByRole('button', { name: 'Create credential' }).click();
    await newSecret.waitFor({ state: 'hidden' });
    await expect
      .poll(
        () =>
          wizard
            .getByRole('combobox', { name: /Stripe signing secret/ })
            .locator('option:checked')
            .textContent(),
        POLL,
      )
      .toBe('Stripe live endpoint');
    await expect.poll(() => wizard.getByText('Pick or create the Stripe signing secret credential.').count(), POLL).toBe(0);

    await wizard.getByRole('button', { name: 'New Slack incoming webhook credential' }).click();
    const newHook = page.getByRole('dialog', { name: 'New credential' });
    await newHook.getByRole('textbox', { name: /^Name/ }).fill('Slack #payments');
    await newHook.getByLabel(/^URL/).fill(`${slack.url}${slackHookPath}`);
    await newHook.getByRole('button', { name: 'Create credential' }).click();
    await newHook.waitFor({ state: 'hidden' });
    await expect
      .poll(
        () =>
          wizard
            .getByRole('combobox', { name: /Slack incoming webhook/ })
            .locator('option:checked')
            .textContent(),
        POLL,
      )
      .toBe('Slack #payments');
    await wizard.getByRole('textbox', { name: 'Workflow name' }).fill('Payments to Slack');
    await page.screenshot({ path: join(SHOTS, 'templates-wizard.png') });

    await wizard.getByRole('button', { name: 'Create and activate' }).click();
    await page.waitForURL(/\/workflows\/wf_/);
    const urlBox = page.getByRole('textbox', { name: 'Trigger URL' });
    await urlBox.waitFor();
    await expect.poll(() => urlBox.inputValue(), POLL).toMatch(new RegExp(`^${e2e.server.base}/hooks/[A-Za-z0-9_-]{32}$`));
    await page.getByText('Active', { exact: true }).first().waitFor();
    await expect.poll(() => page.locator('.react-flow__node').count(), POLL).toBe(4);
    await page.screenshot({ path: join(SHOTS, 'templates-editor.png') });
    expect(await page.content()).not.toContain(SIGNING_SECRET);

    // The workflow is live: a Stripe-signed sample at the URL shown becomes a Slack message.
    const tpl = getTemplate('stripe-payment-succeeded-slack');
    const sample = tpl?.samples.find((s) => s.id === 'payment_intent.succeeded');
    if (!sample) throw new Error('sample missing');
    const body = sampleBodyText(sample);
    const signature = new Stripe('sk_test_not_used').webhooks.generateTestHeaderString({ payload: body, secret: SIGNING_SECRET });
    const res = await fetch(await urlBox.inputValue(), { method: 'POST', headers: { ...sampleHeaders(sample), 'Stripe-Signature': signature }, body });
    expect(res.status).toBe(202);
    await expect.poll(() => slack.requests.length, POLL).toBe(1);
    expect(JSON.parse(slack.requests[0]?.body ?? '').text).toBe(':moneybag: Payment of 49.00 USD from jenny.rosen@example.com succeeded.');
    expect(slack.problems).toEqual([]);
  }, 120_000);

  it('opens a template by its link and asks for its settings, defaults filled in', async () => {
    const { page } = e2e.browser;
    await page.goto('/templates/abandoned-cart-reminder');
    const wizard = page.getByRole('dialog', { name: 'Use template: Abandoned cart → delayed reminder (SMS or email)' });
    await wizard.waitFor();
    await expect.poll(() => wizard.getByRole('textbox', { name: /Wait before reminding/ }).inputValue(), POLL).toBe('1h');
    await expect.poll(() => wizard.locator('.template-preview .react-flow__node').count(), POLL).toBe(6);
    await wizard.getByRole('textbox', { name: /SMS sender number/ }).fill('0155 123');
    await wizard.getByRole('button', { name: 'Create and activate' }).click();
    await wizard.getByText('SMS sender number must be a phone number in E.164 form, such as +14155550100.').waitFor();
    await wizard.getByText('Store name is required.').waitFor();
    await page.screenshot({ path: join(SHOTS, 'templates-wizard-settings.png') });
    await wizard.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(/\/templates$/);
    await expect.poll(() => wizard.isVisible(), POLL).toBe(false);
  }, 60_000);
});
