import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../support/test-app.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

const fields = [
  { name: 'name', label: 'Name', type: 'text', required: true, maxLength: 50 },
  { name: 'email', label: 'Email', type: 'email', required: true },
  { name: 'order', label: 'Order number', type: 'text', pattern: 'A-[0-9]{3}', patternHint: 'an order number like A-123' },
  { name: 'age', label: 'Age', type: 'number', min: 18, max: 120 },
  { name: 'plan', label: 'Plan', type: 'select', options: ['free', 'pro'], required: true },
  { name: 'agree', label: 'I agree', type: 'checkbox', required: true },
  { name: 'news', label: 'Newsletter', type: 'checkbox' },
  { name: 'when', label: 'Start', type: 'date' },
  { name: 'note', label: 'Note', type: 'textarea' },
];

describe('form trigger', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());
  const api = () => request(t.app.handler);

  /** Creates and activates a form -> code workflow; returns its id and the form page's path. */
  async function formWorkflow(extra: Record<string, unknown> = {}) {
    const created = await api()
      .post('/api/workflows')
      .set(t.auth)
      .send({
        name: `form ${Math.random()}`,
        nodes: [node('form', 'form', { title: 'Sign up <now>', fields, thankYou: 'Thanks, we got it.', ...extra }), node('echo', 'code', { code: 'return trigger.body' })],
        edges: [edge('form', 'echo')],
      });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const activated = await api().post(`/api/workflows/${created.body.id}/activate`).set(t.auth);
    const hook = activated.body.hooks[0];
    expect(hook.formUrl).toMatch(/\/forms\/[A-Za-z0-9_-]+$/);
    return { id: created.body.id as string, path: new URL(hook.formUrl).pathname, hookPath: new URL(hook.url).pathname };
  }
  const runsOf = async (id: string) => (await api().get(`/api/runs?workflowId=${id}`).set(t.auth)).body.runs as { id: string }[];

  it('serves the page with HTML validation attributes under a CSP without inline scripts', async () => {
    const { path } = await formWorkflow();
    const page = await api().get(path);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const nonce = /style-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(page.text).toContain(`<style nonce="${nonce}">`);
    expect(page.text).not.toContain('<script');
    expect(page.text).toContain('Sign up &#60;now&#62;');
    expect(page.text).toContain('<input type="email" id="f_email" name="email" required');
    expect(page.text).toContain('pattern="A-[0-9]{3}"');
    expect(page.text).toContain('type="number" step="any" id="f_age" name="age" aria-describedby="f_age_err" min="18" max="120"');
    expect(page.text).toContain('<option value="pro">pro</option>');
    expect((await api().get('/forms/nope')).status).toBe(404);
  });

  it('stores a valid browser submission, says thank you, and runs with the typed fields', async () => {
    const { id, path } = await formWorkflow();
    const sent = await api()
      .post(path)
      .set('accept', 'text/html')
      .type('form')
      .send({ name: ' Ana ', email: 'ana@example.com', order: 'A-123', age: '42', plan: 'pro', agree: 'on', when: '2026-01-02', note: '' });
    expect(sent.status, sent.text).toBe(200);
    expect(sent.text).toContain('Thanks, we got it.');
    const [run] = await runsOf(id);
    const done = await waitForRun(t.app.handler, t.auth, run?.id ?? '');
    expect(done.status).toBe('succeeded');
    const echo = done.steps.find((s: { nodeId: string }) => s.nodeId === 'echo');
    expect(echo.output).toEqual({ name: 'Ana', email: 'ana@example.com', order: 'A-123', age: 42, plan: 'pro', agree: true, news: false, when: '2026-01-02', note: null });
  });

  it('answers an invalid submission 400 with each field error, and stores nothing', async () => {
    const { id, path, hookPath } = await formWorkflow();
    const bad = { name: 'x'.repeat(51), email: 'not-an-email', order: 'B-1', age: '12', plan: 'gold', when: '2026-02-30' };
    const json = await api().post(path).send(bad);
    expect(json.status).toBe(400);
    expect(json.body.error).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'invalid_fields' });
    expect(json.body.error.fields).toEqual({
      name: 'At most 50 characters.',
      email: 'Enter an email address, like name@example.com.',
      order: 'Expected an order number like A-123.',
      age: 'At least 18.',
      plan: 'Choose one of the options.',
      agree: 'Tick this box to continue.',
      when: 'Enter a date as YYYY-MM-DD.',
    });
    // The trigger URL takes JSON submissions and checks them the same way.
    expect((await api().post(hookPath).send({ email: 'a@b.co' })).body.error.fields).toMatchObject({ name: 'This field is required.', plan: 'This field is required.' });
    const page = await api().post(path).set('accept', 'text/html').type('form').send({ name: 'Ana' });
    expect(page.status).toBe(400);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('<div class="err" id="f_email_err">This field is required.</div>');
    expect(await runsOf(id)).toEqual([]);
  });

  it('redirects after a stored submission when a redirect URL is set, and rate-limits like any trigger', async () => {
    const { id, path } = await formWorkflow({ redirectUrl: 'https://example.com/thanks', rateLimit: { requests: 1, per: 'minute', burst: 1 } });
    const ok = { name: 'Bo', email: 'bo@example.com', plan: 'free', agree: 'on' };
    const first = await api().post(path).set('accept', 'text/html').type('form').send(ok);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('https://example.com/thanks');
    expect(first.headers['content-security-policy']).toContain("form-action 'self' https://example.com");
    const second = await api().post(path).set('accept', 'text/html').type('form').send(ok);
    expect(second.status).toBe(429);
    expect(second.headers['retry-after']).toBeDefined();
    expect(await runsOf(id)).toHaveLength(1);
  });
});
