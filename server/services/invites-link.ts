import { AppError } from '../../shared/errors.js';
import type { AccountLinkPort, LinkKind, LinkRow } from '../store/ports/users.js';
import { hashToken } from './passwords.js';

const what: Record<LinkKind, string> = { invite: 'invitation', reset: 'password reset link' };

/** The path of a one-time link in the editor; the token is the last segment. */
export const linkPath: Record<LinkKind, string> = { invite: '/invite/', reset: '/reset-password/' };

/**
 * The link behind a token, if it can still be used. Unknown tokens are a 404; used, revoked
 * or expired ones a 410 with a `reason`, so the page can say what to do instead.
 */
export async function usableLink(links: AccountLinkPort, kind: LinkKind, token: string, now: number): Promise<LinkRow> {
  const row = /^[A-Za-z0-9_-]{16,200}$/.test(token) ? await links.byHash(hashToken(token), kind) : undefined;
  if (!row) throw new AppError('NOT_FOUND', 404, `This ${what[kind]} does not exist. Check that the whole link was copied.`);
  const gone = (reason: string, message: string) => new AppError('NOT_FOUND', 410, message, { reason });
  if (row.usedAt !== null) throw gone('used', `This ${what[kind]} was already used. Ask the owner for a new one, or sign in.`);
  if (row.revokedAt !== null) throw gone('revoked', `This ${what[kind]} was withdrawn. Ask the owner for a new one.`);
  if (row.expiresAt <= now) throw gone('expired', `This ${what[kind]} has expired. Ask the owner for a new one.`);
  return row;
}
