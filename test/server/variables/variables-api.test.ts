import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedRows } from '../../support/stored.js';
import { startReceiver } from '../../support/receiver.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';
import { startAccessApp, type AccessApp } from '../access/access-app.js';

const SECRET = 'sk_live_variable_9QzT4w';

let t: AccessApp;
let rcv: Awaited<ReturnType<typeof startReceiver>>;
let owner: Record<string, string>;
let editor: Record<string, string>;
let viewer: Record<string, string>;
beforeAll(async () => {
  t = await startAccessApp();
  rcv = await startReceiver();
  owner = (await t.signIn(await t.addUser('owner'))).headers;
  editor = (await t.signIn(await t.addUser('editor'))).headers;
  viewer = (await t.signIn(await t.addUser('viewer'))).headers;
});
afterAll(async () => {
  await t?.stop();
  await rcv?.close();
});

describe('/api/variables', () => {
  it('creates, lists, changes and deletes variables, with clear errors for bad names, duplicates and unknown ones', async () => {
    const created = await t.http().post('/api/variables').set(editor).send({ name: 'REGION', value: 'eu-west' });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ name: 'REGION', secret: false, value: 'eu-west' });

    const dup = await t.http().post('/api/variables').set(owner).send({ name: 'REGION', value: 'us' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('CONFLICT');

    for (const name of ['1abc', 'with-dash', 'a'.repeat(65), '', 'héllo']) {
      const bad = await t.http().post('/api/variables').set(editor).send({ name, value: 'x' });
      expect(bad.status, name).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'BAD_REQUEST' });
      expect(bad.body.error.message).toMatch(/name/);
    }
    expect((await t.http().post('/api/variables').set(editor).send({ name: 'N', value: 3 })).status).toBe(400);
    expect((await t.http().post('/api/variables').set(editor).send({ name: 'N', value: 'x', extra: 1 })).status).toBe(400);
    expect((await t.http().put('/api/variables/REGION').set(editor).send({})).status).toBe(400);

    const changed = await t.http().put('/api/variables/REGION').set(editor).send({ value: 'eu-central' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'REGION', value: 'eu-central' });
    const unknown = await t.http().put('/api/variables/NOPE').set(editor).send({ value: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    expect((await t.http().delete('/api/variables/NOPE').set(editor)).status).toBe(404);

    const list = await t.http().get('/api/variables').set(editor);
    expect(list.body.variables).toEqual([expect.objectContaining({ name: 'REGION', secret: false, value: 'eu-central' })]);
    expect((await t.http().delete('/api/variables/REGION').set(editor)).status).toBe(204);
    expect((await t.http().get('/api/variables').set(editor)).body.variables).toEqual([]);
  });

  it('lets viewers read names only, and refuses them every change', async () => {
    await t.http().post('/api/variables').set(owner).send({ name: 'PLAN', value: 'gold' }).expect(201);
    const seen = await t.http().get('/api/variables').set(viewer);
    expect(seen.status).toBe(200);
    expect(seen.body.variables).toEqual([{ name: 'PLAN', secret: false, createdAt: expect.any(Number), updatedAt: expect.any(Number) }]);
    expect((await t.http().post('/api/variables').set(viewer).send({ name: 'X', value: 'y' })).status).toBe(403);
    expect((await t.http().put('/api/variables/PLAN').set(viewer).send({ value: 'y' })).status).toBe(403);
    expect((await t.http().delete('/api/variables/PLAN').set(viewer)).status).toBe(403);
    await t.http().delete('/api/variables/PLAN').set(owner).expect(204);
  });

  it('never returns a secret value, and refuses to make one plain without its value', async () => {
    const created = await t.http().post('/api/variables').set(editor).send({ name: 'API_TOKEN', value: SECRET, secret: true });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ name: 'API_TOKEN', secret: true, createdAt: expect.any(Number), updatedAt: expect.any(Number) });
    const listed = await t.http().get('/api/variables').set(owner);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);
    const plain = await t.http().put('/api/variables/API_TOKEN').set(editor).send({ secret: false });
    expect(plain.status).toBe(400);
    // Stored sealed: the plain text is nowhere in the database file's rows.
    const [row] = (await storedRows(t, 'SELECT value, ciphertext FROM variables WHERE name = ?', ['API_TOKEN'])) as Array<{ value: string | null; ciphertext: Buffer }>;
    expect(row?.value).toBeNull();
    expect(row?.ciphertext.toString('utf8')).not.toContain(SECRET);
    const audit = await t.http().get('/api/audit').set(owner);
    expect(JSON.stringify(audit.body)).not.toContain(SECRET);
    expect(audit.body.entries.some((e: { action: string; target: { id: string } }) => e.action === 'variable.create' && e.target.id === 'API_TOKEN')).toBe(true);
  });

  it('gives {{ vars.NAME }} to every expression field and vars.NAME to code, and redacts secret ones in the run record', async () => {
    await t.http().post('/api/variables').set(editor).send({ name: 'BASE_PATH', value: '/hooked' }).expect(201);
    await t.http().post('/api/variables').set(editor).send({ name: 'KEY', value: SECRET, secret: true }).expect(201);
    const definition = {
      name: 'uses variables',
      nodes: [
        node('start', 'manual'),
        node('shape', 'code', { code: 'return { key: vars.KEY, path: vars["BASE_PATH"], missing: vars.NOPE ?? null, names: Object.keys(vars).sort() };' }, 250),
        node(
          'send',
          'http',
          { method: 'POST', url: `${rcv.url}{{ vars.BASE_PATH }}/x`, headers: { 'x-api-key': '{{ vars.KEY }}' }, body: { region: 'r-{{ vars.BASE_PATH }}', fromCode: '{{ steps.shape.key }}' } },
          500,
        ),
      ],
      edges: [edge('start', 'shape'), edge('shape', 'send')],
    };
    const wf = await t.http().post('/api/workflows').set(editor).send(definition);
    expect(wf.status, wf.text).toBe(201);
    const started = await t.http().post(`/api/workflows/${wf.body.id}/run`).set(editor).send({ payload: {} });
    expect(started.status, started.text).toBe(202);
    const run = await waitForRun(t.app.handler, editor, started.body.runId);
    expect(run.status, JSON.stringify(run.steps)).toBe('succeeded');

    const got = rcv.got.find((r) => r.url === '/hooked/x');
    expect(got?.headers['x-api-key']).toBe(SECRET);
    // A secret handed on through a step's output is redacted when that output is recorded, so
    // later steps read "[redacted]" (as with credentials): read vars.KEY where it is needed.
    expect(JSON.parse(got?.body ?? '{}')).toEqual({ region: 'r-/hooked', fromCode: '[redacted]' });

    const shape = run.steps.find((s: { nodeId: string }) => s.nodeId === 'shape');
    expect(shape.output).toEqual({ key: '[redacted]', path: '/hooked', missing: null, names: ['API_TOKEN', 'BASE_PATH', 'KEY'] });
    expect(JSON.stringify(run)).not.toContain(SECRET);
  });
});
