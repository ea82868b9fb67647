import request from 'supertest';
import { expect } from 'vitest';
import type { RequestListener } from 'node:http';
import type { WorkflowDefinitionInput } from '../../shared/graph/workflow-schema.js';
import { waitForRun } from './wait-run.js';

/** Saves and activates a webhook workflow, sends it one JSON event, and returns the finished run's detail. */
export async function runOnce(t: { app: { handler: RequestListener }; auth: Record<string, string> }, wf: WorkflowDefinitionInput, body: unknown) {
  const h = t.app.handler;
  const created = await request(h).post('/api/workflows').set(t.auth).send(wf);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const hook = new URL((await request(h).post(`/api/workflows/${created.body.id}/activate`).set(t.auth)).body.hooks[0].url).pathname;
  const sent = await request(h)
    .post(hook)
    .send(body as object);
  return waitForRun(h, t.auth, sent.body.runId, 30_000);
}
