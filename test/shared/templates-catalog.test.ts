import { describe, expect, it } from 'vitest';
import { checkExpressionSyntax } from '../../shared/graph/expression-syntax.js';
import { lookupPath, pathSegments } from '../../shared/graph/templates.js';
import { validateWorkflow } from '../../shared/graph/validate-workflow.js';
import { getCredentialType } from '../../shared/credentials/credential-types.js';
import { appCredentialTypes } from '../../shared/nodes/apps/app-credential-types.js';
import { webhookConfigSchema } from '../../shared/nodes/webhook.node.js';
import { getTemplate, summarizeTemplate, templates } from '../../shared/templates/catalog.js';
import { templateCategories, type TemplateSample, type WorkflowTemplate } from '../../shared/templates/define-template.js';
import { instantiateTemplate } from '../../shared/templates/instantiate-template.js';
import { findPlaceholders } from '../../shared/templates/placeholders.js';
import { sampleBodyText, sampleHeaders } from '../../shared/templates/sample-request.js';
import { parseBody } from '../../server/ingest/parse-body.js';
import { exampleCredentials, exampleInputs } from './templates-fixtures.js';
import { reachedNodes, triggerPaths, type TriggerData } from './templates-walk.js';

const instantiate = (t: WorkflowTemplate) => {
  const r = instantiateTemplate(t, { credentials: exampleCredentials(t), inputs: exampleInputs(t) }, { checkExpression: checkExpressionSyntax });
  if (!r.ok) throw new Error(`${t.id}: ${JSON.stringify(r.issues)}`);
  return r.workflow;
};

const triggerOf = (t: WorkflowTemplate) => {
  const hook = instantiate(t).nodes.find((n) => n.type === 'webhook');
  return webhookConfigSchema.parse(hook?.config);
};

/** The trigger data a run would see for a sample: the body parsed as the trigger parses it, lower-case headers. */
function triggerData(t: WorkflowTemplate, s: TemplateSample): TriggerData {
  const headers = Object.fromEntries(Object.entries(sampleHeaders(s)).map(([k, v]) => [k.toLowerCase(), v]));
  const parsed = parseBody(Buffer.from(sampleBodyText(s), 'utf8'), s.contentType, triggerOf(t).bodyFormat);
  if (!parsed.ok) throw new Error(`${t.id}/${s.id}: ${parsed.message}`);
  return { body: parsed.body, headers, query: {}, method: s.method ?? 'POST' };
}

const appTypes = (wf: ReturnType<typeof instantiate>, ids: Set<string>) => wf.nodes.filter((n) => ids.has(n.id) && !['webhook', 'filter', 'branch', 'code', 'delay'].includes(n.type)).map((n) => n.id);

