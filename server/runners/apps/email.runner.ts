import { z } from 'zod';
import type { EmailConfig } from '../../../shared/nodes/apps/email.node.js';
import type { ResolveCredential } from '../../credentials/resolve-credential.js';
import type { EgressGuard } from '../../delivery/egress-guard.js';
import type { StepOutcome, StepRunner } from '../runner.js';
import { asText, credentialSecrets, hideSecrets, renderChecked } from './app-step.js';
import { smtpError } from './smtp-errors.js';
import { guardedSmtpSocket } from './smtp-socket.js';
import { lazySchema } from '../../../shared/lazy-schema.js';

/** What the email runner needs: credentials by id and the egress guard that vets the SMTP host. */
export interface EmailRunnerDeps {
  resolveCredential: ResolveCredential;
  guard: EgressGuard;
  connectTimeoutMs?: number;
}

const text = lazySchema(() => z.preprocess(asText, z.string().trim().min(1, 'rendered empty')));
const optionalText = lazySchema(() => z.preprocess((v) => (v === null || v === '' ? undefined : asText(v)), z.string().optional()));
const rendered = lazySchema(() => z.object({ to: text, cc: optionalText, bcc: optionalText, replyTo: optionalText, subject: text, text: z.preprocess(asText, z.string()), html: optionalText }));

/** The Message-ID of a step's email: the same on every attempt, so a retry after a lost answer is recognisable as a duplicate. */
function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'switchyard.invalid';
  return `<${idempotencyKey}@${domain}>`;
}

const addresses = (list: ReadonlyArray<string | { address?: string }>): string[] => list.map((a) => (typeof a === 'string' ? a : (a.address ?? '')));

/**
 * The `email` step: sends one message through the SMTP server of an `smtp` credential
 * (nodemailer, one connection per send). The connection passes the egress guard first.
 */
export function createEmailRunner(deps: EmailRunnerDeps): StepRunner<EmailConfig> {
  const connectTimeoutMs = deps.connectTimeoutMs ?? 15_000;
  return {
    async run(config, ctx) {
      const found = await deps.resolveCredential(config.credentialId, ['smtp']);
      if (!found.ok) return { kind: 'failed', error: found.error };
      const c = found.credential;
      const r = await renderChecked(ctx, { to: config.to, cc: config.cc, bcc: config.bcc, replyTo: config.replyTo, subject: config.subject, text: config.text, html: config.html }, rendered);
      if (!r.ok) return r.outcome;
      const m = r.value;
      const s = c.data;
      const smtp = { host: s.host, port: s.port, secure: s.secure };
      // Loaded on the first email, not at start: most servers never send one.
      const { createTransport } = await import('nodemailer');
      const transport = createTransport({
        ...smtp,
        ...(s.username ? { auth: { user: s.username, pass: s.password ?? '' } } : {}),
        getSocket: guardedSmtpSocket(deps.guard, connectTimeoutMs),
        connectionTimeout: connectTimeoutMs,
        greetingTimeout: connectTimeoutMs,
        socketTimeout: 60_000,
        logger: false,
        debug: false,
      });
      let outcome: StepOutcome;
      try {
        const info = await transport.sendMail({
          from: s.from,
          to: m.to,
          ...(m.cc ? { cc: m.cc } : {}),
          ...(m.bcc ? { bcc: m.bcc } : {}),
          ...(m.replyTo ? { replyTo: m.replyTo } : {}),
          subject: m.subject,
          text: m.text,
          ...(m.html ? { html: m.html } : {}),
          messageId: messageIdFor(ctx.idempotencyKey, s.from),
          signal: ctx.signal,
        });
        outcome = {
          kind: 'succeeded',
          output: { messageId: info.messageId, accepted: addresses(info.accepted), rejected: addresses(info.rejected), response: info.response },
          detail: { smtp },
        };
      } catch (err) {
        outcome = { kind: 'failed', error: smtpError(err), detail: { smtp } };
      } finally {
        transport.close();
      }
      return hideSecrets(outcome, credentialSecrets(c));
    },
  };
}
