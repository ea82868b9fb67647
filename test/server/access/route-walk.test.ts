import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listServedRoutes } from '../../../server/http/rights-routes.js';
import { rightsTable } from '../../../server/http/rights.js';
import { startAccessApp, type AccessApp } from './access-app.js';

/**
 * Who may call each /api route, written out here independently of the server's rights table:
 * `public` (no sign-in), or the lowest role. GET routes read (read-only keys may call them);
 * every other method writes. A route the server serves that is missing here fails the test.
 */
const expected: Record<string, 'public' | 'viewer' | 'editor' | 'owner'> = {
  'GET /auth/state': 'public',
  'POST /auth/setup': 'public',
  'POST /auth/login': 'public',
  'POST /auth/logout': 'public',
  'GET /auth/invites/:token': 'public',
  'POST /auth/invites/:token/accept': 'public',
  'GET /auth/resets/:token': 'public',
  'POST /auth/resets/:token': 'public',
  'GET /auth/sessions': 'viewer',
  'DELETE /auth/sessions/:id': 'viewer',
  'POST /auth/sign-out-everywhere': 'viewer',
  'PUT /auth/password': 'viewer',
  'GET /api-keys': 'viewer',
  'POST /api-keys': 'viewer',
  'DELETE /api-keys/:id': 'viewer',
  'GET /users': 'owner',
  'PATCH /users/:id': 'owner',
  'DELETE /users/:id': 'owner',
  'POST /users/:id/reset-link': 'owner',
  'GET /invites': 'owner',
  'POST /invites': 'owner',
  'DELETE /invites/:id': 'owner',
  'GET /audit': 'owner',
  'GET /settings/egress': 'owner',
  'PUT /settings/egress': 'owner',
  'GET /workflows': 'viewer',
  'POST /workflows': 'editor',
  'GET /workflows/:id': 'viewer',
  'PUT /workflows/:id': 'editor',
  'DELETE /workflows/:id': 'editor',
  'POST /workflows/:id/activate': 'editor',
  'POST /workflows/:id/deactivate': 'editor',
  'POST /workflows/:id/pause': 'editor',
  'POST /workflows/:id/resume': 'editor',
  'POST /workflows/:id/publish': 'editor',
  'POST /workflows/:id/unpublish': 'editor',
  'GET /workflows/:id/versions': 'viewer',
  'GET /workflows/:id/versions/:version': 'viewer',
  'POST /workflows/:id/test-run': 'editor',
  'POST /workflows/:id/test-step': 'editor',
  'POST /workflows/:id/run': 'editor',
  'POST /workflows/:id/listen': 'editor',
  'GET /workflows/:id/sample': 'viewer',
  'GET /workflows/:id/schedule': 'viewer',
  'GET /workflows/:id/triggers': 'viewer',
  'POST /workflows/:id/triggers/:nodeId/rotate': 'editor',
  'GET /workflows/:id/triggers/:nodeId/rejections': 'viewer',
  'GET /workflows/:id/rejections': 'viewer',
  'GET /runs': 'viewer',
  'POST /runs/replay': 'editor',
  'GET /runs/:id': 'viewer',
  'GET /runs/:id/loops/:nodeId/items': 'viewer',
  'POST /runs/:id/cancel': 'editor',
  'POST /runs/:id/replay': 'editor',
  'GET /node-types': 'viewer',
  'GET /templates': 'viewer',
  'GET /templates/:id': 'viewer',
  'POST /templates/:id/instantiate': 'editor',
  'POST /import/n8n': 'editor',
  'GET /queue': 'viewer',
  'GET /system/storage': 'viewer',
  'POST /system/retention/sweep': 'owner',
  'POST /system/maintenance': 'owner',
  'GET /credentials': 'viewer',
  'GET /credentials/types': 'viewer',
  'GET /credentials/:id': 'viewer',
  'POST /credentials': 'editor',
  'PUT /credentials/:id': 'editor',
  'DELETE /credentials/:id': 'owner',
  'GET /variables': 'viewer',
  'GET /workflows/:id/export': 'editor',
  'POST /workflows/import': 'editor',
  'POST /variables': 'editor',
  'PUT /variables/:name': 'editor',
  'DELETE /variables/:name': 'editor',
  'POST /credentials/:id/oauth2/authorize': 'editor',
  'DELETE /credentials/:id/oauth2': 'editor',
  'GET /endpoints': 'viewer',
  'GET /endpoints/:id': 'viewer',
  'POST /endpoints/:id/enable': 'editor',
  'GET /datastore': 'viewer',
  'GET /datastore/:scope/:key': 'viewer',
  'PUT /datastore/:scope/:key': 'editor',
  'DELETE /datastore/:scope/:key': 'editor',
};

