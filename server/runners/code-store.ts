import { z } from 'zod';
import { dataScopes } from '../../shared/nodes/datastore.node.js';
import { scopeOf, type DataResult, type DataStoreService } from '../services/datastore-service.js';
import type { SandboxStoreHandler } from '../sandbox/sandbox-types.js';
import { lazySchema } from '../../shared/lazy-schema.js';

const options = lazySchema(() =>
  z.object({ scope: z.enum(dataScopes).optional(), ttlSeconds: z.number().optional(), limit: z.number().int().min(1).max(1_000).optional(), cursor: z.string().max(2_000).optional() }).nullable(),
);

/** The arguments of each `store.*` helper, as the prelude sends them (prelude/store.js). */
const argsOf = {
  get: z.tuple([z.unknown(), options]),
  set: z.tuple([z.unknown(), z.unknown(), options]),
  increment: z.tuple([z.unknown(), z.unknown(), options]),
  delete: z.tuple([z.unknown(), options]),
  list: z.tuple([z.string().max(2_000), options]),
};
type Op = keyof typeof argsOf;

const reply = (r: DataResult<unknown>) => JSON.stringify(r.ok ? { ok: true, value: r.value } : { ok: false, message: r.error.message });

/**
 * `store.get/set/increment/delete/list` of one code step, over the data store service: the
 * workflow's own entries by default, the project's with `{ scope: 'project' }`. Every failure,
 * bad arguments included, is a reply the code sees as a thrown Error, never a host crash.
 */
export function codeStoreHandler(data: DataStoreService, workflowId: string): SandboxStoreHandler {
  return async (op, argsJson) => {
    if (!Object.prototype.hasOwnProperty.call(argsOf, op)) return reply({ ok: false, error: { code: 'invalid_key', message: `unknown operation "${op}".` } });
    let raw: unknown;
    try {
      raw = JSON.parse(argsJson);
    } catch {
      raw = undefined;
    }
    const parsed = argsOf[op as Op].safeParse(raw);
    if (!parsed.success) return JSON.stringify({ ok: false, message: `bad arguments (${parsed.error.issues[0]?.message ?? 'see the docs'}).` });
    const args = parsed.data;
    const o = args[args.length - 1] as z.infer<typeof options>;
    const scope = scopeOf(o?.scope ?? 'workflow', workflowId);
    switch (op as Op) {
      case 'get': {
        const r = await data.get(scope, args[0]);
        // `undefined` for a missing key: the prelude turns a missing `value` back into it.
        return r.ok ? JSON.stringify({ ok: true, ...(r.value ? { value: r.value.value } : {}) }) : reply(r);
      }
      case 'set': {
        const r = await data.set(scope, args[0], args[1], o?.ttlSeconds);
        return r.ok ? JSON.stringify({ ok: true }) : reply(r);
      }
      case 'increment':
        return reply(await data.increment(scope, args[0], args[1], o?.ttlSeconds));
      case 'delete':
        return reply(await data.remove(scope, args[0]));
      case 'list': {
        const r = await data.list({ scope, prefix: args[0] as string, ...(o?.cursor ? { cursor: o.cursor } : {}), limit: o?.limit ?? 100 });
        return r.ok ? JSON.stringify({ ok: true, value: { items: r.value.items.map((e) => ({ key: e.key, value: e.value, expiresAt: e.expiresAt })), nextCursor: r.value.nextCursor } }) : reply(r);
      }
      default:
        return JSON.stringify({ ok: false, message: `unknown operation "${op}".` });
    }
  };
}
