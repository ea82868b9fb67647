import { z } from 'zod';
import type { TwilioConfig } from '../../../shared/nodes/apps/twilio.node.js';
import type { StepRunner } from '../runner.js';
import type { AppRunnerDeps } from './app-deps.js';
import { appRefusal, field, textReason } from './app-errors.js';
import { callApp } from './app-http.js';
import { asText, credentialSecrets, hideSecrets, renderChecked } from './app-step.js';
import { lazySchema } from '../../../shared/lazy-schema.js';

const text = lazySchema(() => z.preprocess(asText, z.string().trim().min(1, 'rendered empty')));
const rendered = lazySchema(() => z.object({ from: text, to: text, body: z.preprocess(asText, z.string().min(1, 'rendered empty').max(1600, 'an SMS body is at most 1600 characters')) }));

/**
 * The `twilio` step: sends an SMS (POST Messages.json, form-encoded, Basic auth with the
 * account SID and auth token). Twilio errors carry their own code (21211: invalid number…).
 */
export function createTwilioRunner(deps: AppRunnerDeps): StepRunner<TwilioConfig> {
  return {
    async run(config, ctx) {
      const found = await deps.resolveCredential(config.credentialId, ['twilio']);
      if (!found.ok) return { kind: 'failed', error: found.error };
      const c = found.credential;
      const r = await renderChecked(ctx, { from: config.from, to: config.to, body: config.body }, rendered);
      if (!r.ok) return r.outcome;
      const { accountSid, authToken } = c.data;
      const call = await callApp(deps.deliverer, ctx, {
        method: 'POST',
        url: `${deps.baseUrls.twilio}/2010-04-01/Accounts/${accountSid}/Messages.json`,
        headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}` },
        form: { To: r.value.to, From: r.value.from, Body: r.value.body },
      });
      if (call.kind === 'stop') return hideSecrets(call.outcome, credentialSecrets(c, accountSid));
      const a = call.answer;
      const twilioCode = field(a.body, 'code');
      const outcome = a.ok
        ? { kind: 'succeeded' as const, output: a.body, detail: a.detail }
        : appRefusal('Twilio', 'twilio_error', a, {
            reason: field(a.body, 'message') ?? textReason(a.body),
            extra: twilioCode ? { twilioCode: Number(twilioCode), moreInfo: field(a.body, 'more_info') } : {},
          });
      return hideSecrets(outcome, credentialSecrets(c, accountSid));
    },
  };
}
