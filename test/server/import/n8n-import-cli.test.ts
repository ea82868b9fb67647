import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../support/server-process.js';
import { startTestApp } from '../../support/test-app.js';

// The CLI runs from dist/ (npm run build:server).
const fixtures = join(import.meta.dirname, '../../fixtures/n8n');
let t: Awaited<ReturnType<typeof startTestApp>>;
let env: Record<string, string>;
const failure = (p: Promise<unknown>) =>
  p.then(
    () => '',
    (e: { stderr?: string }) => e.stderr ?? String(e),
  );

beforeAll(async () => {
  t = await startTestApp();
  env = t.storeEnv;
});
afterAll(async () => {
  await t.stop();
});

describe('switchyard workflow import --from n8n FILE', () => {
  it('creates the workflow and prints its id and the report', async () => {
    const printed = await cli(['workflow', 'import', '--from', 'n8n', join(fixtures, '22-hubspot-mailchimp.json')], env);
    const id = /^(wf_\S+)\s+Signup -> HubSpot contact, deal, Mailchimp$/m.exec(printed)?.[1];
    expect(id, printed).toBeDefined();
    expect(printed).toMatch(/credential\s+hubspot_hubspot_app: create a "hubspot" credential/);
    expect(printed).toMatch(/credential\s+mailchimp_mailchimp: create a "mailchimp" credential/);
    const saved = await request(t.app.handler)
      .get(`/api/workflows/${id ?? ''}`)
      .set(t.auth);
    expect(saved.status).toBe(200);
    expect(saved.body.definition.nodes.map((n: { type: string }) => n.type)).toEqual(['webhook', 'hubspot', 'hubspot', 'mailchimp']);
  });

  it('--dry-run prints the workflow and report as JSON and saves nothing', async () => {
    const before = (await request(t.app.handler).get('/api/workflows').set(t.auth)).text;
    const printed = JSON.parse(await cli(['workflow', 'import', '--from', 'n8n', '--dry-run', join(fixtures, '03-schedule-http-get.json')], env)) as Array<{
      workflow: { nodes: Array<{ type: string }> };
    }>;
    expect(printed[0]?.workflow.nodes.map((n) => n.type)).toEqual(['schedule', 'http', 'branch', 'http', 'code']);
    expect((await request(t.app.handler).get('/api/workflows').set(t.auth)).text).toBe(before);
  });

  it('refuses what is not an n8n export, and unknown formats', async () => {
    expect(await failure(cli(['workflow', 'import', '--from', 'n8n', join(import.meta.dirname, '../../../package.json')], env))).toMatch(/Not imported:[\s\S]*Not an n8n workflow export/);
    expect(await failure(cli(['workflow', 'import', '--from', 'zapier', join(fixtures, '01-webhook-slack.json')], env))).toMatch(/only "n8n" can be imported from/);
  });

  it('keeps the plain import of API-format files without --from', async () => {
    const file = join(t.config.dataDir, 'plain-workflow.json');
    writeFileSync(file, JSON.stringify({ name: 'plain', nodes: [{ id: 'go', type: 'manual', position: { x: 0, y: 0 }, config: {} }], edges: [] }));
    expect((await cli(['workflow', 'import', file], env)).trim()).toMatch(/^wf_\S+$/);
  });
});
