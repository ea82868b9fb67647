import { AppError } from '../../shared/errors.js';
import type { Clock } from '../lib/clock.js';
import { newId, newToken } from '../lib/ids.js';
import type { Role, UserRow } from '../store/ports/users.js';
import type { AccountStore } from './account-store.js';
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
  store: AccountStore;
  sessions: Sessions;
  audit: AuditService;
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
  const links = d.store.accountLinks;
  const nameOf = async (id: string | null) => (id ? ((await d.store.users.byId(id))?.name ?? null) : null);

  return {
    async create(actor: Actor, input: { email: string; role: Role; expiresInMs?: number }): Promise<InviteView & { url: string }> {
      const ttl = Math.min(input.expiresInMs ?? d.policy.inviteTtlMs, d.policy.inviteMaxTtlMs);
      const token = newToken(24);
      return d.store.write(async (tx) => {
        const now = d.clock.now();
        if (await tx.users.byEmail(input.email)) throw new AppError('CONFLICT', 409, `${input.email} already has an account.`);
        for (const old of await tx.accountLinks.pending('invite', now)) {
          if (old.email?.toLowerCase() === input.email.toLowerCase()) await tx.accountLinks.revoke(old.id, 'invite', now);
        }
        const id = newId('inv', now);
        const invitedBy = actor.id ? ((await tx.users.byId(actor.id))?.name ?? null) : actor.name;
        const view: InviteView = { id, email: input.email, role: input.role, createdAt: now, expiresAt: now + ttl, invitedBy };
        await tx.accountLinks.insert({
          id,
          kind: 'invite',
          tokenHash: hashToken(token),
          email: input.email,
          role: input.role,
          userId: null,
          createdBy: actor.id,
          createdAt: now,
          expiresAt: view.expiresAt,
        });
        await d.audit.recordIn(tx, { actor, action: 'invite.create', target: { type: 'invite', id, name: input.email }, after: { email: input.email, role: input.role, expiresAt: view.expiresAt } });
        return { ...view, url: `${d.publicUrl}${linkPath.invite}${token}` };
      });
    },

    async list(): Promise<InviteView[]> {
      const pending = await links.pending('invite', d.clock.now());
      return Promise.all(
        pending.map(async (l) => ({ id: l.id, email: l.email ?? '', role: l.role ?? 'viewer', createdAt: l.createdAt, expiresAt: l.expiresAt, invitedBy: await nameOf(l.createdBy) })),
      );
    },

    async revoke(actor: Actor, id: string): Promise<void> {
      await d.store.write(async (tx) => {
        const row = await tx.accountLinks.byId(id, 'invite');
        if (!row || !(await tx.accountLinks.revoke(id, 'invite', d.clock.now()))) throw new AppError('NOT_FOUND', 404, 'There is no pending invitation with this id.');
        await d.audit.recordIn(tx, { actor, action: 'invite.revoke', target: { type: 'invite', id, name: row.email }, before: { email: row.email, role: row.role } });
      });
    },

    /** What the invite page shows before the person accepts. */
    async inspect(token: string): Promise<{ email: string; role: Role; expiresAt: number; invitedBy: string | null }> {
      const row = await usableLink(links, 'invite', token, d.clock.now());
      return { email: row.email ?? '', role: row.role ?? 'viewer', expiresAt: row.expiresAt, invitedBy: await nameOf(row.createdBy) };
    },

    /** Creates the account and its first session; refused once the link was used. */
    async accept(token: string, input: { name: string; password: string }, meta: SessionMeta): Promise<{ token: string; user: PublicUser; expiresAt: number }> {
      await usableLink(links, 'invite', token, d.clock.now());
      const passwordHash = await hashPassword(input.password);
      return d.store.write(async (tx) => {
        const now = d.clock.now();
        // Checked again inside the unit of work: another tab may have used the link meanwhile.
        const link = await usableLink(tx.accountLinks, 'invite', token, now);
        const email = link.email ?? '';
        // The link is taken first: of two simultaneous uses, the second waits on this row and then
        // finds it used (410), whether or not the first's account is visible to it yet. Taken
        // before the email check, a second use on PostgreSQL could see the new account and answer
        // 409. A refusal below undoes the take with the rest of the unit.
        if (!(await tx.accountLinks.use(link.id, now))) throw new AppError('NOT_FOUND', 410, 'This invitation was already used.', { reason: 'used' });
        if (await tx.users.byEmail(email)) throw new AppError('CONFLICT', 409, `${email} already has an account; sign in instead.`);
        const user: UserRow = { id: newId('usr', now), email, name: input.name, role: link.role ?? 'viewer', passwordHash, createdAt: now, passwordChangedAt: null };
        await tx.users.insert(user);
        const session = await d.sessions.startIn(tx, user, meta);
        await d.audit.recordIn(tx, {
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
