import type { AuthService } from '../services/auth-service.js';
import { cliActor } from '../services/audit-service.js';

const DAY = 24 * 3600_000;

/**
 * `api-key create`: an installation key (no user) with owner rights unless `--read-only`,
 * optionally expiring; audited as made by the command line. The key is returned once.
 */
export async function createCliApiKey(auth: AuthService, opts: { name: string; readOnly?: boolean; expiresDays?: string }) {
  let expiresAt: number | null = null;
  if (opts.expiresDays !== undefined) {
    const days = Number(opts.expiresDays);
    if (!Number.isInteger(days) || days < 1 || days > 3650) throw new Error('--expires-days takes a whole number of days from 1 to 3650.');
    expiresAt = Date.now() + days * DAY;
  }
  return auth.createApiKey(opts.name, null, { scope: opts.readOnly ? 'read' : 'full', expiresAt }, cliActor);
}
