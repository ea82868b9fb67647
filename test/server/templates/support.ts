import request from 'supertest';
import { expect } from 'vitest';
import { getTemplate } from '../../../shared/templates/catalog.js';
import type { TemplateSample, WorkflowTemplate } from '../../../shared/templates/define-template.js';
import { sampleBodyText, sampleHeaders } from '../../../shared/templates/sample-request.js';
import { startTestApp } from '../../support/test-app.js';
import { waitForRun } from '../../support/wait-run.js';
import type { Signer } from './signers.js';

export type TemplateApp = Awaited<ReturnType<typeof startTestApp>>;
export { startTestApp };

/** The template with this id; fails the test when the catalog lacks it. */
export function template(id: string): WorkflowTemplate {
  const t = getTemplate(id);
  if (!t) throw new Error(`no template ${id}`);
  return t;
}

/** The template's sample with this id. */
export function sample(t: WorkflowTemplate, id: string): TemplateSample {
  const s = t.samples.find((x) => x.id === id);
  if (!s) throw new Error(`${t.id} has no sample ${id}`);
  return s;
}

/** Stores a credential through the API and returns its id. */
export async function createCredential(t: TemplateApp, type: string, data: Record<string, unknown>, name = `${type} credential`): Promise<string> {
  const res = await request(t.app.handler).post('/api/credentials').set(t.auth).send({ name, type, data });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

/** Instantiates a template through the API, activated; returns the workflow and its trigger URL. */
export async function instantiate(t: TemplateApp, id: string, credentials: Record<string, string>, inputs: Record<string, unknown> = {}) {
  const res = await request(t.app.handler).post(`/api/templates/${id}/instantiate`).set(t.auth).send({ credentials, inputs, activate: true });
  expect(res.status, res.text).toBe(201);
  expect(res.body.active).toBe(true);
  const url = res.body.hooks[0].url as string;
  return { workflowId: res.body.id as string, url, path: new URL(url).pathname, definition: res.body.definition as { nodes: Array<{ id: string; type: string }> } };
}

/** Sends a sample to the trigger exactly as the provider would: its headers, its body bytes, signed by `sign`. */
export async function deliver(t: TemplateApp, hook: { url: string; path: string }, s: TemplateSample, sign: Signer, extra: Record<string, string> = {}) {
  const body = sampleBodyText(s);
  const headers = { ...sampleHeaders(s), ...(await sign(s, body, hook.url)), ...extra };
  return request(t.app.handler).post(hook.path).set(headers).send(body);
}

/** Delivers a sample, expects it accepted (202), waits for the run and returns it. */
export async function deliverAndRun(t: TemplateApp, hook: { url: string; path: string }, s: TemplateSample, sign: Signer) {
  const res = await deliver(t, hook, s, sign);
  expect(res.status, res.text).toBe(202);
  return runOf(t, res.body.runId as string);
}

export interface RunStep {
  nodeId: string;
  status: string;
  output: unknown;
  error: unknown;
}

/** Waits for a run to finish and returns it with its steps by node id. */
export async function runOf(t: TemplateApp, runId: string, ms = 20_000) {
  const run = (await waitForRun(t.app.handler, t.auth, runId, ms)) as { status: string; steps: RunStep[] };
  const step = (id: string) => run.steps.find((s) => s.nodeId === id);
  const statuses = Object.fromEntries(run.steps.map((s) => [s.nodeId, s.status]));
  return { ...run, step, statuses, text: JSON.stringify(run) };
}

/** The text of a single-part email as a person reads it: quoted-printable or base64 undone. */
export function mailText(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split);
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(head)?.[1]?.toLowerCase();
  // SMTP ends DATA with a line break that is not part of the text.
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8').trimEnd();
  if (encoding !== 'quoted-printable') return body.replace(/\r\n/g, '\n').trimEnd();
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8').replace(/\r\n/g, '\n').trimEnd();
}
