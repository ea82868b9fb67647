import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { expect } from 'vitest';
import type { ReceivedMail } from '../../support/fakes/smtp-fake.js';
import type { Received } from '../../support/receiver.js';
import type { startTestApp } from '../../support/test-app.js';

/**
 * Runs an n8n fixture end to end as n8n would be run: imported (with the credentials it asks
 * for), saved, triggered (webhook POST, or "Run now" for a manual trigger, a schedule tick or an
 * Execute Workflow Trigger), and what it did compared with what the n8n workflow does, written
 * down next to the fixture in `<name>.expected.json` (see docs/import-from-n8n.md).
 *
 * Addresses: the fixtures call `http://127.0.0.1:9`; the harness points that at its receiver.
 * In an expected file `$RECEIVER` is the receiver's URL, `"$SMTP_PORT"` the SMTP sink's port and
 * `"$RUN_ID"` the id of the run triggered (n8n's `$execution.id`).
 */

export const FIXTURES = join(import.meta.dirname, '../../fixtures/n8n');

/** What one n8n workflow does for one input, as n8n does it. */
export interface FixtureExpectation {
  /** `webhook`: the body POSTed to its URL (and the answer's status, body). `run`: "Run now" with this payload. */
  trigger: { webhook: unknown; headers?: Record<string, string>; status?: number; response?: unknown } | { run: unknown };
  /** The receiver's answers by "METHOD /path?query" (one page), else "METHOD /path" (the query left out); otherwise `200 {"ok":true}`. */
  answers?: Record<string, { status?: number; body: unknown }>;
  /** Credentials to create and pick at import, by the report's key. */
  credentials?: Record<string, { type: string; data: Record<string, unknown> }>;
  /** Switchyard variables to set first (n8n's `$env`). */
  variables?: Record<string, string>;
  /** Called workflows: the step's `n8n:<id>` and the fixture imported for it (as a person picks it). */
  subworkflows?: Record<string, string>;
  /** Moves the server's clock on by this much once the run is waiting (a Wait node's time). */
  advanceClockMs?: number;
  /** How the run ends, and a text its error holds. */
  run: { status: 'succeeded' | 'failed' | 'waiting'; error?: string };
  /** Branches that run side by side: their requests are compared sorted by "METHOD URL" (a stable sort), as their order is not fixed. */
  unordered?: boolean;
  /** Every request the n8n workflow makes, in order: method, URL (path and query), body; headers where they matter. */
  requests: Array<{ method: string; url: string; body?: unknown; headers?: Record<string, string> }>;
  /** Mails sent through the SMTP sink. */
  emails?: Array<{ to: string[]; subject: string; text?: string }>;
  /** Outputs of steps without a request to show it (n8n's node output, as its json or a list of them). */
  outputs?: Record<string, unknown>;
  /** Which steps ran or were skipped, where routing is what the fixture shows; `loop:0/step` inside a loop's first item. */
  statuses?: Record<string, string>;
  /** Where Switchyard does something n8n does not, for this input (also in docs/import-from-n8n.md). */
  differences?: string;
}

export interface Harness {
  t: Awaited<ReturnType<typeof startTestApp>>;
  receiver: { url: string; got: Received[] };
  smtp: { port: number; messages: ReceivedMail[] };
  /** Moves the app's clock on. */
  advance: (ms: number) => void;
}

const expectedPath = (fixture: string) => join(FIXTURES, fixture.replace(/\.json$/, '.expected.json'));

/** True when the fixture has its expected requests written down. */
export const hasExpectation = (fixture: string) => existsSync(expectedPath(fixture));

export function loadExpectation(fixture: string, h: Pick<Harness, 'receiver' | 'smtp'>): FixtureExpectation {
  const text = readFileSync(expectedPath(fixture), 'utf8').replaceAll('$RECEIVER', h.receiver.url).replaceAll('"$SMTP_PORT"', String(h.smtp.port));
  return JSON.parse(text) as FixtureExpectation;
}

/** The fixture as exported by n8n, its `http://127.0.0.1:9` addresses pointed at the receiver. */
export const loadFixture = (fixture: string, receiverUrl: string): object => JSON.parse(readFileSync(join(FIXTURES, fixture), 'utf8').replaceAll('http://127.0.0.1:9', receiverUrl)) as object;

