import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertN8nWorkflow } from '../../../shared/import/n8n/convert.js';

/** A fixture converted; `edit` changes its text first (a variant of a fixture for one case). */
const convert = (name: string, edit: (text: string) => string = (t) => t) => {
  const r = convertN8nWorkflow(JSON.parse(edit(readFileSync(join(import.meta.dirname, '../../fixtures/n8n', name), 'utf8'))));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const node = (id: string) => r.workflow.nodes.find((n) => n.id === id);
  const entry = (name: string) => r.report.nodes.find((n) => n.n8nName === name);
  const edges = r.workflow.edges.map((e) => `${e.source}:${e.sourceHandle ?? 'out'}->${e.target}`);
  return { ...r, node, entry, edges };
};

describe('n8n node mapping', () => {
  it('turns unknown nodes into steps that fail with "not imported: <type>", keeps sticky notes, drops AI links', () => {
    const r = convert('24-unknown-and-sticky.json');
    expect(r.node('google_sheets')?.config.code).toContain('throw new Error("not imported: n8n-nodes-base.googleSheets")');
    expect(r.entry('Google Sheets')).toMatchObject({ fidelity: 'manual', switchyardType: 'code' });
    expect(r.entry('OpenAI Chat Model')?.fidelity).toBe('manual');
    expect(r.workflow.notes).toEqual([{ id: 'note_1', position: { x: -40, y: -220 }, text: '## Sync\nAppends each signup to the sheet.', width: 320, height: 200 }]);
    expect(r.report.dropped.join('\n')).toContain('"ai_languageModel" connections of "OpenAI Chat Model"');
  });

  it('keeps one trigger, turns the other into a failing placeholder, and passes disabled nodes through', () => {
    const r = convert('27-no-trigger-two-triggers.json');
    expect(r.workflow.nodes.filter((n) => n.type === 'manual').map((n) => n.id)).toEqual(['manual']);
    expect(r.node('schedule')?.config.code).toContain('not imported: a second trigger');
    expect(r.node('ping')).toMatchObject({ type: 'code' });
    expect(String(r.node('ping')?.config.code)).toContain('return input;');
    expect(r.entry('Schedule')?.fidelity).toBe('manual');
  });

  it('adds a manual trigger to a workflow without one', () => {
    const r = convert('28-no-trigger.json');
    expect(r.workflow.nodes[0]).toMatchObject({ id: 'manual_trigger', type: 'manual' });
    expect(r.edges).toEqual(['set:out->get', 'manual_trigger:out->set']);
  });

  it('maps Loop Over Items outputs and drops the loop-back connection', () => {
    const r = convert('16-loop-over-items.json');
    expect(r.edges).toEqual(['webhook:out->users', 'users:out->loop_over_items', 'loop_over_items:done->done', 'loop_over_items:item->post_user']);
    expect(r.report.dropped.join('\n')).toContain('"Post user" -> "Loop Over Items" (n8n\'s loop-back');
  });

  it('maps webhook auth, IPs and reply mode, legacy HTTP query and form bodies', () => {
    const r = convert('25-webhook-auth-http-v1.json');
    expect(r.node('webhook')?.config).toEqual({
      methods: ['POST'],
      respond: 'respond-step',
      auth: { kind: 'header', credentialId: '[[credentials.header_inbound_key]]' },
      allowedIps: ['127.0.0.1', '10.0.0.0/8'],
    });
    expect(r.entry('Webhook')?.notes.join(' ')).toContain('a Respond step after it does the same');
    expect(r.node('respond_with_last_node')?.config).toEqual({ status: 200, headers: {}, body: '{{ [].concat(input.body)[0] }}' });
    expect(r.edges).toContain('form_post:out->respond_with_last_node');
    expect(r.node('http_request')?.config).toMatchObject({
      method: 'POST',
      url: 'http://127.0.0.1:9/legacy?v=1',
      headers: { 'x-trace': "{{ trigger.headers['x-trace'] }}", 'content-type': 'application/json' },
      body: '{{ JSON.stringify(trigger.body) }}',
    });
    expect(r.node('form_post')?.config).toMatchObject({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'id={{ encodeURIComponent((input.body.id)) }}&kind=a%20b' });
    expect(r.report.credentials.map((c) => `${c.key}:${c.type}`)).toEqual(['header_inbound_key:header', 'http_header_outbound_key:http-header']);
  });

  it("fills the HTTP step's auth from n8n's bearer, basic, header and query credentials, and lists each to create", () => {
    const r = convert('29-http-auth-kinds.json');
    const auth = (id: string) => r.node(id)?.config.auth;
    expect([auth('billing_api'), auth('erp'), auth('warehouse'), auth('analytics')]).toEqual([
      { credentialId: '[[credentials.http_bearer_billing_token]]' },
      { credentialId: '[[credentials.http_basic_erp_login]]' },
      { credentialId: '[[credentials.http_header_warehouse_key]]' },
      { credentialId: '[[credentials.http_query_analytics_key]]' },
    ]);
    expect(r.report.credentials.map((c) => [c.key, c.type, c.nodeIds, c.n8nCredentials])).toEqual([
      ['http_bearer_billing_token', 'http-bearer', ['billing_api'], ['Billing token (httpBearerAuth)']],
      ['http_basic_erp_login', 'http-basic', ['erp'], ['ERP login (httpBasicAuth)']],
      ['http_header_warehouse_key', 'http-header', ['warehouse'], ['Warehouse key (httpHeaderAuth)']],
      ['http_query_analytics_key', 'http-query', ['analytics'], ['Analytics key (httpQueryAuth)']],
    ]);
    // The secret never travels in the headers or the URL the import writes.
    expect(r.node('billing_api')?.config.headers).toEqual({ 'content-type': 'application/json' });
  });

  it('reads $execution.id as the run id', () => {
    const r = convert('20-execute-workflow-trigger.json');
    expect(r.node('execute_workflow_trigger')?.type).toBe('subworkflowTrigger');
    expect(r.node('enrich')?.config.body).toBe('{{ { email: trigger.body.email, env: vars.STAGE, run: run.id } }}');
    expect(r.report.expressions).toEqual([]);
    expect(r.entry('Enrich')?.fidelity).not.toBe('manual');
  });

  it('lists what it cannot translate, with the node and the field', () => {
    const r = convert('20-execute-workflow-trigger.json', (t) => t.replace('$execution.id', '$execution.mode'));
    expect(r.node('enrich')?.config.body).toBe('{{ { email: trigger.body.email, env: vars.STAGE, run: $execution.mode } }}');
    expect(r.report.expressions).toEqual([{ nodeId: 'enrich', path: 'jsonBody', note: '$execution (no Switchyard equivalent)' }]);
    expect(r.entry('Enrich')?.fidelity).toBe('manual');
  });

  it('maps Switch v1 outputs by index, with the fallback output', () => {
    const r = convert('10-switch-legacy-and-expression.json');
    expect(r.node('switch')?.config).toEqual({
      cases: [
        { id: 'output0', combinator: 'or', rules: [{ field: '{{ trigger.body.priority }}', operator: 'equals', value: 'high' }] },
        { id: 'output1', combinator: 'or', rules: [{ field: '{{ trigger.body.priority }}', operator: 'equals', value: 'low' }] },
      ],
    });
    expect(r.edges).toEqual(['webhook:out->switch', 'switch:output0->region', 'switch:output1->low', 'switch:fallback->unknown', 'region:output0->eu', 'region:output1->elsewhere']);
    expect(r.node('region')?.config.cases).toHaveLength(2);
  });

  it('maps the app nodes with their parameters and credentials to create', () => {
    const r = convert('23-pagerduty-twilio.json');
    expect(r.node('pagerduty')?.config).toEqual({
      credentialId: '[[credentials.pagerduty_pagerduty]]',
      action: 'trigger',
      summary: '{{ trigger.body.title }}',
      source: 'n8n import',
      severity: 'critical',
      dedupKey: '{{ trigger.body.id }}',
    });
    expect(r.node('resolve')?.config).toMatchObject({ action: 'resolve', dedupKey: '{{ trigger.body.id }}' });
    expect(r.node('twilio')?.config).toEqual({
      credentialId: '[[credentials.twilio_twilio]]',
      from: '+15017122661',
      to: '{{ trigger.body.oncallPhone }}',
      body: "Incident: {{ trigger.body.title ?? '' }}",
    });
    expect(r.report.credentials.find((c) => c.key === 'pagerduty_pagerduty')?.nodeIds).toEqual(['pagerduty', 'resolve']);
  });

  it('maps Merge by fields in every version onto a byField merge, and says what it cannot keep', () => {
    const merged = (typeVersion: number, parameters: Record<string, unknown>) => {
      const wf = {
        name: 'merge variants',
        nodes: [
          { parameters: {}, name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] },
          { parameters: { jsCode: 'return [{ json: { id: 1 } }, { json: { id: 2 } }];' }, name: 'A', type: 'n8n-nodes-base.code', typeVersion: 2, position: [200, -100] },
          { parameters: { url: 'http://127.0.0.1:9/b' }, name: 'B', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [200, 100] },
          { parameters, name: 'Merge', type: 'n8n-nodes-base.merge', typeVersion, position: [400, 0] },
        ],
        connections: {
          Manual: {
            main: [
              [
                { node: 'A', type: 'main', index: 0 },
                { node: 'B', type: 'main', index: 0 },
              ],
            ],
          },
          A: { main: [[{ node: 'Merge', type: 'main', index: 0 }]] },
          B: { main: [[{ node: 'Merge', type: 'main', index: 1 }]] },
        },
      };
      const r = convertN8nWorkflow(wf);
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      expect(r.report.issues).toEqual([]);
      return { config: r.workflow.nodes.find((n) => n.id === 'merge')?.config, entry: r.report.nodes.find((n) => n.n8nName === 'Merge') };
    };
    // v1 "Merge By Key": every item of input 1, enriched; B is an HTTP step, so its items are its body.
    expect(merged(1, { mode: 'mergeByKey', propertyName1: 'id', propertyName2: 'userId' }).config).toEqual({
      mode: 'all',
      combine: 'byField',
      byField: { field1: 'id', field2: 'userId', join: 'left', items2: 'body' },
    });
    // v2: combine (by fields is the default), pairs listed.
    expect(merged(2, { mode: 'combine', mergeByFields: { values: [{ field1: 'id', field2: 'ref' }] }, joinMode: 'keepEverything' }).config?.byField).toMatchObject({
      field1: 'id',
      field2: 'ref',
      join: 'outer',
    });
    // v3: one string of fields; Keep Matches is the default.
    expect(merged(3, { mode: 'combine', fieldsToMatchString: 'id', options: {} }).config?.byField).toMatchObject({ field1: 'id', field2: 'id', join: 'inner' });
    expect(merged(3.2, { mode: 'combine', combineBy: 'combineByFields', fieldsToMatchString: 'id', joinMode: 'enrichInput2' }).config?.byField).toMatchObject({ join: 'right' });
    // Two pairs: the first is matched, and a hand is asked for.
    const two = merged(3, {
      mode: 'combine',
      advanced: true,
      mergeByFields: {
        values: [
          { field1: 'id', field2: 'id' },
          { field1: 'day', field2: 'date' },
        ],
      },
    });
    expect(two.entry?.fidelity).toBe('manual');
    expect(two.entry?.notes.join(' ')).toContain('only the first pair');
    // Keep Non-Matches has no equivalent: kept by step, needs a hand.
    const non = merged(3, { mode: 'combine', fieldsToMatchString: 'id', joinMode: 'keepNonMatches' });
    expect(non.config).toEqual({ mode: 'all', combine: 'byStep' });
    expect(non.entry?.fidelity).toBe('manual');
    // Combine by position is mapped in both spellings.
    expect(merged(2, { mode: 'combine', combinationMode: 'mergeByPosition' }).config).toEqual({ mode: 'all', combine: 'merge' });
    expect(merged(1, { mode: 'mergeByIndex' }).config).toEqual({ mode: 'all', combine: 'merge' });
  });
});
