import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedRows, storedText } from '../../support/stored.js';
import { startReceiver } from '../../support/receiver.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';
import { startAccessApp, type AccessApp } from '../access/access-app.js';

// The env floor names an address no test ever sends to: it only has to stay in the list.
const FLOOR = '10.9.8.7/32';

let t: AccessApp;
let rcv: Awaited<ReturnType<typeof startReceiver>>;
let owner: Record<string, string>;
let editor: Record<string, string>;
let viewer: Record<string, string>;
let workflowId: string;
beforeAll(async () => {
  t = await startAccessApp({ EGRESS_ALLOW: FLOOR });
  rcv = await startReceiver();
  owner = (await t.signIn(await t.addUser('owner', 'olga@example.test', 'Olga Owner'))).headers;
  editor = (await t.signIn(await t.addUser('editor'))).headers;
  viewer = (await t.signIn(await t.addUser('viewer'))).headers;
  const def = { name: 'to the local receiver', nodes: [node('start', 'manual'), node('post', 'http', { method: 'POST', url: `${rcv.url}/in`, body: { n: 1 } }, 250)], edges: [edge('start', 'post')] };
  const created = await t.http().post('/api/workflows').set(t.owner).send(def);
  expect(created.status).toBe(201);
  workflowId = created.body.id as string;
});
afterAll(async () => {
  await t?.stop();
  await rcv?.close();
});

/** Runs the workflow once and returns the HTTP step's status and error code. */
async function runOnce(): Promise<{ status: string; code: string | undefined }> {
  const started = await t.http().post(`/api/workflows/${workflowId}/run`).set(t.owner).send({ payload: {} });
  expect(started.status).toBe(202);
  const run = await waitForRun(t.app.handler, t.owner, started.body.runId as string);
  const step = (run.steps as Array<{ nodeId: string; status: string; error?: { code?: string } }>).find((s) => s.nodeId === 'post');
  return { status: step?.status ?? 'missing', code: step?.error?.code };
}
const putEgress = (who: Record<string, string>, body: unknown) =>
  t
    .http()
    .put('/api/settings/egress')
    .set(who)
    .send(body as object);

describe('the egress allow-list in Settings', () => {
  it('refuses the local receiver, allows it after an owner adds it, and refuses it again once removed, without a restart', async () => {
    expect(await runOnce()).toEqual({ status: 'failed', code: 'egress_blocked' });
    expect(rcv.got).toHaveLength(0);

    const shown = await t.http().get('/api/settings/egress').set(owner);
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({ floor: [FLOOR], entries: [], effective: [FLOOR] });

    const added = await putEgress(owner, { entries: ['127.0.0.1/32', ' 127.0.0.1/32 '] });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ floor: [FLOOR], entries: ['127.0.0.1/32'], effective: [FLOOR, '127.0.0.1/32'] });
    expect(await runOnce()).toEqual({ status: 'succeeded', code: undefined });
    expect(rcv.got.map((r) => r.url)).toEqual(['/in']);

    // Saving an empty list removes the stored entry; the env floor cannot be removed this way.
    const removed = await putEgress(owner, { entries: [] });
    expect(removed.body).toEqual({ floor: [FLOOR], entries: [], effective: [FLOOR] });
    expect(await runOnce()).toEqual({ status: 'failed', code: 'egress_blocked' });
    expect(rcv.got).toHaveLength(1);
  });

  it('keeps the stored entries in the database', async () => {
    await putEgress(owner, { entries: ['crm.internal', '*.corp.example', 'fd00::/8'] });
    const [row] = await storedRows(t, "SELECT value, updated_by FROM settings WHERE key = 'egress.allow'");
    expect(JSON.parse(storedText(row?.value))).toEqual(['crm.internal', '*.corp.example', 'fd00::/8']);
    expect(row?.updated_by).toBe('Olga Owner');
    expect((await t.http().get('/api/settings/egress').set(owner)).body.entries).toEqual(['crm.internal', '*.corp.example', 'fd00::/8']);
  });

  it('answers 403 to editors and viewers, reading or writing', async () => {
    for (const who of [editor, viewer]) {
      const read = await t.http().get('/api/settings/egress').set(who);
      expect(read.status).toBe(403);
      expect(read.body.error.code).toBe('FORBIDDEN');
      const write = await putEgress(who, { entries: ['127.0.0.1/32'] });
      expect(write.status).toBe(403);
      expect(write.body.error.code).toBe('FORBIDDEN');
    }
    expect((await t.http().get('/api/settings/egress').set(owner)).body.entries).not.toContain('127.0.0.1/32');
  });

  it("lets an installation key (from `api-key create`) change it, and refuses an owner's read-only key", async () => {
    const current = (await t.http().get('/api/settings/egress').set(t.owner)).body;
    expect(current.floor).toEqual([FLOOR]);
    expect((await putEgress(t.owner, { entries: current.entries })).status).toBe(200);
    const ownerId = (await t.addUser('owner')).id;
    const { key } = await t.app.auth.createApiKey('read only', ownerId, { scope: 'read' });
    const refused = await putEgress({ authorization: `Bearer ${key}` }, { entries: [] });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
  });

  it('answers 400 with one issue per bad entry and changes nothing', async () => {
    const before = (await t.http().get('/api/settings/egress').set(owner)).body;
    const bad = await putEgress(owner, { entries: ['127.0.0.1/32', 'not a host!', '10.0.0.0/99', ''] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_REQUEST');
    expect(bad.body.error.message).toMatch(/not a host!/);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['entries.1', 'entries.2', 'entries.3']);
    for (const body of [{}, { entries: 'x' }, { entries: [42] }]) {
      const res = await putEgress(owner, body);
      expect(res.status).toBe(400);
      expect(res.body.error.issues.length).toBeGreaterThan(0);
    }
    expect((await t.http().get('/api/settings/egress').set(owner)).body).toEqual(before);
  });

  it('records every change in the audit log with who, before, after, added and removed', async () => {
    const res = await t.http().get('/api/audit?targetType=settings&limit=200').set(owner);
    expect(res.status).toBe(200);
    const entries = (res.body.entries as Array<{ action: string; actor: { name: string }; before: unknown; after: unknown; changes: unknown }>).reverse();
    expect(entries.map((e) => e.action)).toEqual(['settings.egress_update', 'settings.egress_update', 'settings.egress_update', 'settings.egress_update']);
    expect(entries[0]).toMatchObject({ actor: { name: 'Olga Owner' }, before: { entries: [] }, after: { entries: ['127.0.0.1/32'] }, changes: { added: ['127.0.0.1/32'], removed: [] } });
    expect(entries[1]).toMatchObject({ before: { entries: ['127.0.0.1/32'] }, after: { entries: [] }, changes: { added: [], removed: ['127.0.0.1/32'] } });
  });
});
