import { z } from 'zod';
import { defineNodeType, singleOutput } from './define-node-type.js';
import { isIpOrCidr } from './ip-ranges.js';
import { lazySchema } from '../lazy-schema.js';

export const MIB = 1024 * 1024;
export const signaturePresets = ['stripe', 'github', 'shopify', 'slack', 'twilio', 'pagerduty', 'standard-webhooks', 'hmac'] as const;

const headerName = lazySchema(() =>
  z
    .string()
    .min(1)
    .max(100)
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'a header name: letters, digits and - _ . only'),
);

/**
 * The generic `hmac` preset: which header carries the signature, how it is computed and
 * encoded, and what is signed (the body, or a template such as `{timestamp}.{body}`).
 */
export const hmacOptionsSchema = lazySchema(() =>
  z
    .object({
      header: headerName.default('x-signature').describe('The header that carries the signature.'),
      algorithm: z.enum(['sha1', 'sha256', 'sha512']).default('sha256'),
      encoding: z.enum(['hex', 'base64']).default('hex'),
      /** Text before the signature, e.g. `sha256=`; removed before comparing. */
      prefix: z.string().max(40).default(''),
      /** `body`: the raw body alone. `template`: the template with {timestamp}, {id}, {url} and {body} filled in. */
      signedContent: z.enum(['body', 'template']).default('body'),
      template: z.string().min(1).max(200).default('{timestamp}.{body}'),
      /** How the secret becomes key bytes: as text (most senders), or decoded from base64 or hex. */
      secretEncoding: z.enum(['utf8', 'base64', 'hex']).default('utf8'),
      timestampHeader: headerName.optional(),
      timestampUnit: z.enum(['seconds', 'milliseconds']).default('seconds'),
      /** Allowed difference between the signed timestamp and now, both ways. */
      toleranceSeconds: z.number().int().min(1).max(86_400).default(300),
      /** When one header may carry several signatures (rotation): what separates them. */
      separator: z.enum([',', ' ', ';']).optional(),
      /** A header with the sender's event id, used as the dedupe key (and as {id} in the template). */
      idHeader: headerName.optional(),
    })
    .superRefine((o, ctx) => {
      if (o.signedContent !== 'template') return;
      if (!o.template.includes('{body}')) ctx.addIssue({ code: 'custom', path: ['template'], message: 'The template must contain {body}.' });
      if (o.template.includes('{timestamp}') && !o.timestampHeader) {
        ctx.addIssue({ code: 'custom', path: ['timestampHeader'], message: 'The template uses {timestamp}: name the header that carries it.' });
      }
      if (o.template.includes('{id}') && !o.idHeader) ctx.addIssue({ code: 'custom', path: ['idHeader'], message: 'The template uses {id}: name the header that carries it.' });
    }),
);
export type HmacOptions = z.infer<typeof hmacOptionsSchema>;

/** How a trigger authenticates its senders; verification is server/verify/. Unknown kinds fail closed. */
export const webhookAuthSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z
      .object({
        kind: z.literal('signature'),
        preset: z.enum(signaturePresets),
        credentialId: z.string().min(1),
        /** Signed-timestamp tolerance for stripe, slack and standard-webhooks (default 300 s, both ways). */
        toleranceSeconds: z.number().int().min(1).max(86_400).optional(),
        /** Options of the `hmac` preset (defaults: `x-signature`, SHA-256, hex, over the body). */
        hmac: hmacOptionsSchema.optional(),
      })
      .catchall(z.unknown()),
    z.object({ kind: z.literal('basic'), credentialId: z.string().min(1) }),
    z.object({ kind: z.literal('header'), credentialId: z.string().min(1), header: z.string().optional() }),
  ]),
);

/** A per-trigger rate limit (a token bucket); without one the server default applies (`TRIGGER_RATE_LIMIT`, 100/s, burst 1,000). */
export const triggerRateLimitSchema = lazySchema(() =>
  z.object({
    requests: z.number().int().min(1).max(1_000_000).describe('Requests allowed per period, on average.'),
    per: z.enum(['second', 'minute']).default('second'),
    burst: z.number().int().min(1).max(1_000_000).optional().describe("Requests that may arrive at once; by default one period's worth."),
  }),
);

// IP parsing lives in ./ip-ranges.ts, apart from this descriptor: the editor loads ipaddr.js after its first screen.
export { isIpOrCidr } from './ip-ranges.js';

const ipRangeSchema = lazySchema(() => z.string().trim().min(1).max(64).refine(isIpOrCidr, 'an IP address or CIDR range, like 203.0.113.0/24 or 2001:db8::/32'));

export const bodyFormats = ['auto', 'json', 'form', 'text', 'raw'] as const;
export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export const webhookConfigSchema = lazySchema(() =>
  z.object({
    /** Methods the trigger URL accepts; others get 405. */
    methods: z.array(z.enum(httpMethods)).min(1).default(['POST']),
    /** How the body is parsed for `trigger.body`; the raw bytes are always kept. */
    bodyFormat: z.enum(bodyFormats).default('auto'),
    /** Largest body accepted, counted on the bytes actually read. */
    maxBodyBytes: z
      .number()
      .int()
      .min(1)
      .max(25 * MIB)
      .default(MIB),
    /** `immediately`: 202 after the durable write. `respond-step`: wait for a Respond step. */
    respond: z.enum(['immediately', 'respond-step']).default('immediately'),
    /** How long a waiting request may wait for its Respond step before it gets the 202 fallback. */
    respondTimeoutMs: z.number().int().min(100).max(30_000).default(10_000),
    auth: webhookAuthSchema.default({ kind: 'none' }),
    /** Requests over this rate get 429 with Retry-After and are not stored. */
    rateLimit: triggerRateLimitSchema.optional(),
    /** When set, only these addresses and CIDR ranges may call the URL; others get 403. */
    allowedIps: z.array(ipRangeSchema).max(200).optional(),
  }),
);
export type WebhookConfig = z.infer<typeof webhookConfigSchema>;

export const webhookNode = defineNodeType({
  type: 'webhook',
  version: 1,
  title: 'Webhook',
  description: 'Starts a run when a request reaches this trigger URL.',
  category: 'triggers',
  icon: '🪝',
  kind: 'trigger',
  outputs: singleOutput,
  configSchema: webhookConfigSchema,
  defaults: {},
  summarize: (c) => `${c.methods.join(', ')} · ${c.respond === 'immediately' ? 'answers 202' : 'waits for Respond'}`,
});
