import { z } from 'zod';

/**
 * n8n's workflow export, as "Download" in its editor and `n8n export:workflow` write it. Only
 * what the converter reads is checked; everything else (pinData, meta, tags, ids) passes.
 */
export const n8nNodeSchema = z
  .object({
    name: z.string().min(1).max(500),
    type: z.string().min(1).max(300),
    typeVersion: z.number().finite().default(1),
    position: z.tuple([z.number().finite(), z.number().finite()]).default([0, 0]),
    parameters: z.record(z.string(), z.unknown()).default({}),
    /** Credential type -> `{id, name}` of the credential in the n8n instance; the secrets are never in an export. */
    credentials: z.record(z.string(), z.object({ id: z.string().nullish(), name: z.string().default('') }).passthrough()).optional(),
    disabled: z.boolean().optional(),
    notes: z.string().optional(),
  })
  .passthrough();

/** One connection: the target node by name and the index of its input. */
export const n8nConnectionSchema = z.object({ node: z.string(), type: z.string().default('main'), index: z.number().int().min(0).default(0) }).passthrough();

/** Per source node: per connection type (`main`), one list per output index (null when that output is unused). */
export const n8nConnectionsSchema = z.record(z.string(), z.record(z.string(), z.array(z.array(n8nConnectionSchema).nullable())));

export const n8nWorkflowSchema = z
  .object({
    name: z.string().max(500).optional(),
    nodes: z.array(n8nNodeSchema).min(1, 'The export has no nodes.').max(2000),
    connections: n8nConnectionsSchema.default({}),
    pinData: z.unknown().optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();

export type N8nNode = z.infer<typeof n8nNodeSchema>;
export type N8nWorkflow = z.infer<typeof n8nWorkflowSchema>;
