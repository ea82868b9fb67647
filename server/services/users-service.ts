import { AppError } from '../../shared/errors.js';
import type { CommitQueue } from '../store/sqlite/commit-queue.js';
import type { Role, UserRepo, UserRow } from '../store/sqlite/user-repo.js';
import { publicUser, type PublicUser } from './auth-principal.js';
import type { AuditService, Actor } from './audit-service.js';

const notFound = (id: string) => new AppError('NOT_FOUND', 404, `There is no user ${id.slice(0, 100)}; list them with GET /api/users.`);

/**
 * The people of this installation: list, change a role, remove. The last owner can be neither
 * demoted nor removed (checked inside the write's transaction, so two owners demoting each
 * other at once cannot both succeed). Each change is audited in the same transaction.
 */
export function createUsersService(d: { users: UserRepo; commits: CommitQueue; audit: AuditService }) {
  const mustGet = (id: string): UserRow => {
    const u = d.users.byId(id);
    if (!u) throw notFound(id);
    return u;
  };
  const keepAnOwner = (u: UserRow) => {
    if (u.role === 'owner' && d.users.countRole('owner') <= 1) {
      throw new AppError('CONFLICT', 409, `${u.name} is the last owner. Make someone else an owner first.`);
    }
  };

  return {
    list: (): Array<PublicUser & { createdAt: number }> => d.users.list().map((u) => ({ ...publicUser(u), createdAt: u.createdAt })),
    get: (id: string): PublicUser => publicUser(mustGet(id)),

    async changeRole(actor: Actor, id: string, role: Role): Promise<PublicUser> {
      return d.commits.run(() => {
        const u = mustGet(id);
        if (u.role === role) return publicUser(u);
        if (role !== 'owner') keepAnOwner(u);
        d.users.setRole(id, role);
        const after = { ...publicUser(u), role };
        d.audit.recordSync({ actor, action: 'user.role_change', target: { type: 'user', id, name: u.email }, before: publicUser(u), after });
        return after;
      });
    },

    /** Removes a user; their sessions, keys and pending reset links stop working in the same commit. */
    async remove(actor: Actor, id: string): Promise<void> {
      await d.commits.run(() => {
        const u = mustGet(id);
        keepAnOwner(u);
        d.users.removeUser(id);
        d.audit.recordSync({ actor, action: 'user.remove', target: { type: 'user', id, name: u.email }, before: publicUser(u) });
      });
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
