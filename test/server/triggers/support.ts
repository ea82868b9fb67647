import request from 'supertest';
import { storedCount } from '../../support/stored.js';
import { expect } from 'vitest';
import type { startTestApp } from '../../support/test-app.js';
import { edge, node } from '../../support/workflows.js';

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** A clock that runs with real time, and that a test can move forward (to end a grace period). */
export function shiftedClock() {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms: number) => void (offset += ms) };
}

/** Deploys webhook -> filter with the given webhook config, activated; returns its ids and hook path. */
export async function deployHook(t: TestApp, config: Record<string, unknown> = {}, name = 'guarded trigger') {
  const def = {
    name,
    nodes: [node('hook', 'webhook', config), node('check', 'filter', { rules: [{ field: 'trigger.method', operator: 'equals', value: 'POST' }] }, 250)],
    edges: [edge('hook', 'check')],
  };
  const created = await request(t.app.handler).post('/api/workflows').set(t.auth).send(def);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const activated = await request(t.app.handler).post(`/api/workflows/${created.body.id}/activate`).set(t.auth);
  expect(activated.status).toBe(200);
  return { workflowId: created.body.id as string, path: new URL(activated.body.hooks[0].url as string).pathname };
}

/** Rows in a table, to check that a refusal stored nothing. */
export const count = (t: TestApp, table: string) => storedCount(t, table);

/** The trigger panel's view of one trigger. */
export async function triggerView(t: TestApp, workflowId: string, nodeId = 'hook') {
  const res = await request(t.app.handler).get(`/api/workflows/${workflowId}/triggers`).set(t.auth);
  expect(res.status).toBe(200);
  return (res.body.triggers as Array<Record<string, unknown> & { nodeId: string }>).find((x) => x.nodeId === nodeId);
}
