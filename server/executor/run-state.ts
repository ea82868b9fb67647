import type { WorkflowNode } from '../../shared/graph/workflow-schema.js';
import { getNodeType } from '../../shared/nodes/registry.js';
import { webhookConfigSchema } from '../../shared/nodes/webhook.node.js';
import type { WorkflowPort } from '../store/ports/workflows.js';
import { parseBody } from '../ingest/parse-body.js';
import { parsedConfigOf } from '../engine/node-config.js';
import { compileVersion, type CompiledVersion } from '../engine/compiled-version.js';
import type { StoredEvent } from '../engine/records.js';
import type { StepScope } from '../engine/step-types.js';

/**
 * Compiles versions on demand; versions are immutable, so the cache never goes stale, in this
 * process or any other (per-process state that needs no coordination).
 */
export function createVersionCache(workflows: Pick<WorkflowPort, 'getVersion'>, max = 500) {
  const cache = new Map<string, CompiledVersion>();
  return async (workflowId: string, version: number): Promise<CompiledVersion | undefined> => {
    const key = `${workflowId}@${version}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const v = await workflows.getVersion(workflowId, version);
    if (!v) return undefined;
    const trigger = v.definition.nodes.find((n) => getNodeType(n.type)?.kind === 'trigger');
    if (!trigger) return undefined;
    const compiled = compileVersion(v.definition, trigger);
    if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    cache.set(key, compiled);
    return compiled;
  };
}
export type VersionCache = ReturnType<typeof createVersionCache>;

/** The trigger data every step sees, rebuilt from the stored raw request with the same parser ingest used. */
export function triggerData(event: StoredEvent, triggerNode: WorkflowNode): StepScope['trigger'] {
  const config = parsedConfigOf(triggerNode, webhookConfigSchema);
  const format = config.success ? config.data.bodyFormat : 'auto';
  const parsed = parseBody(event.body, event.headers['content-type'], format);
  return {
    method: event.method,
    path: event.path,
    headers: event.headers,
    query: event.query,
    body: parsed.ok ? parsed.body : event.body.toString('utf8'),
  };
}
