import request from 'supertest';
import type { RequestListener } from 'node:http';

/** Polls the runs API until the run is finished (or the deadline passes) and returns its detail. */
export async function waitForRun(handler: RequestListener, auth: Record<string, string>, runId: string, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    const res = await request(handler).get(`/api/runs/${runId}`).set(auth);
    if (['succeeded', 'failed', 'cancelled'].includes(res.body.status) || Date.now() > end) return res.body;
    await new Promise((r) => setTimeout(r, 25));
  }
}
