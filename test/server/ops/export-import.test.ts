import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.js';
import { buildSwitchyard } from '../../../server/main.js';
import { credentialServiceFor } from '../../../server/cli/credential-access.js';
import { cli } from '../../support/server-process.js';
import { databaseEnv, startTestApp } from '../../support/test-app.js';
import { tempDir } from '../../support/temp-dir.js';
import { edge, hookToHttp, node } from '../../support/workflows.js';

// The CLI runs from dist/ (npx tsc -p tsconfig.build.json).
const SECRET = 'gh-secret-for-export-4242';
const files = tempDir('switchyard-bundles-');
let t: Awaited<ReturnType<typeof startTestApp>>;
let source: Record<string, string>;
const pass = join(files.path, 'pass.txt');
const wrong = join(files.path, 'wrong.txt');
const failure = (p: Promise<unknown>) =>
  p.then(
    () => '',
    (e: { stderr?: string }) => e.stderr ?? String(e),
  );

beforeAll(async () => {
  t = await startTestApp();
  source = { ...t.storeEnv, SWITCHYARD_PASSPHRASE: '' };
  writeFileSync(pass, 'correct horse battery staple\n');
  writeFileSync(wrong, 'not the right one at all\n');
  const cred = await request(t.app.handler)
    .post('/api/credentials')
    .set(t.auth)
    .send({ name: 'github', type: 'webhook-secret', data: { secret: SECRET } });
  const signed = {
    name: 'signed',
    nodes: [node('hook', 'webhook', { auth: { kind: 'signature', preset: 'github', credentialId: cred.body.id } }), node('f', 'filter', { rules: [{ field: 'trigger.body', operator: 'exists' }] })],
    edges: [edge('hook', 'f')],
  };
  const a = await request(t.app.handler).post('/api/workflows').set(t.auth).send(signed);
  await request(t.app.handler).post(`/api/workflows/${a.body.id}/activate`).set(t.auth);
  await request(t.app.handler)
    .post('/api/workflows')
    .set(t.auth)
    .send(hookToHttp('http://127.0.0.1:9/x', undefined, 'plain'));
});
afterAll(async () => {
  await t.stop();
  files.cleanup();
});

describe('workflow export --all / import', () => {
  it('exports every workflow without credentials unless asked, and then only encrypted', async () => {
    const plain = join(files.path, 'plain.json');
    expect(await cli(['workflow', 'export', '--all', '--out', plain], source)).toMatch(/Exported 2 workflows \(no credentials\)/);
    const bundle = JSON.parse(readFileSync(plain, 'utf8'));
    expect(bundle).toMatchObject({ switchyard: 'bundle', version: 1 });
    expect(bundle.workflows.map((w: { name: string; active: boolean }) => [w.name, w.active]).sort()).toEqual([
      ['plain', false],
      ['signed', true],
    ]);
    expect(bundle.credentials).toBeUndefined();

    const sealed = join(files.path, 'sealed.json');
    expect(await cli(['workflow', 'export', '--all', '--with-credentials', '--passphrase-file', pass, '--out', sealed], source)).toMatch(/and the credentials \(encrypted\)/);
    const text = readFileSync(sealed, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text).credentials).toMatchObject({ kdf: 'scrypt', cipher: 'aes-256-gcm' });
    expect(await failure(cli(['workflow', 'export', '--all', '--with-credentials', '--out', join(files.path, 'x.json')], source))).toMatch(/needs a passphrase/);
  }, 60_000);

  it('imports a bundle with credentials only with its passphrase, and the imported trigger verifies with the imported secret', async () => {
    const sealed = join(files.path, 'sealed.json');
    const target = tempDir('switchyard-import-');
    const database = await databaseEnv();
    const env = { DATA_DIR: target.path, SWITCHYARD_PASSPHRASE: '', ...database.env };
    try {
      expect(await failure(cli(['workflow', 'import', sealed, '--passphrase-file', wrong], env))).toMatch(/passphrase does not open/);
      expect(await failure(cli(['workflow', 'import', sealed], env))).toMatch(/holds encrypted credentials: give its passphrase/);
      const empty = await credentialServiceFor(loadConfig(env));
      expect(await empty.service.list()).toEqual([]);
      await empty.close();

      const printed = await cli(['workflow', 'import', sealed, '--activate'], { ...env, SWITCHYARD_PASSPHRASE: 'correct horse battery staple' });
      expect(printed).toMatch(/Imported 2 workflows and 1 credentials/);
      const creds = await credentialServiceFor(loadConfig(env));
      const [imported] = await creds.service.list();
      expect((await creds.service.read(imported?.id ?? ''))?.data).toEqual({ secret: SECRET });
      await creds.close();

      // The imported server accepts a request signed with the imported secret on the imported (active) trigger.
      const app = await buildSwitchyard(loadConfig({ ...env, EGRESS_ALLOW: '127.0.0.1/32' }), { logger: pino({ level: 'silent' }) });
      try {
        const { key } = await app.auth.createApiKey('t', null);
        const list = (
          await request(app.handler)
            .get('/api/workflows')
            .set({ authorization: `Bearer ${key}` })
        ).body.workflows as Array<{ name: string; active: boolean; hooks: Array<{ url: string }> }>;
        expect(list).toHaveLength(2);
        const signed = list.find((w) => w.name === 'signed');
        expect(signed?.active).toBe(true);
        expect(list.find((w) => w.name === 'plain')?.active).toBe(false);
        const body = '{"action":"opened"}';
        const sig = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
        const path = new URL(signed?.hooks[0]?.url ?? 'http://x/').pathname;
        const res = await request(app.handler).post(path).set({ 'content-type': 'application/json', 'x-hub-signature-256': sig, 'x-github-delivery': 'd-1', 'x-github-event': 'issues' }).send(body);
        expect(res.status).toBe(202);
      } finally {
        await app.close(1_000);
      }
    } finally {
      await database.drop();
      target.cleanup();
    }
  }, 60_000);

  it('imports a bundle without credentials, or skips the credentials of a sealed one', async () => {
    const target = tempDir('switchyard-import-');
    const database = await databaseEnv();
    const env = { DATA_DIR: target.path, SWITCHYARD_PASSPHRASE: '', ...database.env };
    try {
      expect(await cli(['workflow', 'import', join(files.path, 'plain.json')], env)).toMatch(/Imported 2 workflows and 0 credentials/);
      expect(await cli(['workflow', 'import', join(files.path, 'sealed.json'), '--skip-credentials'], env)).toMatch(/Imported 2 workflows and 0 credentials/);
      const listed = await cli(['workflow', 'export', '--all'], env);
      expect(JSON.parse(listed).workflows).toHaveLength(4);
      // A single definition still imports as before.
      const one = join(files.path, 'one.json');
      writeFileSync(one, JSON.stringify(hookToHttp('http://127.0.0.1:9/y', undefined, 'single')));
      expect((await cli(['workflow', 'import', one], env)).trim()).toMatch(/^wf_/);
    } finally {
      await database.drop();
      target.cleanup();
    }
  }, 60_000);
});
