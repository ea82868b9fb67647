import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { variablesUsedBy } from '../../../server/ops/workflow-bundle.js';
import { variableNamesIn } from '../../../shared/variables/variable-schema.js';
import { startTestApp } from '../../support/test-app.js';
import { edge, node } from '../../support/workflows.js';

type App = Awaited<ReturnType<typeof startTestApp>>;
let from: App;
let to: App;
beforeAll(async () => {
  [from, to] = await Promise.all([startTestApp(), startTestApp()]);
});
afterAll(async () => {
  await Promise.all([from?.stop(), to?.stop()]);
});

describe('variables travel with the workflows that read them', () => {
  it('finds vars.NAME and vars["NAME"] in expressions and code, and nothing else', () => {
    expect(variableNamesIn('{{ vars.A_1 }} x {{ vars?.b }} vars[\'C\'] vars["D"] myvars.E vars.9x "vars.F"')).toEqual(['A_1', 'C', 'D', 'F', 'b']);
    const stored = [
      { name: 'USED', secret: false as const, value: 'v', createdAt: 1, updatedAt: 1 },
      { name: 'KEY', secret: true as const, sealed: { keyId: 'k', iv: Buffer.alloc(12), ciphertext: Buffer.from('x'), tag: Buffer.alloc(16) }, createdAt: 1, updatedAt: 1 },
      { name: 'UNUSED', secret: false as const, value: 'u', createdAt: 1, updatedAt: 1 },
    ];
    expect(variablesUsedBy([{ nodes: [{ config: { url: '{{ vars.USED }}', code: 'return vars["KEY"]' } }] }], stored)).toEqual([
      { name: 'USED', secret: false, value: 'v' },
      { name: 'KEY', secret: true },
    ]);
  });

  it('exports one workflow with its plain variables and the names of its secret ones, and imports it elsewhere without overwriting', async () => {
    const api = request(from.app.handler);
    await api.post('/api/variables').set(from.auth).send({ name: 'REGION', value: 'eu-west' }).expect(201);
    await api.post('/api/variables').set(from.auth).send({ name: 'TOKEN', value: 'tok-secret-value-42', secret: true }).expect(201);
    await api.post('/api/variables').set(from.auth).send({ name: 'OTHER', value: 'not used' }).expect(201);
    const def = {
      name: 'reads variables',
      nodes: [node('start', 'manual'), node('shape', 'code', { code: 'return { region: vars.REGION, token: vars.TOKEN, plan: vars.PLAN };' }, 250)],
      edges: [edge('start', 'shape')],
    };
    const wf = await api.post('/api/workflows').set(from.auth).send(def).expect(201);
    const exported = await api.get(`/api/workflows/${wf.body.id}/export`).set(from.auth);
    expect(exported.status, exported.text).toBe(200);
    expect(exported.body.workflows).toHaveLength(1);
    expect(exported.body.variables).toEqual([
      { name: 'REGION', secret: false, value: 'eu-west' },
      { name: 'TOKEN', secret: true },
    ]);
    expect(exported.text).not.toContain('tok-secret-value-42');
    expect(exported.body.credentials).toBeUndefined();

    const target = request(to.app.handler);
    await target.post('/api/variables').set(to.auth).send({ name: 'REGION', value: 'us-east' }).expect(201);
    const imported = await target.post('/api/workflows/import').set(to.auth).send(exported.body);
    expect(imported.status, imported.text).toBe(201);
    expect(imported.body.variables).toEqual({ created: [], kept: ['REGION'], secretsToSet: ['TOKEN'] });
    expect(imported.body.workflows[0]).toMatchObject({ from: wf.body.id, name: 'reads variables' });
    const vars = (await target.get('/api/variables').set(to.auth)).body.variables;
    expect(vars).toEqual([expect.objectContaining({ name: 'REGION', value: 'us-east' })]);

    // A fresh installation gets the plain one created.
    await target.delete('/api/variables/REGION').set(to.auth).expect(204);
    const again = await target.post('/api/workflows/import').set(to.auth).send(exported.body).expect(201);
    expect(again.body.variables).toEqual({ created: ['REGION'], kept: [], secretsToSet: ['TOKEN'] });
  });

  it('answers 400 for a body that is no bundle, and for a bundle holding sealed credentials', async () => {
    const api = request(to.app.handler);
    const bad = await api.post('/api/workflows/import').set(to.auth).send({ hello: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_REQUEST');
    const sealed = {
      switchyard: 'bundle',
      version: 1,
      exportedAt: new Date().toISOString(),
      workflows: [],
      credentials: { kdf: 'scrypt', N: 16384, r: 8, p: 1, salt: 'AA', cipher: 'aes-256-gcm', iv: 'AA', tag: 'AA', ciphertext: 'AA' },
    };
    const refused = await api.post('/api/workflows/import').set(to.auth).send(sealed);
    expect(refused.status, refused.text).toBe(400);
    const badName = await api
      .post('/api/workflows/import')
      .set(to.auth)
      .send({ ...sealed, credentials: undefined, variables: [{ name: 'bad-name', secret: false, value: 'x' }] });
    expect(badName.status).toBe(400);
  });
});
