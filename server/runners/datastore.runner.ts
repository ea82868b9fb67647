import type { DatastoreConfig } from '../../shared/nodes/datastore.node.js';
import { scopeOf, type DataResult, type DataStoreService } from '../services/datastore-service.js';
import type { StepOutcome, StepRunner } from './runner.js';

/** A data store failure as a step failure: the input is wrong, so another attempt would fail alike. */
const failed = (r: Extract<DataResult<unknown>, { ok: false }>): StepOutcome => ({ kind: 'failed', error: { code: r.error.code, message: r.error.message, retryable: false } });

/** Reads and writes the data store; the output says what the operation found or did. */
export function createDataStoreRunner({ data }: { data: DataStoreService }): StepRunner<DatastoreConfig> {
  return {
    async run(config, ctx) {
      const rendered = await ctx.render({ key: config.key, value: config.value, by: config.by, prefix: config.prefix });
      if (!rendered.ok) return { kind: 'failed', error: rendered.error };
      const { key, value, by, prefix } = rendered.value as { key: unknown; value: unknown; by: unknown; prefix: unknown };
      const scope = scopeOf(config.scope, ctx.workflowId);
      const k = typeof key === 'number' ? String(key) : key;
      switch (config.operation) {
        case 'get': {
          const r = await data.get(scope, k);
          if (!r.ok) return failed(r);
          return { kind: 'succeeded', output: { key: k, found: r.value !== undefined, value: r.value?.value ?? null, expiresAt: r.value?.expiresAt ?? null } };
        }
        case 'set': {
          const r = await data.set(scope, k, value ?? null, config.ttlSeconds);
          return r.ok ? { kind: 'succeeded', output: { key: k, value: r.value.value, expiresAt: r.value.expiresAt } } : failed(r);
        }
        case 'increment': {
          const r = await data.increment(scope, k, by, config.ttlSeconds);
          return r.ok ? { kind: 'succeeded', output: { key: k, value: r.value } } : failed(r);
        }
        case 'delete': {
          const r = await data.remove(scope, k);
          return r.ok ? { kind: 'succeeded', output: { key: k, deleted: r.value } } : failed(r);
        }
        case 'list': {
          const r = await data.list({ scope, prefix: typeof prefix === 'string' ? prefix : String(prefix ?? ''), limit: config.limit });
          if (!r.ok) return failed(r);
          return { kind: 'succeeded', output: { items: r.value.items.map((e) => ({ key: e.key, value: e.value, expiresAt: e.expiresAt })), more: r.value.nextCursor !== null } };
        }
        default: {
          const never: never = config.operation;
          return never;
        }
      }
    },
  };
}
