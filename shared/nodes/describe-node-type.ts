import { z } from 'zod';
import type { NodeTypeDescriptor } from './define-node-type.js';

/** A descriptor as the catalog API sends it: the config schema as JSON Schema, functions left out. */
export function describeNodeType(d: NodeTypeDescriptor) {
  return {
    type: d.type,
    version: d.version,
    title: d.title,
    description: d.description,
    category: d.category,
    icon: d.icon,
    kind: d.kind,
    outputs: [...d.outputs],
    configSchema: z.toJSONSchema(d.configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
    defaults: d.defaults as unknown,
  };
}
