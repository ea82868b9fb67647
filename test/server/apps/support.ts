import { pino } from 'pino';
import request from 'supertest';
import { expect } from 'vitest';
import { startTestApp } from '../../support/test-app.js';
import { edge, node } from '../../support/workflows.js';

/**
 * startTestApp plus what app tests need: a clock they can move forward (a retry after a 429
 * is at least a minute away) and every log line the app writes, at trace level, for the
 * leak checks.
 */
export async function startAppsApp(env: Record<string, string>) {
  let offset = 0;
  const logs: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logs.push(line) });
  const t = await startTestApp(env, { logger, clock: { now: () => Date.now() + offset } });
  return {
    app: t.app,
    auth: t.auth,
    logs,
    /** Moves the app's clock forward; the worker pool notices within its one-second poll. */
    advance(ms: number) {
      offset += ms;
    },
    stop: () => t.stop(),
  };
}
export type AppsApp = Awaited<ReturnType<typeof startAppsApp>>;

/** Stores a credential through the API and returns its id. */
export async function createCredential(t: AppsApp, type: string, data: Record<string, unknown>, name = `${type} credential`): Promise<string> {
  const res = await request(t.app.handler).post('/api/credentials').set(t.auth).send({ name, type, data });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

/** A run as `GET /api/runs/:id` shows it, with the raw text for leak checks. */
export interface RunView {
  status: string;
  steps: Array<{ nodeId: string; status: string; attempt: number; output: unknown; error: Record<string, unknown> | null; nextAttemptAt: number | null; attempts: Array<Record<string, unknown>> }>;
  text: string;
}

async function readRun(t: AppsApp, runId: string): Promise<RunView> {
  const res = await request(t.app.handler).get(`/api/runs/${runId}`).set(t.auth);
  return { ...res.body, text: res.text };
}

/** Polls the run until `done` says so (by default: finished), or 15 s pass. */
export async function waitRun(t: AppsApp, runId: string, done = (r: RunView) => ['succeeded', 'failed', 'cancelled'].includes(r.status)): Promise<RunView> {
  const end = Date.now() + 15_000;
  for (;;) {
    const run = await readRun(t, runId);
    if (done(run) || Date.now() > end) return run;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Saves and activates `webhook -> <type>` and returns the trigger's path. */
export async function hookTo(t: AppsApp, type: string, config: Record<string, unknown>): Promise<string> {
  const created = await request(t.app.handler)
    .post('/api/workflows')
    .set(t.auth)
    .send({ name: `hook to ${type}`, nodes: [node('hook', 'webhook'), node('act', type, config, 250)], edges: [edge('hook', 'act')] });
  expect(created.status, created.text).toBe(201);
  const activated = await request(t.app.handler).post(`/api/workflows/${created.body.id}/activate`).set(t.auth);
  expect(activated.status, activated.text).toBe(200);
  return new URL(activated.body.hooks[0].url).pathname;
}

/** Posts an event to a trigger path and returns the run id. */
export async function fire(t: AppsApp, hookPath: string, body: unknown): Promise<string> {
  const res = await request(t.app.handler).post(hookPath).set('content-type', 'application/json').send(JSON.stringify(body));
  expect(res.status, res.text).toBe(202);
  return res.body.runId as string;
}

/** Runs `webhook -> <type>` once with `body` and returns the finished run. */
export async function runAction(t: AppsApp, type: string, config: Record<string, unknown>, body: unknown = {}): Promise<RunView> {
  return waitRun(t, await fire(t, await hookTo(t, type, config), body));
}

/** The app step of a run. */
export const actStep = (run: RunView) => {
  const s = run.steps.find((x) => x.nodeId === 'act');
  if (!s) throw new Error(`no act step in ${run.text.slice(0, 500)}`);
  return s;
};

/** Checks that none of the secrets shows in the stored run, the endpoints API or any log line written so far. */
export async function expectNoSecrets(t: AppsApp, runId: string, secrets: readonly string[]): Promise<void> {
  const run = await readRun(t, runId);
  const endpoints = await request(t.app.handler).get('/api/endpoints').set(t.auth);
  const places = { run: run.text, endpoints: endpoints.text, logs: t.logs.join('\n') };
  for (const secret of secrets) {
    for (const [where, text] of Object.entries(places)) expect(text.includes(secret), `${secret} appears in ${where}`).toBe(false);
  }
  // The places really were read: empty texts would pass the loop above.
  expect(run.text).toContain(runId);
  expect(t.logs.length).toBeGreaterThan(0);
}
