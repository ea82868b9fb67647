import { z } from 'zod';
import { defineNodeType } from './define-node-type.js';
import { dataScopes } from './datastore.node.js';
import { lazySchema } from '../lazy-schema.js';

/** Longest window a key is remembered: a year, in hours. */
export const MAX_DEDUPE_HOURS = 365 * 24;

export const dedupeConfigSchema = lazySchema(() =>
  z.object({
    key: z.string().min(1).max(2_000).describe('What makes two events the same, e.g. {{ trigger.body.orderId }}.'),
    windowHours: z.number().min(0.001).max(MAX_DEDUPE_HOURS).default(24).meta({ primary: true, description: 'A key seen within this many hours is a duplicate.' }),
    scope: z.enum(dataScopes).default('workflow').meta({ primary: true, description: 'Keys of this workflow only, or shared by every workflow (project).' }),
  }),
);
export type DedupeConfig = z.infer<typeof dedupeConfigSchema>;

/** `new`: the first sighting of the key in the window; `duplicate`: every later one (unconnected: the path ends). */
const dedupeOutputs = [
  { id: 'new', label: 'New' },
  { id: 'duplicate', label: 'Duplicate' },
] as const;

export const dedupeNode = defineNodeType({
  type: 'dedupe',
  version: 1,
  title: 'Dedupe',
  description: 'Continues on "New" only the first time a key is seen within a window; later ones take "Duplicate" (leave it unconnected to stop there).',
  category: 'logic',
  icon: '⧉',
  kind: 'step',
  outputs: dedupeOutputs,
  configSchema: dedupeConfigSchema,
  defaults: { key: '{{ trigger.body.id }}', windowHours: 24, scope: 'workflow' },
  summarize: (c) => `once per ${c.key} in ${c.windowHours} h`,
});
