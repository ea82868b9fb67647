import { z } from 'zod';
import type { HubspotConfig } from '../../../shared/nodes/apps/hubspot.node.js';
import type { StepContext, StepOutcome, StepRunner } from '../runner.js';
import { appToken, type AppRunnerDeps } from './app-deps.js';
import { appRefusal, field, textReason } from './app-errors.js';
import { callApp, joinDetails, type AppAnswer } from './app-http.js';
import { asText, credentialSecrets, hideSecrets, permanent, renderChecked } from './app-step.js';

/** HubSpot's own association type of a deal to a contact (HUBSPOT_DEFINED "deal_to_contact"). */
export const DEAL_TO_CONTACT = 3;

const optionalText = z.preprocess((v) => (v === null || v === '' ? undefined : asText(v)), z.string().trim().optional());
const rendered = z.object({
  email: optionalText,
  dealName: optionalText,
  amount: optionalText,
  pipeline: optionalText,
  dealStage: optionalText,
  contactEmail: optionalText,
  properties: z.record(z.string(), z.unknown()).optional(),
});
type Settings = z.output<typeof rendered>;

/** HubSpot takes every property value as text; an empty value clears the property. */
function propertyValues(props: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === undefined) continue;
    out[k] = v === null ? '' : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  }
  return out;
}

/** HubSpot errors: `{status: "error", message, category, correlationId}`. */
const refusal = (a: AppAnswer): StepOutcome =>
  appRefusal('HubSpot', 'hubspot_error', a, {
    reason: field(a.body, 'message') ?? textReason(a.body),
    extra: { ...(field(a.body, 'category') ? { category: field(a.body, 'category') } : {}), ...(field(a.body, 'correlationId') ? { correlationId: field(a.body, 'correlationId') } : {}) },
  });

async function upsertContact(deps: AppRunnerDeps, ctx: StepContext, token: string, s: Settings): Promise<StepOutcome> {
  if (!s.email) return permanent('invalid_field', '"email" rendered empty: upsertContact needs the contact\'s email.', { field: 'email' });
  const call = await callApp(deps.deliverer, ctx, {
    method: 'POST',
    url: `${deps.baseUrls.hubspot}/crm/v3/objects/contacts/batch/upsert`,
    headers: { authorization: `Bearer ${token}` },
    json: { inputs: [{ idProperty: 'email', id: s.email, properties: propertyValues(s.properties) }] },
  });
  if (call.kind === 'stop') return call.outcome;
  const a = call.answer;
  if (!a.ok) return refusal(a);
  const results = (a.body as { results?: unknown })?.results;
  const contact = Array.isArray(results) ? (results[0] as unknown) : undefined;
  if (a.status === 207 || typeof contact !== 'object' || contact === null) {
    const errors = (a.body as { errors?: Array<{ message?: unknown }> })?.errors;
    const reason = Array.isArray(errors) && typeof errors[0]?.message === 'string' ? errors[0].message : 'no contact in the answer';
    return appRefusal('HubSpot', 'hubspot_error', a, { reason, retryable: false });
  }
  return { kind: 'succeeded', output: contact, detail: a.detail };
}

async function createDeal(deps: AppRunnerDeps, ctx: StepContext, token: string, s: Settings): Promise<StepOutcome> {
  if (!s.dealName) return permanent('invalid_field', '"dealName" rendered empty: createDeal needs a deal name.', { field: 'dealName' });
  const auth = { authorization: `Bearer ${token}` };
  const details: Record<string, unknown>[] = [];
  let contactId: string | undefined;
  if (s.contactEmail) {
    const url = `${deps.baseUrls.hubspot}/crm/v3/objects/contacts/${encodeURIComponent(s.contactEmail)}?idProperty=email`;
    const lookup = await callApp(deps.deliverer, ctx, { method: 'GET', url, headers: auth, part: 'contact' });
    if (lookup.kind === 'stop') return lookup.outcome;
    details.push(lookup.answer.detail);
    if (lookup.answer.status === 404) {
      return {
        kind: 'failed',
        error: {
          code: 'hubspot_contact_not_found',
          status: 404,
          retryable: false,
          message: `HubSpot has no contact with the email ${s.contactEmail}; create it first (upsertContact), then associate.`,
        },
        detail: lookup.answer.detail,
      };
    }
    if (!lookup.answer.ok) return refusal(lookup.answer);
    contactId = field(lookup.answer.body, 'id');
    if (!contactId) return appRefusal('HubSpot', 'hubspot_error', lookup.answer, { reason: 'the contact has no id', retryable: false });
  }
  const properties = {
    dealname: s.dealName,
    ...(s.amount ? { amount: s.amount } : {}),
    ...(s.pipeline ? { pipeline: s.pipeline } : {}),
    ...(s.dealStage ? { dealstage: s.dealStage } : {}),
    ...propertyValues(s.properties),
  };
  const associations = contactId ? [{ to: { id: contactId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: DEAL_TO_CONTACT }] }] : undefined;
  const call = await callApp(deps.deliverer, ctx, {
    method: 'POST',
    url: `${deps.baseUrls.hubspot}/crm/v3/objects/deals`,
    headers: auth,
    json: { properties, ...(associations ? { associations } : {}) },
  });
  if (call.kind === 'stop') return call.outcome;
  details.push(call.answer.detail);
  const outcome = call.answer.ok ? { kind: 'succeeded' as const, output: call.answer.body } : refusal(call.answer);
  return { ...outcome, detail: joinDetails(details) };
}

/** The `hubspot` step: create or update a contact by email, or create a deal associated with a contact. */
export function createHubspotRunner(deps: AppRunnerDeps): StepRunner<HubspotConfig> {
  return {
    async run(config, ctx) {
      const found = await deps.resolveCredential(config.credentialId, ['hubspot', 'oauth2']);
      if (!found.ok) return { kind: 'failed', error: found.error };
      const c = found.credential;
      const token = await appToken(deps, c.type === 'oauth2' ? c : { type: c.type, token: c.data.accessToken });
      if (!token.ok) return { kind: 'failed', error: token.error };
      const r = await renderChecked(
        ctx,
        {
          email: config.email,
          dealName: config.dealName,
          amount: config.amount,
          pipeline: config.pipeline,
          dealStage: config.dealStage,
          contactEmail: config.contactEmail,
          properties: config.properties,
        },
        rendered,
      );
      if (!r.ok) return r.outcome;
      let outcome: StepOutcome;
      switch (config.operation) {
        case 'upsertContact':
          outcome = await upsertContact(deps, ctx, token.token, r.value);
          break;
        case 'createDeal':
          outcome = await createDeal(deps, ctx, token.token, r.value);
          break;
        default: {
          const unreachable: never = config.operation;
          return unreachable;
        }
      }
      return hideSecrets(outcome, [...credentialSecrets(c), ...token.secrets]);
    },
  };
}