const rank = { viewer: 1, editor: 2, owner: 3 } as const;
type Caller = { name: string; role?: keyof typeof rank; readOnly?: boolean; dead?: boolean; headers: () => Promise<Record<string, string>> };

let t: AccessApp;
let callers: Caller[];
let served: string[];

beforeAll(async () => {
  t = await startAccessApp();
  const users = { viewer: await t.addUser('viewer'), editor: await t.addUser('editor'), owner: await t.addUser('owner') };
  const key = async (userId: string | null, scope: 'full' | 'read') => ({ authorization: `Bearer ${(await t.app.auth.createApiKey(`${scope} key`, userId, { scope })).key}` });
  const readOnly = await key(users.owner.id, 'read');
  const viewerFull = await key(users.viewer.id, 'full');
  const revoked = await t.app.auth.createApiKey('revoked', users.owner.id);
  await t.app.store.apiKeys.revoke(revoked.id, t.clock.now());
  const expired = await t.app.auth.createApiKey('expiring', users.owner.id, { expiresAt: t.clock.now() + 1000 });
  t.advance(2000);
  // Sessions are made anew for each route: sign-out routes end the caller's own session.
  const session = (u: { id: string }) => async () => (await t.signIn(u)).headers;
  callers = [
    { name: 'no session', dead: true, headers: async () => ({}) },
    { name: 'revoked key', dead: true, headers: async () => ({ authorization: `Bearer ${revoked.key}` }) },
    { name: 'expired key', dead: true, headers: async () => ({ authorization: `Bearer ${expired.key}` }) },
    { name: 'viewer', role: 'viewer', headers: session(users.viewer) },
    { name: 'editor', role: 'editor', headers: session(users.editor) },
    { name: 'owner', role: 'owner', headers: session(users.owner) },
    { name: "owner's read-only key", role: 'owner', readOnly: true, headers: async () => readOnly },
    { name: "viewer's full key", role: 'viewer', headers: async () => viewerFull },
  ];
  served = listServedRoutes(t.app.express)
    .filter((r) => r.path.startsWith('/api/'))
    .map((r) => `${r.method} ${r.path.slice('/api'.length)}`);
});
afterAll(async () => {
  await t?.stop();
});

describe('every /api route checks rights on the server', () => {
  it('lists every served route here and in the rights table, and nothing else', () => {
    expect(served.length).toBeGreaterThan(50);
    expect([...served].sort()).toEqual(Object.keys(expected).sort());
    const table = new Set(rightsTable.map((r) => `${r.method} ${r.path}`));
    expect(served.filter((r) => !table.has(r))).toEqual([]);
  });

  // About 700 requests one after the other: 5 s alone, past 30 s on a machine busy with other work.
  it('answers each caller as the route allows: 401 without a live credential, 403 without the right, otherwise neither', { timeout: 120_000 }, async () => {
    const wrong: string[] = [];
    for (const route of Object.keys(expected)) {
      const [method = 'GET', pattern = '/'] = route.split(' ');
      const need = expected[route];
      const path = `/api${pattern.replace(/:[A-Za-z]+/g, 'zz-nope')}`;
      const writes = method !== 'GET';
      for (const c of callers) {
        let req = t
          .http()
          [method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path)
          .set(await c.headers());
        if (writes) req = req.send({});
        const res = await req;
        const allowed = need === 'public' || (!c.dead && c.role !== undefined && rank[c.role] >= rank[need ?? 'owner'] && !(writes && c.readOnly));
        const want = allowed ? 'neither 401 nor 403' : c.dead ? 401 : 403;
        const ok = allowed ? res.status !== 401 && res.status !== 403 : res.status === want && res.body?.error?.code === (want === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN');
        if (!ok) wrong.push(`${route} as ${c.name}: got ${res.status} ${JSON.stringify(res.body).slice(0, 120)}, want ${want}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('treats a route nobody declared as owner-only', async () => {
    const viewer = await t.signIn(await t.addUser('viewer'));
    const res = await t.http().post('/api/no-such-route').set(viewer.headers).send({});
    expect(res.status).toBe(403);
    const owner = await t.http().post('/api/no-such-route').set(t.owner).send({});
    expect(owner.status).toBe(404);
  });
});
