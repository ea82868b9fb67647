import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

const env = useAppAndReceiver();
const api = () => request(env.t.app.handler);
const path = (url: string) => new URL(url).pathname;

/** A webhook, a code step saying `word` (or throwing), and an HTTP post of it to the receiver at `/<route>`. */
const saying = (word: string | null, route: string) => ({
  name: `says ${word ?? 'nothing'}`,
  nodes: [
    node('hook', 'webhook'),
    node('shape', 'code', { code: word === null ? "throw new Error('broken draft')" : `return { word: ${JSON.stringify(word)} }` }, 250),
    node('post', 'http', { method: 'POST', url: `${env.rcv.url}/${route}`, headers: { 'content-type': 'application/json' }, body: { word: '{{ steps.shape.word }}' } }, 500),
  ],
  edges: [edge('hook', 'shape'), edge('shape', 'post')],
});

const heard = (route: string) => env.rcv.got.filter((g) => g.url === `/${route}`).map((g) => JSON.parse(g.body).word);

async function fire(url: string, body: object = {}) {
  const ack = await api().post(path(url)).send(body);
  expect(ack.status).toBe(202);
  return waitForRun(env.t.app.handler, env.t.auth, ack.body.runId);
}

describe('drafts and publishing', () => {
  it('keeps running the published version while a broken draft is saved and test-run, until Publish', async () => {
    const created = await api().post('/api/workflows').set(env.t.auth).send(saying('one', 'live'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1, publishedVersion: null, active: false });
    const id = created.body.id as string;
    const hook = created.body.hooks[0];
    expect(hook).toEqual({ nodeId: 'hook', url: expect.stringMatching(/\/hooks\/[\w-]+$/), testUrl: expect.stringMatching(/\/hooks\/test\/[\w-]+$/) });
    expect(path(hook.testUrl).replace('/test', '')).toBe(path(hook.url));

    // Never published: the live URL is not on the air, the test URL runs the draft.
    expect((await api().post(path(hook.url)).send({})).status).toBe(404);
    const draftRun = await fire(hook.testUrl);
    expect(draftRun).toMatchObject({ status: 'succeeded', version: 1 });

    const published = await api().post(`/api/workflows/${id}/publish`).set(env.t.auth).send({ message: 'first cut' });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: 1, publishedVersion: 1, publishMessage: 'first cut' });
    expect((await api().post(`/api/workflows/${id}/activate`).set(env.t.auth)).status).toBe(200);

    const broken = await api().put(`/api/workflows/${id}`).set(env.t.auth).set('If-Match', '1').send(saying(null, 'live'));
    expect(broken.status).toBe(200);
    expect(broken.body).toMatchObject({ version: 2, publishedVersion: 1, active: true });

    // The broken draft fails where it is tested: its test URL and the editor's Test run.
    expect(await fire(hook.testUrl)).toMatchObject({ status: 'failed', version: 2 });
    const test = await api()
      .post(`/api/workflows/${id}/test-run`)
      .set(env.t.auth)
      .send({ event: { body: { n: 1 } } });
    expect(test.status).toBe(202);
    expect(await waitForRun(env.t.app.handler, env.t.auth, test.body.runId)).toMatchObject({ status: 'failed', version: 2 });

    // ...while the live URL keeps running version 1.
    expect(await fire(hook.url)).toMatchObject({ status: 'succeeded', version: 1 });
    expect(heard('live')).toEqual(['one', 'one']);

    const fixed = await api().put(`/api/workflows/${id}`).set(env.t.auth).set('If-Match', '"2"').send(saying('two', 'live'));
    expect(fixed.body).toMatchObject({ version: 3, publishedVersion: 1 });
    expect(await fire(hook.url)).toMatchObject({ status: 'succeeded', version: 1 });

    expect((await api().post(`/api/workflows/${id}/publish`).set(env.t.auth)).body).toMatchObject({ version: 3, publishedVersion: 3 });
    expect(await fire(hook.url)).toMatchObject({ status: 'succeeded', version: 3 });
    expect(heard('live').slice(-2)).toEqual(['one', 'two']);
    const got = await api().get(`/api/workflows/${id}`).set(env.t.auth);
    expect(got.body).toMatchObject({ version: 3, publishedVersion: 3 });
  });

  it('answers the second of two editors saving the same base version with 409 CONFLICT naming who and when', async () => {
    const created = await api().post('/api/workflows').set(env.t.auth).send(saying('a', 'conflict'));
    const id = created.body.id as string;
    const first = await api().put(`/api/workflows/${id}`).set(env.t.auth).set('If-Match', '1').send(saying('first editor', 'conflict'));
    expect(first.status).toBe(200);
    const second = await api().put(`/api/workflows/${id}`).set(env.t.auth).set('If-Match', '1').send(saying('second editor', 'conflict'));
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'CONFLICT', currentVersion: 2, baseVersion: 1, changedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(second.body.error.message).toContain('version 2');
    expect(second.body.error.message).toContain(second.body.error.changedAt);
    expect(second.body.error.changedBy).toEqual(expect.any(String));
    expect(second.body.error.message).toContain(`${second.body.error.changedBy} saved version 2`);
    // The first editor's draft is what is stored.
    const got = await api().get(`/api/workflows/${id}`).set(env.t.auth);
    expect(got.body.version).toBe(2);
    expect(got.body.definition.nodes[1].config.code).toContain('first editor');

    const bad = await api().put(`/api/workflows/${id}`).set(env.t.auth).set('If-Match', 'yesterday').send(saying('x', 'conflict'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_REQUEST');
  });

  it('publishes a never-published workflow on activation, and unpublishing keeps the draft', async () => {
    const created = await api().post('/api/workflows').set(env.t.auth).send(saying('auto', 'activate'));
    const id = created.body.id as string;
    const activated = await api().post(`/api/workflows/${id}/activate`).set(env.t.auth);
    expect(activated.body).toMatchObject({ active: true, version: 1, publishedVersion: 1 });
    const hook = activated.body.hooks[0];
    expect(await fire(hook.url)).toMatchObject({ status: 'succeeded', version: 1 });

    await api().put(`/api/workflows/${id}`).set(env.t.auth).set('If-Match', '1').send(saying('draft', 'activate'));
    const off = await api().post(`/api/workflows/${id}/unpublish`).set(env.t.auth);
    expect(off.body).toMatchObject({ active: false, version: 2, publishedVersion: null });
    expect((await api().post(path(hook.url)).send({})).status).toBe(404);
    expect(await fire(hook.testUrl)).toMatchObject({ status: 'succeeded', version: 2 });
    expect(heard('activate')).toEqual(['auto', 'draft']);
  });

  it('treats a PUT without If-Match as a v1 save: a published workflow gets it live at once', async () => {
    const created = await api().post('/api/workflows').set(env.t.auth).send(saying('v1', 'legacy'));
    const id = created.body.id as string;
    const hook = (await api().post(`/api/workflows/${id}/activate`).set(env.t.auth)).body.hooks[0];
    const saved = await api().put(`/api/workflows/${id}`).set(env.t.auth).send(saying('v2', 'legacy'));
    expect(saved.body).toMatchObject({ version: 2, publishedVersion: 2 });
    expect(await fire(hook.url)).toMatchObject({ status: 'succeeded', version: 2 });
    // A draft (never published) stays a draft on such a save.
    const draft = await api().post('/api/workflows').set(env.t.auth).send(saying('d1', 'legacy'));
    const resaved = await api().put(`/api/workflows/${draft.body.id}`).set(env.t.auth).send(saying('d2', 'legacy'));
    expect(resaved.body).toMatchObject({ version: 2, publishedVersion: null });
  });
});
