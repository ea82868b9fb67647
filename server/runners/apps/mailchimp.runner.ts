import { createHash } from 'node:crypto';
import { z } from 'zod';
import { mailchimpDatacenter } from '../../../shared/credentials/app-credentials.js';
import type { MailchimpConfig } from '../../../shared/nodes/apps/mailchimp.node.js';
import type { StepOutcome, StepRunner } from '../runner.js';
import type { AppRunnerDeps } from './app-deps.js';
import { appRefusal, field, textReason } from './app-errors.js';
import { callApp, joinDetails, type AppAnswer } from './app-http.js';
import { asText, credentialSecrets, hideSecrets, permanent, renderChecked } from './app-step.js';
import { lazySchema } from '../../../shared/lazy-schema.js';

const text = lazySchema(() => z.preprocess(asText, z.string().trim().min(1, 'rendered empty')));
const rendered = lazySchema(() =>
  z.object({
    listId: text,
    email: text,
    mergeFields: z.record(z.string(), z.unknown()).optional(),
    tags: z.array(z.preprocess(asText, z.string().trim().min(1))).optional(),
  }),
);

/** Mailchimp names a member by the MD5 of the lower-cased email address. */
export const subscriberHash = (email: string): string => createHash('md5').update(email.trim().toLowerCase()).digest('hex');

/** Any user name goes with the API key in Basic auth; this one says who is calling. */
const BASIC_USER = 'switchyard';

/** Mailchimp errors are problem documents: `{type, title, status, detail, instance}`. */
const refusal = (a: AppAnswer): StepOutcome => {
  const title = field(a.body, 'title');
  const detail = field(a.body, 'detail');
  const reason = title && detail ? `${title}: ${detail}` : (title ?? detail ?? textReason(a.body));
  return appRefusal('Mailchimp', 'mailchimp_error', a, { reason, extra: title ? { mailchimpTitle: title } : {} });
};

/**
 * The `mailchimp` step: adds or updates a list member (PUT members/{hash}, so running it twice
 * is harmless), then adds the tags. New members get `status`; existing ones keep theirs
 * unless `applyStatusToExisting`.
 */
export function createMailchimpRunner(deps: AppRunnerDeps): StepRunner<MailchimpConfig> {
  return {
    async run(config, ctx) {
      const found = await deps.resolveCredential(config.credentialId, ['mailchimp']);
      if (!found.ok) return { kind: 'failed', error: found.error };
      const c = found.credential;
      const dc = mailchimpDatacenter(c.data.apiKey);
      if (!dc) return permanent('credential_invalid', `The API key of credential "${c.name}" does not end in its datacenter (…-us21).`);
      const r = await renderChecked(ctx, { listId: config.listId, email: config.email, mergeFields: config.mergeFields, tags: config.tags }, rendered);
      if (!r.ok) return r.outcome;
      const m = r.value;
      const base = `${deps.baseUrls.mailchimp.replaceAll('{dc}', dc)}/3.0/lists/${encodeURIComponent(m.listId)}/members/${subscriberHash(m.email)}`;
      const auth = { authorization: `Basic ${Buffer.from(`${BASIC_USER}:${c.data.apiKey}`).toString('base64')}` };
      const member = {
        email_address: m.email,
        status_if_new: config.status,
        ...(config.applyStatusToExisting ? { status: config.status } : {}),
        ...(m.mergeFields && Object.keys(m.mergeFields).length ? { merge_fields: m.mergeFields } : {}),
      };
      const put = await callApp(deps.deliverer, ctx, { method: 'PUT', url: base, headers: auth, json: member });
      if (put.kind === 'stop') return hideSecrets(put.outcome, credentialSecrets(c, BASIC_USER));
      let outcome: StepOutcome = put.answer.ok ? { kind: 'succeeded', output: put.answer.body, detail: put.answer.detail } : refusal(put.answer);
      if (outcome.kind === 'succeeded' && m.tags?.length) {
        // The member endpoint does not take tags on update; the tags endpoint answers 204.
        const tags = await callApp(deps.deliverer, ctx, { method: 'POST', url: `${base}/tags`, headers: auth, json: { tags: m.tags.map((name) => ({ name, status: 'active' })) }, part: 'tags' });
        if (tags.kind === 'stop') outcome = tags.outcome;
        else if (!tags.answer.ok) outcome = { ...refusal(tags.answer), detail: joinDetails([put.answer.detail, tags.answer.detail]) };
        else outcome = { ...outcome, detail: joinDetails([put.answer.detail, tags.answer.detail]) };
      }
      return hideSecrets(outcome, credentialSecrets(c, BASIC_USER));
    },
  };
}
