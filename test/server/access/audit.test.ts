import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedRows } from '../../support/stored.js';
import { edge, node } from '../../support/workflows.js';
import { startAccessApp, type AccessApp } from './access-app.js';

const SECRET = 'whsec_dGhpcy1pcy1hLXNlY3JldC10aGF0LW5ldmVyLWxlYWtz';
const ROTATED = 'whsec_YW5vdGhlci1zZWNyZXQtdGhhdC1uZXZlci1sZWFrcw==';

let t: AccessApp;
let owner: Record<string, string>;
let editor: Record<string, string>;
let editorId: string;
beforeAll(async () => {
  t = await startAccessApp();
  owner = (await t.signIn(await t.addUser('owner', 'ona@example.test', 'Ona Owner'))).headers;
  const ed = await t.addUser('editor', 'eddie@example.test', 'Eddie Editor');
  editorId = ed.id;
  editor = (await t.signIn(ed)).headers;
});
afterAll(async () => {
  await t?.stop();
});

type Entry = {
  id: string;
  action: string;
  actor: { id: string; name: string; kind: string };
  target: { type: string; id: string; name: string };
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  changes?: unknown;
};
const audit = async (query = ''): Promise<{ entries: Entry[]; nextCursor: string | null }> => {
  const res = await t.http().get(`/api/audit${query}`).set(owner);
  expect(res.status).toBe(200);
  return res.body;
};
const flow = (url: string) => ({
  name: 'Audited',
  nodes: [node('start', 'manual'), node('out', 'http', { method: 'POST', url, headers: {}, body: {} }, 250)],
  edges: [edge('start', 'out')],
});

describe('the audit log', () => {
  it('records workflow changes with who, when and before/after, down to the changed field', async () => {
    const created = await t.http().post('/api/workflows').set(editor).send(flow('http://127.0.0.1:1/a'));
    const id = created.body.id as string;
    await t.http().put(`/api/workflows/${id}`).set(editor).send(flow('http://127.0.0.1:1/b'));
    await t.http().post(`/api/workflows/${id}/activate`).set(editor);
    await t.http().delete(`/api/workflows/${id}`).set(owner);
    const { entries } = await audit(`?targetType=workflow&targetId=${id}`);
    expect(entries.map((e) => e.action)).toEqual(['workflow.delete', 'workflow.activate', 'workflow.update', 'workflow.create']);
    const [del, act, upd, cre] = entries;
    expect(cre?.actor).toMatchObject({ kind: 'user', id: editorId, name: 'Eddie Editor' });
    expect(cre?.target).toEqual({ type: 'workflow', id, name: 'Audited' });
    expect((cre?.after?.definition as { nodes: unknown[] }).nodes).toHaveLength(2);
    expect(upd?.before).toMatchObject({ version: 1 });
    expect(upd?.after).toMatchObject({ version: 2 });
    expect(upd?.changes).toEqual([{ op: 'change', path: 'nodes.out.config.url', before: 'http://127.0.0.1:1/a', after: 'http://127.0.0.1:1/b' }]);
    expect(act?.before).toMatchObject({ active: false });
    expect(act?.after).toMatchObject({ active: true });
    expect(del?.actor.name).toBe('Ona Owner');
    expect((del?.before?.definition as { name: string }).name).toBe('Audited');
    expect(del?.after).toBeUndefined();
  });

  it('records credential changes by name and type and changed field names, never a value', async () => {
    const created = await t
      .http()
      .post('/api/credentials')
      .set(editor)
      .send({ name: 'Signing', type: 'webhook-secret', data: { secret: SECRET } });
    const id = created.body.id as string;
    await t
      .http()
      .put(`/api/credentials/${id}`)
      .set(editor)
      .send({ data: { secret: ROTATED }, rotate: true });
    await t.http().delete(`/api/credentials/${id}`).set(owner);
    const { entries } = await audit(`?targetType=credential&targetId=${id}`);
    expect(entries.map((e) => e.action)).toEqual(['credential.delete', 'credential.update', 'credential.create']);
    expect(entries[2]?.after).toEqual({ name: 'Signing', type: 'webhook-secret' });
    expect(entries[1]?.changes).toEqual({ fields: ['secret'], rotate: true });
    const everything = JSON.stringify((await audit('?limit=200')).entries) + JSON.stringify(await storedRows(t, 'SELECT * FROM audit_log'));
    for (const secret of [SECRET, ROTATED, SECRET.slice(6), ROTATED.slice(6)]) expect(everything).not.toContain(secret);
  });

  it('records nothing for a refused or failed change', async () => {
    const before = (await audit('?limit=200')).entries.length;
    expect((await t.http().post('/api/workflows').set(editor).send({ name: 'broken', nodes: 'nope' })).status).toBe(400);
    const viewer = (await t.signIn(await t.addUser('viewer'))).headers;
    expect((await t.http().post('/api/workflows').set(viewer).send(flow('http://127.0.0.1:1/c'))).status).toBe(403);
    expect((await audit('?limit=200')).entries.length).toBe(before);
  });

  it('records people, invitations and keys without tokens or keys', async () => {
    const inv = await t.http().post('/api/invites').set(owner).send({ email: 'new@example.test', role: 'editor' });
    const key = await t.http().post('/api/api-keys').set(editor).send({ name: 'ci', scope: 'read' });
    await t.http().patch(`/api/users/${editorId}`).set(owner).send({ role: 'viewer' });
    const { entries } = await audit('?limit=10');
    const actions = entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['invite.create', 'api_key.create', 'user.role_change']));
    const role = entries.find((e) => e.action === 'user.role_change');
    expect(role?.before).toMatchObject({ role: 'editor' });
    expect(role?.after).toMatchObject({ role: 'viewer' });
    const text = JSON.stringify(entries);
    expect(text).not.toContain(String(inv.body.invite.url).split('/').pop());
    expect(text).not.toContain(key.body.key);
  });

  it('filters by action prefix and actor, and pages with a cursor without gaps or repeats', async () => {
    const workflowOnly = await audit('?action=workflow.');
    expect(workflowOnly.entries.length).toBeGreaterThan(0);
    expect(workflowOnly.entries.every((e) => e.action.startsWith('workflow.'))).toBe(true);
    const mine = await audit(`?actorId=${editorId}`);
    expect(mine.entries.every((e) => e.actor.id === editorId)).toBe(true);

    const all = (await audit('?limit=200')).entries.map((e) => e.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { entries: Entry[]; nextCursor: string | null } = await audit(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect((await t.http().get('/api/audit?limit=0').set(owner)).status).toBe(400);
    expect((await t.http().get('/api/audit?from=yesterday').set(owner)).status).toBe(400);
  });
});
