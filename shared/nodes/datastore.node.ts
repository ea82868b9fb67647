import { z } from 'zod';
import { defineNodeType, singleOutput } from './define-node-type.js';
import { lazySchema } from '../lazy-schema.js';

/** Largest stored value, as JSON text in UTF-8 bytes. */
export const MAX_DATA_VALUE_BYTES = 64 * 1024;
/** Longest key, in characters. */
export const MAX_DATA_KEY_CHARS = 512;
/** Longest time to live: 10 years, in seconds. */
export const MAX_DATA_TTL_SECONDS = 10 * 365 * 24 * 3600;

export const dataOperations = ['get', 'set', 'increment', 'delete', 'list'] as const;
export type DataOperation = (typeof dataOperations)[number];

/** `workflow`: this workflow's own entries. `project`: entries every workflow of the installation shares. */
export const dataScopes = ['workflow', 'project'] as const;
export type DataScope = (typeof dataScopes)[number];

export const datastoreConfigSchema = lazySchema(() =>
  z.object({
    operation: z.enum(dataOperations).default('get').meta({ primary: true }),
    scope: z.enum(dataScopes).default('workflow').meta({ primary: true, description: "Whose memory: this workflow's own, or shared by every workflow (project)." }),
    key: z.string().max(2_000).default('').meta({ primary: true, description: 'The key; templates allowed, e.g. order:{{ trigger.body.id }}. Not used by list.' }),
    /** set: the value to store (JSON; strings may hold templates). */
    value: z.unknown().optional().meta({ primary: true, description: 'set: the value to store (any JSON; templates allowed).' }),
    /** increment: how much to add (negative to subtract); a number or a template. */
    by: z
      .union([z.number(), z.string().max(2_000)])
      .default(1)
      .meta({ primary: true, description: 'increment: the amount to add.' }),
    /** set and increment: the entry expires this many seconds after it is written (increment: after it is created). */
    ttlSeconds: z.number().int().min(1).max(MAX_DATA_TTL_SECONDS).optional().meta({ primary: true, description: 'set, increment: seconds until the entry expires; empty keeps it.' }),
    prefix: z.string().max(2_000).default('').meta({ primary: true, description: 'list: only keys that start with this.' }),
    limit: z.number().int().min(1).max(1_000).default(100).describe('list: most entries returned.'),
  }),
);
export type DatastoreConfig = z.infer<typeof datastoreConfigSchema>;

export const datastoreNode = defineNodeType({
  type: 'datastore',
  version: 1,
  title: 'Data store',
  description: 'Remembers values between runs: get, set, increment, delete or list keys, per workflow or shared, with an optional expiry.',
  category: 'logic',
  icon: '🗄',
  kind: 'step',
  outputs: singleOutput,
  configSchema: datastoreConfigSchema,
  defaults: { operation: 'get', scope: 'workflow', key: 'counter' },
  summarize: (c) => `${c.operation} ${c.operation === 'list' ? `${c.prefix || '(all)'}*` : c.key}${c.scope === 'project' ? ' · shared' : ''}`,
});
