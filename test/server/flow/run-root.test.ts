import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

const env = useAppAndReceiver(() => ({ status: 200, body: '{}' }));
const api = () => request(env.t.app.handler);

interface Run {
  id: string;
  status: string;
  steps: { nodeId: string; output: unknown }[];
}
const finished = (runId: string) => waitForRun(env.t.app.handler, env.t.auth, runId, 30_000) as Promise<Run>;
const sent = (runId: string) => env.rcv.got.filter((g) => g.url === `/runs/${runId}`).map((g) => JSON.parse(g.body) as unknown);

describe('the run root', () => {
  it('gives a code step and a templated field the id of the run executing them, a replay its own', async () => {
    const definition = {
      name: 'reads run.id',
      nodes: [
        node('start', 'manual'),
        // `const vars` at the top of a code step: the body is its own block, so no root is redeclared.
        node('tag', 'code', { code: 'const vars = "shadowed"; return { runId: run.id, keys: Object.keys(run), vars };' }, 250),
        node(
          'send',
          'http',
          { method: 'POST', url: `${env.rcv.url}/runs/{{ run.id }}`, body: { run: '{{ run.id }}', fromCode: '{{ steps.tag.runId }}', label: 'run {{ run.id }}' }, retry: { attempts: 1 } },
          500,
        ),
      ],
      edges: [edge('start', 'tag'), edge('tag', 'send')],
    };
    const wf = await api().post('/api/workflows').set(env.t.auth).send(definition);
    expect(wf.status, wf.text).toBe(201);
    const started = await api().post(`/api/workflows/${wf.body.id}/run`).set(env.t.auth).send({ payload: {} });
    const first = await finished(started.body.runId);
    expect(first.status, JSON.stringify(first.steps)).toBe('succeeded');
    expect(first.steps.find((s) => s.nodeId === 'tag')?.output).toEqual({ runId: first.id, keys: ['id'], vars: 'shadowed' });
    expect(sent(first.id)).toEqual([{ run: first.id, fromCode: first.id, label: `run ${first.id}` }]);

    // A replay is a new run: the steps it runs read its id, not the one it replays.
    const replayed = await api().post(`/api/runs/${first.id}/replay`).set(env.t.auth).send({});
    expect(replayed.status, replayed.text).toBe(202);
    const second = await finished(replayed.body.runId);
    expect(second.id).not.toBe(first.id);
    expect(second.status).toBe('succeeded');
    expect(sent(second.id)).toEqual([{ run: second.id, fromCode: second.id, label: `run ${second.id}` }]);
  });

  it('keeps a code step that declares `run` itself working', async () => {
    const wf = await api()
      .post('/api/workflows')
      .set(env.t.auth)
      .send({ name: 'declares run', nodes: [node('start', 'manual'), node('own', 'code', { code: 'const run = { id: "mine" }; return run.id;' }, 250)], edges: [edge('start', 'own')] });
    const started = await api().post(`/api/workflows/${wf.body.id}/run`).set(env.t.auth).send({ payload: {} });
    const done = await finished(started.body.runId);
    expect(done.status, JSON.stringify(done.steps)).toBe('succeeded');
    expect(done.steps.find((s) => s.nodeId === 'own')?.output).toBe('mine');
  });
});
