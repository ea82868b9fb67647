import { describe, expect, it } from 'vitest';
import { SMALL } from './support/browser.js';
import { flowApi } from './support/flow-api.js';
import { shot, useServerAndBrowser } from './support/server-and-browser.js';

// The whole "wait for a person" story in a real Chromium at 1280x720 against the built server:
// a customer fills in a hosted form, a Slack message (to a receiver on 127.0.0.1 standing in
// for Slack's incoming webhook) carries the approve and reject links, the signed-in owner opens
// the approve link and confirms, and the run goes on down the "approve" branch to a second
// Slack message that names who decided.
const POLL = { timeout: 20_000, interval: 100 };
const env = useServerAndBrowser({ receiver: true, viewport: SMALL });
const api = flowApi(() => env.browser.page, POLL);

const slackTexts = () => env.rcv.got.filter((r) => r.url === '/slack').map((r) => (JSON.parse(r.body) as { text: string }).text);

describe('form -> approval -> Slack', () => {
  it('takes a form submission, asks for approval in Slack, and continues on the decision of the signed-in person', async () => {
    const { id: slack } = await api.api<{ id: string }>('POST', '/api/credentials', { name: 'Team Slack', type: 'webhook-url', data: { url: `${env.rcv.url}/slack` } });
    const { id } = await api.api<{ id: string }>('POST', '/api/workflows', {
      name: 'Refund requests',
      nodes: [
        {
          id: 'form',
          type: 'form',
          position: { x: 0, y: 0 },
          config: {
            title: 'Request a refund',
            fields: [
              { name: 'email', label: 'Email', type: 'email', required: true },
              { name: 'amount', label: 'Amount', type: 'number', required: true, min: 1, max: 500 },
            ],
            thankYou: 'Thanks, a person will look at it.',
          },
        },
        {
          id: 'ask',
          type: 'slack',
          position: { x: 250, y: 0 },
          config: {
            operation: 'webhook',
            credentialId: slack,
            text: 'Refund {{ trigger.body.amount }} EUR to {{ trigger.body.email }}? approve: {{ steps.ok.approveUrl }} reject: {{ steps.ok.rejectUrl }}',
          },
        },
        { id: 'ok', type: 'approval', position: { x: 500, y: 0 }, config: { timeout: '1d', question: 'Refund {{ trigger.body.amount }} EUR to {{ trigger.body.email }}?' } },
        { id: 'done', type: 'slack', position: { x: 750, y: 0 }, config: { operation: 'webhook', credentialId: slack, text: 'Refund approved by {{ steps.ok.by.name }}' } },
        { id: 'no', type: 'slack', position: { x: 750, y: 150 }, config: { operation: 'webhook', credentialId: slack, text: 'Refund declined' } },
      ],
      edges: [
        { id: 'e1', source: 'form', target: 'ask' },
        { id: 'e2', source: 'ask', target: 'ok' },
        { id: 'e3', source: 'ok', sourceHandle: 'approve', target: 'done' },
        { id: 'e4', source: 'ok', sourceHandle: 'reject', target: 'no' },
      ],
    });
    const { hooks } = await api.api<{ hooks: { formUrl?: string }[] }>('POST', `/api/workflows/${id}/activate`);
    const formUrl = hooks.find((h) => h.formUrl)?.formUrl as string;

    // The customer, in a tab of their own (no Switchyard session needed).
    const customer = await env.browser.context.newPage();
    await customer.goto(formUrl);
    await customer.getByLabel('Email').fill('ana@example.com');
    await customer.getByLabel('Amount').fill('40');
    await customer.getByRole('button', { name: 'Send' }).click();
    await customer.getByText('Thanks, a person will look at it.').waitFor();
    await customer.close();

    // Slack got the question with both links; the run waits for a person.
    await expect.poll(() => slackTexts().length, POLL).toBe(1);
    const asked = slackTexts()[0] as string;
    expect(asked).toContain('Refund 40 EUR to ana@example.com?');
    const approveUrl = /approve: (\S+)/.exec(asked)?.[1] as string;
    const rejectUrl = /reject: (\S+)/.exec(asked)?.[1] as string;
    expect(approveUrl).toMatch(/\/resume\/.+\/approve\//);
    expect(rejectUrl).toMatch(/\/resume\/.+\/reject\//);
    await expect.poll(async () => (await api.runsOf(id))[0]?.status, POLL).toBe('waiting');

    // The owner (signed in to this browser) opens the approve link in a tab of its own (the app's
    // tab keeps calling the API; the approval page's CSP allows no fetch): a page that asks, never decides on its own.
    const page = await env.browser.context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(approveUrl);
    await page.getByRole('heading', { name: 'Refund 40 EUR to ana@example.com?' }).waitFor();
    await shot(page, 'approval-page');
    // Styled under the page's own CSP (its stylesheet allowed by hash), nothing refused.
    expect(await page.getByRole('button', { name: 'Approve' }).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(21, 128, 61)');
    expect(slackTexts()).toHaveLength(1);
    await page.getByLabel('Comment (optional)').fill('Late delivery, fine.');
    await page.getByRole('button', { name: 'Approve' }).click();

    const run = await api.newestRun(id, 'succeeded');
    await expect.poll(() => slackTexts().length, POLL).toBe(2);
    expect(slackTexts()[1]).toBe('Refund approved by Ada Owner');
    const detail = await api.api<{ steps: { nodeId: string; status: string; output: Record<string, unknown> }[] }>('GET', `/api/runs/${run.id}`);
    const decision = detail.steps.find((s) => s.nodeId === 'ok' && s.status === 'succeeded')?.output;
    expect(decision).toMatchObject({ decision: 'approved', by: { name: 'Ada Owner' }, comment: 'Late delivery, fine.' });
    expect(detail.steps.find((s) => s.nodeId === 'no')?.status).toBe('skipped');

    // The reject link is spent once the first decision is in: it says so instead of asking.
    await page.goto(rejectUrl);
    await page.getByText('This approval was already decided: approved.').waitFor();
    expect(await page.getByRole('button', { name: 'Reject' }).count()).toBe(0);
    expect(slackTexts()).toHaveLength(2);
    expect(violations).toEqual([]);
    await page.close();
  });
});
