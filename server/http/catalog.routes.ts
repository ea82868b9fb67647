import { Router } from 'express';
import { z } from 'zod';
import { nodeTypes } from '../../shared/nodes/registry.js';
import type { NodeTypeDescriptor } from '../../shared/nodes/define-node-type.js';

/** A descriptor as JSON: its config schema as JSON Schema, the summary function left out. */
export function describeNodeType(d: NodeTypeDescriptor) {
  return {
    type: d.type,
    version: d.version,
    title: d.title,
    description: d.description,
    category: d.category,
    icon: d.icon,
    kind: d.kind,
    outputs: d.outputs,
    configSchema: z.toJSONSchema(d.configSchema, { io: 'input', unrepresentable: 'any' }),
    defaults: d.defaults,
  };
}

/** The node-type catalog and the template gallery. Computed once: descriptors do not change at run time. */
export function createCatalogRouter(): Router {
  const r = Router();
  const body = JSON.stringify({ nodeTypes: Object.values(nodeTypes).map((d) => describeNodeType(d as NodeTypeDescriptor)) });
  r.get('/node-types', (_req, res) => {
    res.type('application/json').send(body);
  });
  r.get('/templates', (_req, res) => {
    res.json({ templates: [] });
  });
  return r;
}
