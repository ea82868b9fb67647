import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../../shared/errors.js';
import { roleAtLeast, type Principal } from '../services/auth-principal.js';
import { unlistedNeed, type Need, type RouteRight } from './rights.js';
import { createRightsMatcher, type RightsMatch } from './rights-match.js';
import { principalOf } from './require-auth.js';

/** Why a principal may not do something, or null when it may. */
export function refusal(p: Principal, need: Need): AppError | null {
  if (need.kind === 'public') return null;
  if (!roleAtLeast(p.role, need.role)) {
    const who = need.role === 'owner' ? 'an owner' : `an ${need.role} or an owner`;
    return new AppError('FORBIDDEN', 403, `Your role (${p.role}) cannot do this; it takes ${who}.`, { needs: need.role });
  }
  if (need.writes && p.scope === 'read') {
    return new AppError('FORBIDDEN', 403, 'This API key is read-only; use a key with full access to change things.', { needs: 'full-scope' });
  }
  return null;
}

/** The rights-table row a request matched, for the audit recorder further down. */
export const matchOf = (res: Response): RightsMatch | undefined => (res.locals as { rightsMatch?: RightsMatch }).rightsMatch;

/**
 * Checks every authenticated /api request against the rights table before any router runs.
 * An unlisted route needs an owner with full rights, and says so in the log once.
 */
export function enforceRights(table: readonly RouteRight[], logger: Logger): RequestHandler {
  const match = createRightsMatcher(table);
  const warned = new Set<string>();
  return (req: Request, res, next) => {
    if (req.method === 'OPTIONS') return next();
    const found = match(req.method, req.path);
    if (!found && !warned.has(`${req.method} ${req.path}`) && warned.size < 100) {
      warned.add(`${req.method} ${req.path}`);
      logger.warn({ method: req.method, path: req.path }, 'no rights are declared for this route; only owners may call it');
    }
    (res.locals as { rightsMatch?: RightsMatch }).rightsMatch = found;
    const refused = refusal(principalOf(req), found?.right.need ?? unlistedNeed);
    next(refused ?? undefined);
  };
}
