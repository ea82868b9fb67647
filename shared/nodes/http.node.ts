import { z } from 'zod';
import { defineNodeType, singleOutput } from './define-node-type.js';

export const outboundMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

export const httpConfigSchema = z.object({
  method: z.enum(outboundMethods).default('POST'),
  /** May hold `{{ }}` templates; checked against the egress rules when the step runs. */
  url: z.string().min(1).max(8192),
  headers: z.record(z.string().max(256), z.string().max(16_384)).default({}),
  /** A JSON value (templates inside its strings) or a string; objects are sent as JSON. */
  body: z.unknown().optional(),
  /** Total time for one attempt. */
  timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
});
export type HttpConfig = z.infer<typeof httpConfigSchema>;

export const httpNode = defineNodeType({
  type: 'http',
  version: 1,
  title: 'HTTP request',
  description: 'Calls any URL: a webhook, a CRM, an internal API.',
  category: 'actions',
  icon: '🌐',
  kind: 'step',
  outputs: singleOutput,
  configSchema: httpConfigSchema,
  defaults: { method: 'POST', url: 'https://', headers: { 'content-type': 'application/json' }, body: {} },
  summarize: (c) => `${c.method} ${c.url}`,
});
