import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';
import type { WorkflowDefinitionInput } from '../../../shared/graph/workflow-schema.js';

// Each workflow gets its own path prefix; `<prefix>/c` fails (422) while `failing` holds the prefix.
const failing = new Set<string>();
const env = useAppAndReceiver((r) => {
  const [, prefix, leaf] = r.url.split('/');
  return (leaf === 'c' && failing.has(prefix ?? '')) || leaf === 'fail' ? { status: 422 } : { status: 200, body: JSON.stringify({ saw: JSON.parse(r.body || 'null') }) };
});

interface Step {
  nodeId: string;
  status: string;
  attempts: { detail: Record<string, unknown> | null }[];
}
interface Run {
  id: string;
  status: string;
  version: number;
  replayOf: string | null;
  steps: Step[];
}

const api = () => request(env.t.app.handler);
const http = (id: string, prefix: string, body: unknown) => node(id, 'http', { url: `${env.rcv.url}/${prefix}/${id}`, body, retry: { attempts: 1 } });
/** manual -> a -> b -> c, each an http call; b's body carries `tag`, c's body what b received back. */
const chain = (prefix: string, tag: string): WorkflowDefinitionInput => ({
  name: `chain ${prefix}`,
  nodes: [
    node('start', 'manual'),
    http('a', prefix, { n: '{{ trigger.body.n }}' }),
    http('b', prefix, { tag, fromA: '{{ steps.a.body.saw.n }}' }),
    http('c', prefix, { fromB: '{{ steps.b.body.saw }}' }),
  ],
  edges: [edge('start', 'a'), edge('a', 'b'), edge('b', 'c')],
});
async function save(def: WorkflowDefinitionInput): Promise<string> {
  const res = await api().post('/api/workflows').set(env.t.auth).send(def);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}
const runNow = async (id: string, payload: unknown) => (await api().post(`/api/workflows/${id}/run`).set(env.t.auth).send({ payload })).body.runId as string;
const finished = (runId: string): Promise<Run> => waitForRun(env.t.app.handler, env.t.auth, runId, 30_000) as Promise<Run>;
const calls = (prefix: string, leaf: string) => env.rcv.got.filter((g) => g.url === `/${prefix}/${leaf}`).map((g) => JSON.parse(g.body) as unknown);
const replay = (runId: string, body: unknown) =>
  api()
    .post(`/api/runs/${runId}/replay`)
    .set(env.t.auth)
    .send(body as object);

