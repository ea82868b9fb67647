import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

const env = useAppAndReceiver();
const post = (url: string, body: unknown) => ({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body });
type Step = { nodeId: string; status: string; output?: Record<string, unknown> };
const local = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};
const receivedAt = (path: string) => env.rcv.got.filter((r) => r.url === path).map((r) => JSON.parse(r.body) as Record<string, string>);

/** webhook -> "chat" message carrying both links -> approval -> approved / rejected / timed out receivers. */
async function startApproval(name: string, timeout: string) {
  const { t, rcv } = env;
  const def = {
    name,
    nodes: [
      node('hook', 'webhook'),
      node('chat', 'http', post(`${rcv.url}/${name}/chat`, { text: 'Refund {{ trigger.body.amount }}?', approve: '{{ steps.ok.approveUrl }}', reject: '{{ steps.ok.rejectUrl }}' })),
      node('ok', 'approval', { timeout, question: 'Refund {{ trigger.body.amount }} EUR?' }),
      node('yes', 'http', post(`${rcv.url}/${name}/approved`, { by: '{{ steps.ok.by }}', comment: '{{ steps.ok.comment }}' })),
      node('no', 'http', post(`${rcv.url}/${name}/rejected`, {})),
      node('late', 'http', post(`${rcv.url}/${name}/timeout`, {})),
    ],
    edges: [edge('hook', 'chat'), edge('chat', 'ok'), edge('ok', 'yes', 'approve'), edge('ok', 'no', 'reject'), edge('ok', 'late', 'timeout')],
  };
  const wf = (await request(t.app.handler).post('/api/workflows').set(t.auth).send(def)).body;
  const hook = new URL((await request(t.app.handler).post(`/api/workflows/${wf.id}/activate`).set(t.auth)).body.hooks[0].url).pathname;
  const runId = (await request(t.app.handler).post(hook).send({ amount: 40 })).body.runId as string;
  const end = Date.now() + 20_000;
  while (receivedAt(`/${name}/chat`).length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  const chat = receivedAt(`/${name}/chat`)[0] ?? {};
  return { runId, approve: local(String(chat.approve)), reject: local(String(chat.reject)) };
}

describe('approval', () => {
  it('sends approve and reject links in a message; a GET only shows the question, the POST decides, the other link is then refused', async () => {
    const { t } = env;
    const { runId, approve, reject } = await startApproval('refund', '1h');
    expect(approve).toMatch(new RegExp(`^/resume/${runId}/ok/approve/[A-Za-z0-9_-]{43}$`));
    expect(reject).toMatch(new RegExp(`^/resume/${runId}/ok/reject/[A-Za-z0-9_-]{43}$`));
    // Fetching the link (a chat unfurler, a mail scanner) decides nothing.
    let page = await request(t.app.handler).get(approve).set('accept', 'text/html');
    for (let i = 0; i < 200 && !page.text.includes('Refund 40 EUR?'); i++) {
      await new Promise((r) => setTimeout(r, 25));
      page = await request(t.app.handler).get(approve).set('accept', 'text/html');
    }
    expect(page.status).toBe(200);
    expect(page.text).toContain('Refund 40 EUR?');
    expect(page.text).toContain('<form method="post">');
    expect((await request(t.app.handler).get(`/api/runs/${runId}`).set(t.auth)).body.status).toBe('waiting');

    const decided = await request(t.app.handler).post(approve).set('accept', 'text/html').type('form').send({ comment: 'fine by me' });
    expect(decided.status).toBe(200);
    expect(decided.text).toContain('approved');
    const again = await request(t.app.handler).post(reject).send({});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('This approval was already decided: approved.');

    const done = await waitForRun(t.app.handler, t.auth, runId);
    expect(done.status).toBe('succeeded');
    const ok = done.steps.find((s: Step) => s.nodeId === 'ok');
    expect(ok.output).toMatchObject({ decision: 'approved', by: null, comment: 'fine by me' });
    expect(Number.isNaN(Date.parse(String(ok.output.at)))).toBe(false);
    expect(receivedAt('/refund/approved')).toHaveLength(1);
    expect(receivedAt('/refund/rejected')).toHaveLength(0);
  });

  it('takes the reject handle, and records who decided when signed in', async () => {
    const { t } = env;
    const { runId, reject } = await startApproval('reject', '1h');
    const setup = await request(t.app.handler).post('/api/auth/setup').send({ email: 'ana@example.test', name: 'Ana', password: 'a long password' });
    expect(setup.status).toBeLessThan(300);
    const cookie = ([] as string[])
      .concat(setup.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    const res = await request(t.app.handler).post(reject).set('cookie', cookie).send({ comment: 'too much' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: true, decision: 'rejected' });
    const done = await waitForRun(t.app.handler, t.auth, runId);
    expect(done.steps.find((s: Step) => s.nodeId === 'ok').output).toMatchObject({ decision: 'rejected', comment: 'too much', by: { name: 'Ana' } });
    expect(receivedAt('/reject/rejected')).toHaveLength(1);
    expect(receivedAt('/reject/approved')).toHaveLength(0);
  });

  it('refuses an expired approval with a clear message, as JSON and as a page', async () => {
    const { t } = env;
    const { runId, approve } = await startApproval('expired', '300ms');
    const done = await waitForRun(t.app.handler, t.auth, runId);
    expect(done.status).toBe('succeeded');
    expect(receivedAt('/expired/timeout')).toHaveLength(1);
    const late = await request(t.app.handler).post(approve).send({});
    expect(late.status).toBe(410);
    expect(late.body.error).toMatchObject({ code: 'GONE', reason: 'expired', message: 'This approval request expired: nobody answered in time.' });
    const pageRes = await request(t.app.handler).get(approve).set('accept', 'text/html');
    expect(pageRes.status).toBe(410);
    expect(pageRes.text).toContain('This approval request expired');
    expect(receivedAt('/expired/approved')).toHaveLength(0);
  });
});
