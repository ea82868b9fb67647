import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertN8nWorkflow } from '../../../shared/import/n8n/convert.js';

// What running the corpus end to end showed: each case is a difference from n8n that was fixed.

const load = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/n8n', name), 'utf8')) as { nodes: Array<Record<string, unknown>>; connections: object };
function convert(input: unknown) {
  const r = convertN8nWorkflow(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { ...r, node: (id: string) => r.workflow.nodes.find((n) => n.id === id), edges: r.workflow.edges.map((e) => `${e.source}:${e.sourceHandle ?? 'out'}->${e.target}`) };
}

describe('where n8n data sits after import', () => {
  it('reads the input of an Execute Workflow Trigger and a manual run as trigger.body; a manual run sends one empty item', () => {
    expect(convert(load('20-execute-workflow-trigger.json')).node('enrich')?.config.body).toContain('email: trigger.body.email');
    const manual = convert(load('07-function-legacy.json'));
    expect(manual.node('start')?.config).toEqual({ samplePayload: {} });
    expect(manual.node('function')?.config.code).toContain('const __input = trigger.body;');
  });

  it('reads {} for a node without input in a workflow without trigger (n8n starts it with one empty item)', () => {
    const r = convert(load('28-no-trigger.json'));
    expect(r.node('manual_trigger')?.config).toEqual({ samplePayload: {} });
    expect(r.node('set')?.config.code).toContain('...trigger.body,');
  });

  it('drops the connections of a trigger that is not kept, so the steps after it are not held back', () => {
    const r = convert(load('27-no-trigger-two-triggers.json'));
    expect(r.edges).toEqual(['manual:out->ping', 'ping:out->done']);
    expect(r.report.dropped).toContain('the connection "Schedule" -> "Ping" (from a trigger that is not kept)');
  });

  it('asks for webhook auth credentials of the trigger types (header, basic), not the HTTP Request ones', () => {
    const r = convert(load('25-webhook-auth-http-v1.json'));
    expect(r.node('webhook')?.config.auth).toEqual({ kind: 'header', credentialId: '[[credentials.header_inbound_key]]' });
    const basic = load('25-webhook-auth-http-v1.json');
    (basic.nodes[0]?.parameters as Record<string, unknown>).authentication = 'basicAuth';
    expect(convert(basic).report.credentials.map((c) => `${c.key}:${c.type}`)).toContain('basic_inbound_key:basic');
  });

  it('reads the chosen input after a Merge in "choose branch" mode', () => {
    const wf = load('14-merge-combine-choose.json');
    wf.nodes.push({
      parameters: { method: 'POST', url: 'http://127.0.0.1:9/c', sendBody: true, specifyBody: 'json', jsonBody: '={{ $json }}' },
      name: 'After',
      type: 'n8n-nodes-base.httpRequest',
      typeVersion: 4.2,
      position: [900, 0],
    });
    (wf.connections as Record<string, unknown>).Choose = {
      main: [
        [
          { node: 'By field', type: 'main', index: 1 },
          { node: 'After', type: 'main', index: 0 },
        ],
      ],
    };
    expect(convert(wf).node('after')?.config.body).toBe('{{ input["by_position"] }}');
  });

  it('parses the rendered JSON of Edit Fields in JSON mode, as n8n does', () => {
    const code = String(convert(load('12-set-legacy-raw.json')).node('raw')?.config.code);
    expect(code).toContain("((v) => (typeof v === 'string' ? JSON.parse(v) : v))(`{\n  \"summary\": \"${(input.greeting) ?? ''} x${(input.count) ?? ''}\"\n}`)");
  });

  it('renders undefined as nothing inside text in generated code, and keeps a lone expression typed', () => {
    const code = String(convert(load('12-set-legacy-raw.json')).node('set')?.config.code);
    expect(code).toContain('"greeting": `Hello ${(trigger.body["name"]) ?? \'\'}`,');
    expect(code).toContain('"count": 3,');
  });

  it("translates $workflow.name to the workflow's name and Split In Batches' noItemsLeft to the loop's position", () => {
    expect(convert(load('26-expressions-tour.json')).node('after')?.config.body).toMatchObject({ wf: '{{ "Expression forms tour" }}' });
    expect(JSON.stringify(convert(load('17-split-in-batches-v1.json')).node('done')?.config)).toContain('(steps.splitinbatches.index + 1 >= steps.splitinbatches.total)');
  });

  it('answers "When last node finishes" with a Respond step only when one node ends last', () => {
    const wf = load('25-webhook-auth-http-v1.json');
    (wf.connections as Record<string, unknown>).Webhook = {
      main: [
        [
          { node: 'HTTP Request', type: 'main', index: 0 },
          { node: 'Form post', type: 'main', index: 0 },
        ],
      ],
    };
    (wf.connections as Record<string, unknown>)['HTTP Request'] = { main: [[]] };
    const r = convert(wf);
    expect(r.workflow.nodes.some((n) => n.type === 'respond')).toBe(false);
    expect(r.report.nodes.find((n) => n.nodeId === 'webhook')).toMatchObject({
      fidelity: 'manual',
      notes: expect.arrayContaining([expect.stringContaining('add a Respond step where the answer is ready')]),
    });
  });
});