/** `{"$regex": "..."}` in an expected value matches a string by pattern; the rest must be equal. */
export function matcher(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(matcher);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.$regex === 'string' && Object.keys(o).length === 1) return expect.stringMatching(new RegExp(o.$regex));
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, matcher(x)]));
  }
  return v;
}

/** The receiver's answer for a request, from the expected file. */
export function answerFor(answers: FixtureExpectation['answers'] | undefined, r: Received) {
  // "METHOD /path?query" answers that one page of a paginated list; "METHOD /path" every other query.
  const a = answers?.[`${r.method} ${r.url}`] ?? answers?.[`${r.method} ${r.url.split('?')[0] ?? ''}`];
  return a ? { status: a.status ?? 200, body: typeof a.body === 'string' ? a.body : JSON.stringify(a.body) } : { status: 200, body: '{"ok":true}' };
}

/** A request as the expected files write it: JSON bodies parsed, others as text. */
export function seen(r: Received) {
  let body: unknown = r.body === '' ? undefined : r.body;
  if (r.body !== '' && String(r.headers['content-type'] ?? '').includes('json')) body = JSON.parse(r.body) as unknown;
  return { method: r.method, url: r.url, ...(body !== undefined ? { body } : {}) };
}

const api = (h: Harness) => request(h.t.app.handler);

async function createCredentials(h: Harness, wanted: FixtureExpectation['credentials']): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const [key, c] of Object.entries(wanted ?? {})) {
    const res = await api(h)
      .post('/api/credentials')
      .set(h.t.auth)
      .send({ name: `${key} ${Date.now()}`, type: c.type, data: c.data });
    expect(res.status, res.text).toBe(201);
    ids[key] = res.body.id as string;
  }
  return ids;
}

async function setVariables(h: Harness, vars: FixtureExpectation['variables']): Promise<void> {
  for (const [name, value] of Object.entries(vars ?? {})) {
    const res = await api(h).post('/api/variables').set(h.t.auth).send({ name, value });
    if (res.status === 409) await api(h).put(`/api/variables/${name}`).set(h.t.auth).send({ value });
    else expect(res.status, res.text).toBe(201);
  }
}

interface Saved {
  id: string;
  workflow: { nodes: Array<{ id: string; type: string; config: Record<string, unknown> }>; hooks?: Array<{ url: string }> };
}

/** Imports a fixture and saves it, picking its credentials and its called workflows as a person does. */
export async function importFixture(h: Harness, fixture: string, exp: FixtureExpectation): Promise<Saved> {
  await setVariables(h, exp.variables);
  const credentials = await createCredentials(h, exp.credentials);
  const called: Record<string, string> = {};
  for (const [ref, file] of Object.entries(exp.subworkflows ?? {})) called[ref] = (await importFixture(h, file, loadExpectation(file, h))).id;
  const body = { workflow: loadFixture(fixture, h.receiver.url), credentials };
  if (!Object.keys(called).length) {
    const saved = await api(h).post('/api/import/n8n?save=true').set(h.t.auth).send(body);
    expect(saved.status, saved.text).toBe(201);
    return saved.body as Saved;
  }
  // A called workflow is picked in the step by hand: the preview, with the pick, saved as the editor does.
  const preview = await api(h).post('/api/import/n8n').set(h.t.auth).send(body);
  expect(preview.status, preview.text).toBe(200);
  const definition = preview.body.workflow as Saved['workflow'];
  for (const n of definition.nodes) if (n.type === 'subworkflow') n.config.workflowId = called[String(n.config.workflowId)] ?? n.config.workflowId;
  const created = await api(h).post('/api/workflows').set(h.t.auth).send(definition);
  expect(created.status, created.text).toBe(201);
  return { id: created.body.id as string, workflow: definition };
}

interface RunDetail {
  id: string;
  status: string;
  error?: { message?: string };
  steps: Array<{ nodeId: string; status: string; output?: unknown; error?: { message?: string } }>;
}

async function runDetail(h: Harness, runId: string): Promise<RunDetail> {
  return (await api(h).get(`/api/runs/${runId}`).set(h.t.auth)).body as RunDetail;
}