describe('replay from a step', () => {
  it('reuses the results before the step and runs it with the original or the current version', async () => {
    failing.add('p1');
    const wf = await save(chain('p1', 'v1'));
    const first = await finished(await runNow(wf, { n: 7 }));
    expect(first.status).toBe('failed');
    expect(calls('p1', 'b')).toEqual([{ tag: 'v1', fromA: 7 }]);
    expect((await api().put(`/api/workflows/${wf}`).set(env.t.auth).send(chain('p1', 'v2'))).status).toBe(200);
    failing.delete('p1');

    const original = await replay(first.id, { fromNodeId: 'b', version: 'original' });
    expect(original.status).toBe(202);
    const fromOriginal = await finished(original.body.runId);
    expect(fromOriginal).toMatchObject({ status: 'succeeded', version: 1, replayOf: first.id });
    const a = fromOriginal.steps.find((s) => s.nodeId === 'a');
    expect(a?.attempts.at(-1)?.detail).toMatchObject({ copiedFrom: first.id });

    const current = await replay(first.id, { fromNodeId: 'b', version: 'current' });
    const fromCurrent = await finished(current.body.runId);
    expect(fromCurrent).toMatchObject({ status: 'succeeded', version: 2 });

    // a ran once in all; b ran with v1 on the original version and v2 only on the current one.
    expect(calls('p1', 'a')).toEqual([{ n: 7 }]);
    expect(calls('p1', 'b')).toEqual([
      { tag: 'v1', fromA: 7 },
      { tag: 'v1', fromA: 7 },
      { tag: 'v2', fromA: 7 },
    ]);
    expect(calls('p1', 'c').slice(1)).toEqual([{ fromB: { tag: 'v1', fromA: 7 } }, { fromB: { tag: 'v2', fromA: 7 } }]);
  });

  it('without a step, replays the whole run as before', async () => {
    const wf = await save(chain('p2', 'v1'));
    const first = await finished(await runNow(wf, { n: 1 }));
    const again = await finished((await replay(first.id, {})).body.runId);
    expect(again.status).toBe('succeeded');
    expect(calls('p2', 'a')).toHaveLength(2);
  });

  it('refuses a step the version lacks, a step whose upstream did not succeed, and a step never reached', async () => {
    const wf = await save(chain('p3', 'v1'));
    const ok = await finished(await runNow(wf, { n: 1 }));
    const unknown = await replay(ok.id, { fromNodeId: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'BAD_REQUEST', reason: 'replay_step_unknown', nodeId: 'nope' });

    // A step that exists only in the current version is unknown to the original one.
    const v2 = chain('p3', 'v1');
    v2.nodes.push(http('d', 'p3', {}));
    v2.edges = [...(v2.edges ?? []), edge('c', 'd')];
    expect((await api().put(`/api/workflows/${wf}`).set(env.t.auth).send(v2)).status).toBe(200);
    expect((await replay(ok.id, { fromNodeId: 'd', version: 'original' })).body.error.reason).toBe('replay_step_unknown');
    expect((await replay(ok.id, { fromNodeId: 'd', version: 'current' })).status).toBe(202);

    const early = await save({ name: 'fails early', nodes: [node('start', 'manual'), http('fail', 'p3', {}), http('b', 'p3', {})], edges: [edge('start', 'fail'), edge('fail', 'b')] });
    const failedEarly = await finished(await runNow(early, {}));
    const upstream = await replay(failedEarly.id, { fromNodeId: 'b' });
    expect(upstream.status).toBe(400);
    expect(upstream.body.error).toMatchObject({ reason: 'replay_upstream_missing', nodeId: 'fail' });

    const gated = await save({
      name: 'gated',
      nodes: [node('start', 'manual'), node('gate', 'filter', { combinator: 'and', rules: [{ field: 'trigger.body.go', operator: 'is_true' }] }), http('after', 'p3', {})],
      edges: [edge('start', 'gate'), edge('gate', 'after')],
    });
    const stopped = await finished(await runNow(gated, { go: false }));
    expect(stopped.status).toBe('succeeded');
    const notReached = await replay(stopped.id, { fromNodeId: 'after' });
    expect(notReached.status).toBe(400);
    expect(notReached.body.error).toMatchObject({ reason: 'replay_step_not_reached', nodeId: 'after' });
    expect((await replay(stopped.id, { fromNodeId: 'x y' })).status).toBe(400);
  });

  it('bulk-replays failed runs each from its own failed step, after a dry-run count', async () => {
    failing.add('p4');
    const wf = await save(chain('p4', 'v1'));
    const failed = await Promise.all([1, 2, 3].map(async (n) => finished(await runNow(wf, { n }))));
    expect(failed.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
    failing.delete('p4');
    const fine = await finished(await runNow(wf, { n: 4 }));
    expect(fine.status).toBe('succeeded');

    const dry = await api().post('/api/runs/replay').set(env.t.auth).send({ workflowId: wf, replayFrom: 'failedStep', dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ count: 3, truncated: false, runIds: [] });
    expect(dry.body.skipped).toEqual([expect.objectContaining({ runId: fine.id, reason: 'replay_no_failed_step' })]);
    expect(calls('p4', 'c')).toHaveLength(4);

    const done = await api().post('/api/runs/replay').set(env.t.auth).send({ workflowId: wf, replayFrom: 'failedStep' });
    expect(done.status).toBe(202);
    expect(done.body.count).toBe(3);
    const replays = await Promise.all((done.body.runIds as string[]).map(finished));
    expect(replays.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    // Only the failed step ran again: a and b kept their results.
    expect(calls('p4', 'a')).toHaveLength(4);
    expect(calls('p4', 'b')).toHaveLength(4);
    expect(calls('p4', 'c')).toHaveLength(7);

    const confused = await api().post('/api/runs/replay').set(env.t.auth).send({ workflowId: wf, from: 'failedStep' });
    expect(confused.status).toBe(400);
    expect(confused.body.error.message).toContain('replayFrom');
  });
});
