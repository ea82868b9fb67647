import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { validateWorkflow } from '../../../shared/graph/validate-workflow.js';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

const env = useAppAndReceiver();

const cases = [
  { id: 'paid', rules: [{ field: 'trigger.body.type', operator: 'equals', value: 'invoice.paid' }] },
  { id: 'big', rules: [{ field: 'trigger.body.amount', operator: 'greater_than', value: 100 }] },
];
const post = (id: string) => node(id, 'http', { url: `${env.rcv.url}/${id}`, body: { n: '{{ trigger.body.n }}' } });
const flow = (matchAll: boolean) => ({
  name: `switch ${matchAll}`,
  nodes: [node('hook', 'webhook'), node('sw', 'switch', { cases, matchAll }), post('to-paid'), post('to-big'), post('to-other')],
  edges: [edge('hook', 'sw'), edge('sw', 'to-paid', 'paid'), edge('sw', 'to-big', 'big'), edge('sw', 'to-other', 'fallback')],
});

describe('switch', () => {
  it('takes the first matching case, or the fallback when none matches', async () => {
    const wf = (await request(env.t.app.handler).post('/api/workflows').set(env.t.auth).send(flow(false))).body;
    const hook = new URL((await request(env.t.app.handler).post(`/api/workflows/${wf.id}/activate`).set(env.t.auth)).body.hooks[0].url).pathname;
    for (const body of [
      { n: 1, type: 'invoice.paid', amount: 500 },
      { n: 2, type: 'x', amount: 500 },
      { n: 3, type: 'x', amount: 1 },
    ]) {
      const run = await waitForRun(env.t.app.handler, env.t.auth, (await request(env.t.app.handler).post(hook).send(body)).body.runId);
      expect(run.status).toBe('succeeded');
    }
    const by = (p: string) => env.rcv.got.filter((g) => g.url === p).map((g) => JSON.parse(g.body).n);
    expect(by('/to-paid')).toEqual([1]);
    expect(by('/to-big')).toEqual([2]);
    expect(by('/to-other')).toEqual([3]);
  });

  it('takes every matching case with matchAll', async () => {
    env.rcv.got.length = 0;
    const wf = (await request(env.t.app.handler).post('/api/workflows').set(env.t.auth).send(flow(true))).body;
    const hook = new URL((await request(env.t.app.handler).post(`/api/workflows/${wf.id}/activate`).set(env.t.auth)).body.hooks[0].url).pathname;
    const run = await waitForRun(env.t.app.handler, env.t.auth, (await request(env.t.app.handler).post(hook).send({ n: 4, type: 'invoice.paid', amount: 500 })).body.runId);
    expect(run.steps.find((s: { nodeId: string }) => s.nodeId === 'to-other').status).toBe('skipped');
    expect(env.rcv.got.map((g) => g.url).sort()).toEqual(['/to-big', '/to-paid']);
  });

  it('validates edges against the cases of this switch and refuses duplicate case ids', () => {
    const wrong = { ...flow(false), edges: [edge('hook', 'sw'), edge('sw', 'to-paid', 'unpaid')] };
    const issues = validateWorkflow(wrong).issues.map((i) => i.message);
    expect(issues).toContain('"sw" has no output "unpaid"; use one of "paid", "big", "fallback".');
    const dup = { ...flow(false), nodes: [node('hook', 'webhook'), node('sw', 'switch', { cases: [cases[0], cases[0]] })], edges: [edge('hook', 'sw')] };
    expect(validateWorkflow(dup).issues.map((i) => i.message)).toContain('Each case needs its own id.');
  });
});
