import { z } from 'zod';
import { urlProblem } from '../graph/url-check.js';
import { defineNodeType, singleOutput } from './define-node-type.js';
import { DAY_MS, durationSchemaUpTo, durationToMs } from './duration.js';
import { paginationSchema } from './http-pagination.js';
import { lazySchema } from '../lazy-schema.js';

export const outboundMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

const KIB = 1024;

/** A delay: milliseconds as a number, or a string with a unit ("250ms", "5s", "5m", "2h", "1d"), at most 7 days. */
export const durationSchema = lazySchema(() => durationSchemaUpTo(7 * DAY_MS));
export type Duration = z.infer<typeof durationSchema>;
export { durationToMs };

/**
 * Per-step retry settings. `attempts` counts the first one; `schedule[i]` is the wait before
 * attempt i+2 (the last entry repeats). Omitted: the delivery schedule of docs/delivery.md.
 */
export const retrySettingsSchema = lazySchema(() =>
  z.object({
    attempts: z.number().int().min(1).max(20).optional(),
    schedule: z.array(durationSchema).min(1).max(20).optional(),
  }),
);
export type RetrySettings = z.infer<typeof retrySettingsSchema>;

/** A token bucket for the endpoint's origin: deliveries over it wait (never dropped). */
export const rateLimitSchema = lazySchema(() =>
  z.object({
    perSecond: z.number().positive().max(10_000),
    burst: z.number().int().min(1).max(10_000).default(1),
  }),
);
export type RateLimitSettings = z.infer<typeof rateLimitSchema>;

/** Standard Webhooks signing of the body with a secret kept in a credential (type `webhook-secret`). */
export const signingSchema = lazySchema(() =>
  z.object({
    scheme: z.literal('standard-webhooks').default('standard-webhooks'),
    credentialId: z.string().min(1),
  }),
);
export type SigningSettings = z.infer<typeof signingSchema>;

export const httpConfigSchema = lazySchema(() =>
  z.object({
    method: z.enum(outboundMethods).default('POST'),
    /** May hold `{{ }}` templates; checked against the egress rules when the step runs. */
    url: z
      .string()
      .min(1)
      .max(8192)
      .superRefine((url, ctx) => {
        // "https://" alone (the default) is not a URL yet: flagged in the editor, refused on save.
        const problem = urlProblem(url);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    headers: z.record(z.string().max(256), z.string().max(16_384)).default({}),
    /** A JSON value (templates inside its strings) or a string; objects are sent as JSON. */
    body: z.unknown().optional(),
    /** Total time for one attempt (connect, redirects, headers and body). */
    timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
    retry: retrySettingsSchema.optional(),
    /** Redirects are failures unless followed; every hop is checked by the egress guard again. */
    followRedirects: z.boolean().default(false),
    maxRedirects: z.number().int().min(1).max(10).default(5),
    signing: signingSchema.optional(),
    /** A credential of type http-bearer, http-basic, http-header or http-query: its secret is added when the step runs. */
    auth: z.object({ credentialId: z.string().min(1).max(100) }).optional(),
    rateLimit: rateLimitSchema.optional(),
    /** Bytes of the (decoded) response body kept as the step's output; the rest is dropped. */
    responseLimitBytes: z
      .number()
      .int()
      .min(KIB)
      .max(5 * KIB * KIB)
      .default(64 * KIB),
    /** Walks a paginated list API and collects every page's items into `output.items` (docs/workflow-format.md). */
    pagination: paginationSchema.optional(),
  }),
);
export type HttpConfig = z.infer<typeof httpConfigSchema>;

export const httpNode = defineNodeType({
  type: 'http',
  version: 1,
  title: 'HTTP request',
  description: 'Calls any URL: a webhook, a CRM, an internal API. Retries with backoff until the other side is back.',
  category: 'actions',
  icon: '🌐',
  kind: 'step',
  outputs: singleOutput,
  configSchema: httpConfigSchema,
  defaults: { method: 'POST', url: 'https://', headers: { 'content-type': 'application/json' }, body: {} },
  summarize: (c) => `${c.method} ${c.url}`,
});
