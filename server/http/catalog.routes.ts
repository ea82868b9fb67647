import { Router } from 'express';
import { nodeTypes } from '../../shared/nodes/registry.js';
import type { NodeTypeDescriptor } from '../../shared/nodes/define-node-type.js';
import { describeNodeType } from '../../shared/nodes/describe-node-type.js';

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