/** Polls the run until it is in one of `statuses` (or 20 s pass); moves the clock on while it waits, when asked. */
async function settle(h: Harness, runId: string, exp: FixtureExpectation): Promise<RunDetail> {
  const end = Date.now() + 20_000;
  let advanced = false;
  for (;;) {
    const run = await runDetail(h, runId);
    const waitingOnClock = run.status === 'waiting' && exp.advanceClockMs !== undefined && !advanced;
    if (waitingOnClock) {
      h.advance(exp.advanceClockMs ?? 0);
      advanced = true;
    } else if (['succeeded', 'failed', 'cancelled'].includes(run.status) || (run.status === exp.run.status && advanced === (exp.advanceClockMs !== undefined)) || Date.now() > end) {
      return run;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Triggers the saved workflow as n8n would be triggered; returns the run once it has ended (or waits as expected). */
export async function trigger(h: Harness, saved: Saved, exp: FixtureExpectation): Promise<RunDetail> {
  let runId: string | undefined;
  if ('webhook' in exp.trigger) {
    const on = await api(h).post(`/api/workflows/${saved.id}/activate`).set(h.t.auth);
    expect(on.status, on.text).toBe(200);
    const path = new URL((on.body.hooks as Array<{ url: string }>)[0]?.url ?? '').pathname;
    const res = await api(h)
      .post(path)
      .set(exp.trigger.headers ?? {})
      .send(exp.trigger.webhook as object);
    expect(res.status, res.text).toBe(exp.trigger.status ?? 202);
    if (exp.trigger.response !== undefined) expect(res.body).toEqual(matcher(exp.trigger.response));
    // A trigger answered by a Respond step answers with that step's body: the run is the workflow's newest.
    runId = (res.body?.runId as string | undefined) ?? ((await api(h).get(`/api/runs?workflowId=${saved.id}&limit=1`).set(h.t.auth)).body.runs?.[0]?.id as string | undefined);
  } else {
    const res = await api(h).post(`/api/workflows/${saved.id}/run`).set(h.t.auth).send({ payload: exp.trigger.run });
    expect(res.status, res.text).toBe(202);
    runId = res.body.runId as string;
  }
  expect(runId, 'the trigger answered without a run id').toEqual(expect.any(String));
  return settle(h, runId ?? '', exp);
}

/** Compares what the run did with what the n8n workflow does. */
export async function compare(h: Harness, run: RunDetail, written: FixtureExpectation, received: Received[], mails: ReceivedMail[]): Promise<void> {
  const exp = JSON.parse(JSON.stringify(written).replaceAll('"$RUN_ID"', JSON.stringify(run.id))) as FixtureExpectation;
  const key = (r: Received) => `${r.method} ${r.url}`;
  const got = exp.unordered ? [...received].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)) : received;
  expect(run.status, JSON.stringify(run.steps.filter((s) => s.error))).toBe(exp.run.status);
  if (exp.run.error !== undefined) expect(JSON.stringify(run.steps.map((s) => s.error?.message ?? ''))).toContain(exp.run.error);
  expect(got.map(seen)).toEqual(matcher(exp.requests.map(({ headers: _h, ...r }) => r)));
  exp.requests.forEach((r, i) => {
    for (const [name, value] of Object.entries(r.headers ?? {})) expect(got[i]?.headers[name.toLowerCase()], `${r.url}: header ${name}`).toEqual(matcher(value));
  });
  expect(mails.map((m) => ({ to: m.rcptTo, subject: m.headers.subject }))).toEqual(matcher((exp.emails ?? []).map(({ text: _t, ...m }) => m)));
  exp.emails?.forEach((m, i) => {
    if (m.text !== undefined) expect(mails[i]?.raw).toContain(m.text);
  });
  for (const [nodeId, output] of Object.entries(exp.outputs ?? {})) {
    expect(run.steps.find((s) => s.nodeId === nodeId)?.output, `the output of ${nodeId}`).toEqual(matcher(output));
  }
  for (const [key, status] of Object.entries(exp.statuses ?? {})) {
    // `loop:0/step` names a step inside a loop's item (its frame); `step` one at the top level.
    const [frame, nodeId] = key.includes('/') ? (key.split('/') as [string, string]) : [undefined, key];
    const steps = frame === undefined ? run.steps : (await runDetail(h, `${run.id}?frame=${encodeURIComponent(frame)}`)).steps;
    expect(steps.find((s) => s.nodeId === nodeId)?.status ?? 'not run', `the status of ${key}`).toBe(status);
  }
}
