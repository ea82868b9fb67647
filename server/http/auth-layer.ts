import { Router, type Request, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';
import type { AuthService } from '../services/auth-service.js';
import type { AuditTarget } from '../services/audit-targets.js';
import { createAccountRouter } from './auth-account.routes.js';
import { createApiKeysRouter } from './api-keys.routes.js';
import { recordAudit } from './audit-recorder.js';
import { createAuditRouter } from './audit.routes.js';
import { createAuthRouter } from './auth.routes.js';
import { rememberClientAddress } from './auth-cookies.js';
import { checkOrigin, requireCsrfToken } from './csrf.js';
import { requireAuth } from './require-auth.js';
import { rightsTable, type RouteRight } from './rights.js';
import { enforceRights } from './rights-check.js';
import { cors, securityHeaders } from './security-headers.js';
import { createInvitesRouter, createUsersRouter } from './users.routes.js';

export interface AuthLayerDeps {
  auth: AuthService;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  /** Origins allowed to call the API from a browser with a key (CORS_ORIGINS); empty: CORS closed. */
  corsOrigins: readonly string[];
  /** How the audit recorder reads workflows, credentials and runs. */
  auditTargets: Record<string, AuditTarget>;
  /** The caller's address as TRUST_PROXY says to read it; the socket's peer when absent. */
  clientAddress?: (req: Request) => string | null;
  table?: readonly RouteRight[];
}

/** The access-control layer the app mounts, in order. */
export interface AuthLayer {
  /** App-wide, first: security headers and CORS. */
  head: RequestHandler[];
  /** Mounted at /api/auth before the guard: sign-in, setup, one-time links. */
  publicAuth: Router;
  /** Mounted on /api after the public routes: sign-in required, CSRF, rights, audit. */
  guard: RequestHandler[];
  /** Routers behind the guard, by mount path under /api. */
  routers: Record<string, Router>;
}

/**
 * Everything that decides who may do what: sessions and keys, CSRF, the rights table (every
 * /api route after the guard is checked, including routers mounted later), the audit
 * recorder, security headers and CORS.
 */
export function createAuthLayer(d: AuthLayerDeps): AuthLayer {
  const secure = d.publicUrl.startsWith('https:');
  const origin = checkOrigin(d.publicUrl);
  const address = rememberClientAddress(d.clientAddress ?? ((req) => req.socket.remoteAddress ?? null));
  const publicAuth = Router();
  publicAuth.use(address, origin, createAuthRouter({ auth: d.auth, clock: d.clock, secureCookies: secure }));
  return {
    head: [securityHeaders({ https: secure }), cors(d.corsOrigins)],
    publicAuth,
    guard: [address, requireAuth(d.auth), origin, requireCsrfToken, enforceRights(d.table ?? rightsTable, d.logger), recordAudit({ audit: d.auth.audit, targets: d.auditTargets, logger: d.logger })],
    routers: {
      auth: createAccountRouter({ auth: d.auth, secureCookies: secure }),
      'api-keys': createApiKeysRouter({ auth: d.auth, clock: d.clock }),
      users: createUsersRouter(d.auth),
      invites: createInvitesRouter(d.auth),
      audit: createAuditRouter(d.auth.audit),
    },
  };
}
