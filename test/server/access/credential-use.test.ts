import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';
import { startAccessApp, type AccessApp } from './access-app.js';

const SECRET = `whsec_${Buffer.from('editor-only-uses-this-secret-32b!').toString('base64')}`;

let t: AccessApp;
let rcv: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  t = await startAccessApp();
  rcv = await startReceiver();
});
afterAll(async () => {
  await t?.stop();
  await rcv?.close();
});

describe('an editor uses a credential in a step but can never read it back', () => {
  it('signs a real delivery with the secret, while no answer, run record or audit entry holds it', async () => {
    const editor = (await t.signIn(await t.addUser('editor'))).headers;
    const created = await t
      .http()
      .post('/api/credentials')
      .set(editor)
      .send({ name: 'Outbound signing', type: 'webhook-secret', data: { secret: SECRET } });
    expect(created.status).toBe(201);
    const credentialId = created.body.id as string;

    const definition = {
      name: 'signed delivery',
      nodes: [
        node('start', 'manual'),
        node(
          'send',
          'http',
          { method: 'POST', url: `${rcv.url}/signed`, headers: { 'content-type': 'application/json' }, body: { order: '{{ trigger.body.order }}' }, signing: { credentialId } },
          250,
        ),
      ],
      edges: [edge('start', 'send')],
    };
    const wf = await t.http().post('/api/workflows').set(editor).send(definition);
    expect(wf.status).toBe(201);
    const started = await t
      .http()
      .post(`/api/workflows/${wf.body.id}/run`)
      .set(editor)
      .send({ payload: { order: 42 } });
    expect(started.status).toBe(202);
    const run = await waitForRun(t.app.handler, editor, started.body.runId);
    expect(run.status).toBe('succeeded');

    // The receiver got a body signed with the stored secret: the step used the credential.
    const got = rcv.got.find((r) => r.url === '/signed');
    expect(got).toBeDefined();
    const headers = Object.fromEntries(Object.entries(got?.headers ?? {}).map(([k, v]) => [k, String(v)]));
    expect(() => new Webhook(SECRET).verify(got?.body ?? '', headers)).not.toThrow();
    expect(JSON.parse(got?.body ?? '{}')).toEqual({ order: 42 });

    // Every way an editor could look at it answers without the value.
    const secretPart = SECRET.slice('whsec_'.length);
    const looks = [
      await t.http().get('/api/credentials').set(editor),
      await t.http().get(`/api/credentials/${credentialId}`).set(editor),
      await t.http().get(`/api/credentials/${credentialId}?include=data`).set(editor),
      await t.http().get(`/api/runs/${started.body.runId}`).set(editor),
      await t.http().get(`/api/workflows/${wf.body.id}`).set(editor),
      await t.http().put(`/api/credentials/${credentialId}`).set(editor).send({ name: 'Outbound signing (renamed)' }),
      await t.http().get('/api/audit').set(t.owner),
    ];
    for (const res of looks) {
      expect(res.status).toBeLessThan(300);
      expect(res.text).not.toContain(secretPart);
    }
    expect(looks[1]?.body).toEqual({ id: credentialId, name: 'Outbound signing', type: 'webhook-secret', createdAt: expect.any(Number), updatedAt: expect.any(Number) });

    // Nor can the editor delete it (owners only), and a viewer cannot even change it.
    expect((await t.http().delete(`/api/credentials/${credentialId}`).set(editor)).status).toBe(403);
    const viewer = (await t.signIn(await t.addUser('viewer'))).headers;
    expect((await t.http().put(`/api/credentials/${credentialId}`).set(viewer).send({ name: 'x' })).status).toBe(403);
    expect((await t.http().get('/api/credentials').set(viewer)).body.credentials.map((c: { id: string }) => c.id)).toContain(credentialId);
  });
});
