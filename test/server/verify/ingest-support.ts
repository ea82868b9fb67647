import request from 'supertest';
import { storedCount } from '../../support/stored.js';
import { expect } from 'vitest';
import type { startTestApp } from '../../support/test-app.js';
import { edge, node } from '../../support/workflows.js';

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** Stores a credential through the API and returns its id. */
export async function createCredential(t: TestApp, type: string, data: Record<string, unknown>, name = `${type} credential`): Promise<string> {
  const res = await request(t.app.handler).post('/api/credentials').set(t.auth).send({ name, type, data });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** Deploys webhook -> filter with the given auth, activated; returns the hook path and ids. */
export async function deployTrigger(t: TestApp, auth: Record<string, unknown>, name = 'signed trigger') {
  const def = {
    name,
    nodes: [node('hook', 'webhook', { auth }), node('check', 'filter', { rules: [{ field: 'trigger.method', operator: 'equals', value: 'POST' }] }, 250)],
    edges: [edge('hook', 'check')],
  };
  const created = await request(t.app.handler).post('/api/workflows').set(t.auth).send(def);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const activated = await request(t.app.handler).post(`/api/workflows/${created.body.id}/activate`).set(t.auth);
  expect(activated.status).toBe(200);
  const url = activated.body.hooks[0].url as string;
  return { workflowId: created.body.id as string, url, path: new URL(url).pathname + new URL(url).search };
}

/** Posts raw bytes to a trigger with the given headers. */
export function post(t: TestApp, path: string, body: string | Buffer, headers: Record<string, string>) {
  return request(t.app.handler).post(path).set(headers).send(body);
}

/** Rows in a table (events, runs) for checking that a refusal stored nothing. */
export const count = (t: TestApp, table: string) => storedCount(t, table);
