import { z } from 'zod';
import { defineNodeType, singleOutput } from './define-node-type.js';

export const MIB = 1024 * 1024;
export const signaturePresets = ['stripe', 'github', 'shopify', 'slack', 'twilio', 'pagerduty', 'standard-webhooks', 'hmac'] as const;

/** How a trigger authenticates its senders (verification is the integrations issue; unknown kinds fail closed). */
export const webhookAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z
    .object({ kind: z.literal('signature'), preset: z.enum(signaturePresets), credentialId: z.string().min(1) })
    .catchall(z.unknown()),
  z.object({ kind: z.literal('basic'), credentialId: z.string().min(1) }),
  z.object({ kind: z.literal('header'), credentialId: z.string().min(1), header: z.string().optional() }),
]);

export const bodyFormats = ['auto', 'json', 'form', 'text', 'raw'] as const;
export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export const webhookConfigSchema = z.object({
  /** Methods the trigger URL accepts; others get 405. */
  methods: z.array(z.enum(httpMethods)).min(1).default(['POST']),
  /** How the body is parsed for `trigger.body`; the raw bytes are always kept. */
  bodyFormat: z.enum(bodyFormats).default('auto'),
  /** Largest body accepted, counted on the bytes actually read. */
  maxBodyBytes: z.number().int().min(1).max(25 * MIB).default(MIB),
  /** `immediately`: 202 after the durable write. `respond-step`: wait for a Respond step. */
  respond: z.enum(['immediately', 'respond-step']).default('immediately'),
  /** How long a waiting request may wait for its Respond step before it gets the 202 fallback. */
  respondTimeoutMs: z.number().int().min(100).max(30_000).default(10_000),
  auth: webhookAuthSchema.default({ kind: 'none' }),
});
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
