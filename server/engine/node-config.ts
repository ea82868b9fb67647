import type { z } from 'zod';
import type { WorkflowNode } from '../../shared/graph/workflow-schema.js';

type Parsed = z.ZodSafeParseResult<unknown>;

/** Per schema, per node object: a node may be read with more than one schema (a form trigger's body format). */
const parsedBySchema = new WeakMap<z.ZodType, WeakMap<WorkflowNode, Parsed>>();

/**
 * A node's config checked against a schema, once per node object. The nodes of a compiled
 * version are never changed and are shared by every run pinned to it, so the check (for a
 * code step, a full JavaScript parse of its source) is paid once per version, not once per
 * step of every run. The parsed config is shared too: runners read it and never change it.
 */
export function parsedConfigOf<S extends z.ZodType>(node: WorkflowNode, schema: S): z.ZodSafeParseResult<z.output<S>> {
  let byNode = parsedBySchema.get(schema);
  if (!byNode) {
    byNode = new WeakMap();
    parsedBySchema.set(schema, byNode);
  }
  const hit = byNode.get(node);
  if (hit) return hit as z.ZodSafeParseResult<z.output<S>>;
  const parsed = schema.safeParse(node.config);
  byNode.set(node, parsed);
  return parsed;
}