describe('the template catalog', () => {
  it('has at least 12 templates with unique kebab-case ids, known categories and at least one sample each', () => {
    expect(templates.length).toBeGreaterThanOrEqual(12);
    expect(new Set(templates.map((t) => t.id)).size).toBe(templates.length);
    for (const t of templates) {
      expect(t.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(templateCategories).toContain(t.category);
      expect(
        t.samples.some((s) => s.expect === 'acts'),
        t.id,
      ).toBe(true);
      expect(t.description.length, t.id).toBeGreaterThan(40);
      expect(getTemplate(t.id)).toBe(t);
    }
    expect(getTemplate('no-such-template')).toBeUndefined();
  });

  it('covers the use cases the gallery promises', () => {
    const ids = templates.map((t) => t.id);
    for (const id of [
      'stripe-payment-succeeded-slack',
      'stripe-subscription-cancelled-crm-slack',
      'github-pull-request-discord',
      'github-push-deploy-hook',
      'github-issue-teams',
      'shopify-order-hubspot-slack',
      'shopify-low-stock-webhook',
      'pagerduty-incident-slack-teams',
      'twilio-sms-crm-autoreply',
      'form-mailchimp-welcome',
      'abandoned-cart-reminder',
      'uptime-alert-pagerduty',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it.each(templates.map((t) => [t.id, t] as const))('%s: declares exactly the credentials and inputs its graph uses, of known types, never inside code or expressions', (_id, t) => {
    const used = findPlaceholders(t.workflow);
    expect(new Set(used.filter((p) => p.scope === 'credentials').map((p) => p.key))).toEqual(new Set(t.credentials.map((c) => c.key)));
    expect(new Set(used.filter((p) => p.scope === 'inputs').map((p) => p.key))).toEqual(new Set(t.inputs.map((i) => i.key)));
    for (const c of t.credentials) {
      expect(getCredentialType(c.type), `${t.id}: ${c.type}`).toBeDefined();
      expect(c.help.length).toBeGreaterThan(20);
    }
    for (const n of t.workflow.nodes) {
      if (n.type === 'code') expect(findPlaceholders(n.config), `${t.id}/${n.id}: code is not templated`).toEqual([]);
      const strings = JSON.stringify(n.config).match(/\{\{[^}]*\[\[/g);
      expect(strings, `${t.id}/${n.id}: no placeholder inside {{ }}`).toBeNull();
    }
  });

  it.each(templates.map((t) => [t.id, t] as const))('%s: asks for each credential in the type the node that uses it takes', (_id, t) => {
    const typeOf = (key: string) => t.credentials.find((c) => c.key === key)?.type;
    for (const n of t.workflow.nodes) {
      const config = n.config as Record<string, unknown>;
      if (n.type === 'webhook') {
        const auth = config.auth as { kind: string; preset?: string; credentialId: string };
        const key = findPlaceholders(auth.credentialId)[0]?.key ?? '';
        // What server/verify accepts: a webhook secret for every preset, or the app's own credential.
        const fits = auth.kind === 'signature' ? ['webhook-secret', ...(auth.preset === 'twilio' ? ['twilio'] : auth.preset === 'slack' ? ['slack'] : [])] : [auth.kind];
        expect(fits, `${t.id}/${n.id}`).toContain(typeOf(key));
        continue;
      }
      const wanted = appCredentialTypes(n.type, config);
      if (!wanted) continue;
      const key = findPlaceholders(config.credentialId)[0]?.key ?? '';
      expect(wanted, `${t.id}/${n.id}`).toContain(typeOf(key));
    }
  });

  it.each(templates.map((t) => [t.id, t] as const))('%s: instantiates into a valid workflow with the credentials in place', (_id, t) => {
    const wf = instantiate(t);
    const again = validateWorkflow(wf, { checkExpression: checkExpressionSyntax });
    expect(again.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(again.issues, 'no unreachable nodes').toEqual([]);
    const text = JSON.stringify(wf);
    expect(text).not.toMatch(/\[\[(credentials|inputs)\./);
    for (const c of t.credentials) expect(text).toContain(`"cred_${c.key}"`);
    expect(wf.name).toBe(t.name);
  });

  it.each(templates.flatMap((t) => t.samples.map((s) => [`${t.id} / ${s.id}`, t, s] as const)))('%s: the sample fits the trigger and does what it says', (_label, t, s) => {
    const trigger = triggerOf(t);
    expect(trigger.methods).toContain(s.method ?? 'POST');
    expect(trigger.auth.kind).toBe(t.trigger.auth === 'basic' || t.trigger.auth === 'header' ? t.trigger.auth : 'signature');
    const data = triggerData(t, s);
    const wf = instantiate(t);
    const acting = appTypes(wf, reachedNodes(wf, data));
    if (s.expect === 'acts') expect(acting.length, 'reaches an action').toBeGreaterThan(0);
    else expect(acting, 'stops before any action').toEqual([]);
    // Provider conventions: the event header or type names one of the template's events.
    if (t.trigger.auth === 'github') expect(t.trigger.events.some((e) => e.split('.')[0] === data.headers['x-github-event'])).toBe(true);
    if (t.trigger.auth === 'shopify' && s.expect === 'acts') expect(t.trigger.events).toContain(data.headers['x-shopify-topic']);
    if (t.trigger.auth === 'stripe' && s.expect === 'acts') expect(t.trigger.events).toContain(lookupPath(data.body, ['type']));
  });

  it.each(templates.map((t) => [t.id, t] as const))('%s: every trigger field the graph reads exists in an acting sample', (_id, t) => {
    const wf = instantiate(t);
    const samples = t.samples.filter((s) => s.expect === 'acts').map((s) => ({ trigger: triggerData(t, s) }));
    for (const path of triggerPaths(wf)) {
      const keys = pathSegments(path) ?? [];
      expect(
        samples.some((scope) => lookupPath(scope, keys) !== undefined),
        `${t.id}: ${path}`,
      ).toBe(true);
    }
  });

  it('summaries carry what a card, the wizard and the preview need, without configs or samples', () => {
    const s = summarizeTemplate(templates[0] as WorkflowTemplate);
    expect(Object.keys(s).sort()).toEqual(['category', 'credentials', 'description', 'id', 'inputs', 'name', 'nodeTypes', 'preview', 'tags', 'trigger']);
    expect(s.preview.nodes[0]).toEqual({ id: 'stripe', type: 'webhook', label: 'Stripe event', position: { x: 0, y: 0 } });
    expect(JSON.stringify(s)).not.toContain('"config"');
    expect(s.nodeTypes[0]).toBe('webhook');
  });
});
