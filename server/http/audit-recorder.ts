import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { actorOf, type AuditInput, type AuditService } from '../services/audit-service.js';
import type { AuditTarget, Snapshot } from '../services/audit-targets.js';
import { clientIpOf } from './auth-cookies.js';
import { matchOf } from './rights-check.js';
import { principalOf } from './require-auth.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
type End = (...args: unknown[]) => Response;

/** Builds the entry for a successful change from the snapshots around it. */
async function entryFor(req: Request, res: Response, targets: Record<string, AuditTarget>, before: Snapshot | undefined, result: unknown): Promise<AuditInput> {
  const match = matchOf(res);
  const spec = match?.right.audit;
  const actor = actorOf(principalOf(req), clientIpOf(req));
  if (!match || spec === undefined || spec === false || spec === 'service') {
    // A change through a route the table does not describe: at least who, what and when.
    return { actor, action: 'api.request', target: { type: 'route', id: `${req.method} ${match?.right.path ?? req.path.slice(0, 200)}`, name: null } };
  }
  const target = targets[spec.target];
  const fromResult = spec.idFromResult && typeof result === 'object' && result !== null ? (result as Record<string, unknown>)[spec.idFromResult] : undefined;
  const id = match.params[spec.idParam ?? 'id'] ?? (typeof fromResult === 'string' ? fromResult : undefined) ?? null;
  const after = target && id ? await target.snapshot(id) : undefined;
  let record: { before?: unknown; after?: unknown; changes?: unknown } = { before: before?.state, after: after?.state };
  if (before && after && target?.compare) record = target.compare(before, after);
  const requested = target?.request?.(req.body);
  if (requested !== undefined) record.changes = requested;
  if (spec.result) record.after = { ...(typeof record.after === 'object' && record.after !== null ? record.after : {}), ...spec.result(result) };
  return { actor, action: spec.action, target: { type: spec.target, id, name: after?.name ?? before?.name ?? null }, ...record };
}

/**
 * Audits every successful change made through the API. The "before" snapshot is taken before
 * the route runs; when the route answers with a 2xx, the entry is written and committed
 * before the answer leaves, so an acknowledged change always has its audit entry.
 * Runs after `enforceRights`, whose match says what the route is.
 */
export function recordAudit(d: { audit: AuditService; targets: Record<string, AuditTarget>; logger: Logger }): RequestHandler {
  return async (req, res, next) => {
    if (SAFE.has(req.method)) return next();
    const spec = matchOf(res)?.right.audit;
    if (spec === false || spec === 'service') return next();
    const match = matchOf(res);
    const target = spec ? d.targets[spec.target] : undefined;
    const id = spec && match ? match.params[spec.idParam ?? 'id'] : undefined;
    const before = target && id ? await target.snapshot(id) : undefined;

    let result: unknown;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      result = body;
      return json(body);
    };
    const end = res.end.bind(res) as End;
    let ended = false;
    (res as unknown as { end: End }).end = (...args: unknown[]) => {
      if (ended || res.statusCode < 200 || res.statusCode >= 300) return end(...args);
      ended = true;
      const write = async () => {
        let entry: AuditInput;
        try {
          entry = await entryFor(req, res, d.targets, before, result);
        } catch (err) {
          d.logger.error({ err }, 'could not build an audit entry');
          return;
        }
        await d.audit.record(entry).catch((err: unknown) => d.logger.error({ err, action: entry.action }, 'could not write an audit entry'));
      };
      void write().then(() => end(...args));
      return res;
    };
    next();
  };
}
