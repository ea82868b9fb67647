import { AppError } from '../../shared/errors.js';
import type { Clock } from '../lib/clock.js';
import { newId, newToken } from '../lib/ids.js';
import type { CommitQueue } from '../store/sqlite/commit-queue.js';
import type { UserLinkRepo } from '../store/sqlite/user-link-repo.js';
import type { Role, UserRepo, UserRow } from '../store/sqlite/user-repo.js';
import type { AccessPolicy } from './auth-policy.js';
import { publicUser, type PublicUser } from './auth-principal.js';
import type { SessionMeta, Sessions } from './auth-sessions.js';
import type { Actor, AuditService } from './audit-service.js';
import { linkPath, usableLink } from './invites-link.js';
import { hashPassword, hashToken } from './passwords.js';

/** A pending invitation as the owner sees it (never its token). */
export interface InviteView {
  id: string;
  email: string;
  role: Role;
  createdAt: number;
  expiresAt: number;
  invitedBy: string | null;
}

export interface InvitesDeps {
  users: UserRepo;
  links: UserLinkRepo;
  sessions: Sessions;
  audit: AuditService;
  commits: CommitQueue;
  clock: Clock;
  policy: AccessPolicy;
  publicUrl: string;
}

/**
 * Invitations: the owner creates a one-time link for an email and a role and passes it on;
 * the invitee opens it, picks a name and a password, and is signed in. A newer invitation for
 * the same email withdraws the older one. Using a link is one guarded write, so it works once.
 */
export function createInvites(d: InvitesDeps) {
  const nameOf = (id: string | null) => (id ? (d.users.byId(id)?.name ?? null) : null);

  return {
    async create(actor: Actor, input: { email: string; role: Role; expiresInMs?: number }): Promise<InviteView & { url: string }> {
      const ttl = Math.min(input.expiresInMs ?? d.policy.inviteTtlMs, d.policy.inviteMaxTtlMs);
      const token = newToken(24);
      return d.commits.run(() => {
        const now = d.clock.now();
        if (d.users.byEmail(input.email)) throw new AppError('CONFLICT', 409, `${input.email} already has an account.`);
        for (const old of d.links.pending('invite', now)) if (old.email?.toLowerCase() === input.email.toLowerCase()) d.links.revoke(old.id, 'invite', now);
        const id = newId('inv', now);
        const view: InviteView = { id, email: input.email, role: input.role, createdAt: now, expiresAt: now + ttl, invitedBy: actor.id ? nameOf(actor.id) : actor.name };
        d.links.insert({ id, kind: 'invite', tokenHash: hashToken(token), email: input.email, role: input.role, userId: null, createdBy: actor.id, createdAt: now, expiresAt: view.expiresAt });
        d.audit.recordSync({ actor, action: 'invite.create', target: { type: 'invite', id, name: input.email }, after: { email: input.email, role: input.role, expiresAt: view.expiresAt } });
        return { ...view, url: `${d.publicUrl}${linkPath.invite}${token}` };
      });
    },

    list: (): InviteView[] =>
      d.links.pending('invite', d.clock.now()).map((l) => ({ id: l.id, email: l.email ?? '', role: l.role ?? 'viewer', createdAt: l.createdAt, expiresAt: l.expiresAt, invitedBy: nameOf(l.createdBy) })),

    async revoke(actor: Actor, id: string): Promise<void> {
      await d.commits.run(() => {
        const row = d.links.byId(id, 'invite');
        if (!row || !d.links.revoke(id, 'invite', d.clock.now())) throw new AppError('NOT_FOUND', 404, 'There is no pending invitation with this id.');
        d.audit.recordSync({ actor, action: 'invite.revoke', target: { type: 'invite', id, name: row.email }, before: { email: row.email, role: row.role } });
      });
    },

    /** What the invite page shows before the person accepts. */
    inspect(token: string): { email: string; role: Role; expiresAt: number; invitedBy: string | null } {
      const row = usableLink(d.links, 'invite', token, d.clock.now());
      return { email: row.email ?? '', role: row.role ?? 'viewer', expiresAt: row.expiresAt, invitedBy: nameOf(row.createdBy) };
    },

    /** Creates the account and its first session; refused once the link was used. */
    async accept(token: string, input: { name: string; password: string }, meta: SessionMeta): Promise<{ token: string; user: PublicUser; expiresAt: number }> {
      usableLink(d.links, 'invite', token, d.clock.now());
      const passwordHash = await hashPassword(input.password);
      return d.commits.run(() => {
        const now = d.clock.now();
        // Checked again inside the transaction: another tab may have used the link meanwhile.
        const link = usableLink(d.links, 'invite', token, now);
        const email = link.email ?? '';
        if (d.users.byEmail(email)) throw new AppError('CONFLICT', 409, `${email} already has an account; sign in instead.`);
        if (!d.links.use(link.id, now)) throw new AppError('NOT_FOUND', 410, 'This invitation was already used.', { reason: 'used' });
        const user: UserRow = { id: newId('usr', now), email, name: input.name, role: link.role ?? 'viewer', passwordHash, createdAt: now, passwordChangedAt: null };
        d.users.insertUser(user);
        const session = d.sessions.startSync(user, meta);
        d.audit.recordSync({
          actor: { kind: 'user', id: user.id, name: user.name, keyId: null, ip: meta.ip ?? null },
          action: 'invite.accept',
          target: { type: 'user', id: user.id, name: email },
          after: publicUser(user),
        });
        return { token: session.token, user: publicUser(user), expiresAt: session.expiresAt };
      });
    },
  };
}
export type Invites = ReturnType<typeof createInvites>;
