import { Router } from 'express';
import { nodeTypes } from '../../shared/nodes/registry.js';
import type { NodeTypeDescriptor } from '../../shared/nodes/define-node-type.js';
import { describeNodeType } from '../../shared/nodes/describe-node-type.js';
import { AppError } from '../../shared/errors.js';
import { getTemplate, summarizeTemplate, templates } from '../../shared/templates/catalog.js';
import { computedOnce } from '../lib/computed-once.js';

/**
 * The node-type catalog and the template gallery. Computed once, on the first request: descriptors
 * do not change at run time, and turning every schema into JSON Schema is too slow for start-up.
 */
export function createCatalogRouter(): Router {
  const r = Router();
  const body = computedOnce(() => JSON.stringify({ nodeTypes: Object.values(nodeTypes).map((d) => describeNodeType(d as NodeTypeDescriptor)) }));
  r.get('/node-types', (_req, res) => {
    res.type('application/json').send(body());
  });
  const gallery = computedOnce(() => JSON.stringify({ templates: templates.map(summarizeTemplate) }));
  r.get('/templates', (_req, res) => {
    res.type('application/json').send(gallery());
  });
  r.get('/templates/:id', (req, res) => {
    const t = getTemplate(req.params.id);
    if (!t) throw new AppError('NOT_FOUND', 404, `There is no template "${req.params.id.slice(0, 100)}"; list them with GET /api/templates.`);
    res.json({ ...summarizeTemplate(t), workflow: t.workflow, samples: t.samples });
  });
  return r;
}
