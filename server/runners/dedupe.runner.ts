import type { DedupeConfig } from '../../shared/nodes/dedupe.node.js';
import { scopeOf, type DataStoreService } from '../services/datastore-service.js';
import type { StepRunner } from './runner.js';

const HOUR_MS = 3_600_000;

/**
 * Passes its input on "new" the first time a key is seen within the window, on "duplicate"
 * otherwise. The check and the mark are one atomic store operation, so of many runs racing
 * with one key exactly one is new; the mark names its run, so a retry of that step stays new.
 */
export function createDedupeRunner({ data }: { data: DataStoreService }): StepRunner<DedupeConfig> {
  return {
    async run(config, ctx) {
      const rendered = await ctx.render(config.key);
      if (!rendered.ok) return { kind: 'failed', error: rendered.error };
      const key = typeof rendered.value === 'string' ? rendered.value : JSON.stringify(rendered.value ?? null);
      if (rendered.value === undefined || rendered.value === null || key === '') {
        return { kind: 'failed', error: { code: 'invalid_key', message: `The dedupe key rendered to ${JSON.stringify(rendered.value ?? null)}; it must give a value to compare.`, retryable: false } };
      }
      const r = await data.firstSighting(`dedupe:${scopeOf(config.scope, ctx.workflowId)}`, key, Math.round(config.windowHours * HOUR_MS), ctx.runId);
      if (!r.ok) return { kind: 'failed', error: { code: r.error.code, message: r.error.message, retryable: false } };
      return { kind: 'succeeded', output: ctx.scope.input, ports: [r.value ? 'new' : 'duplicate'], detail: { key, duplicate: !r.value } };
    },
  };
}
