import { AppError } from '../../shared/errors.js';
import type { Role, UserPort, UserRow } from '../store/ports/users.js';
import type { AccountStore } from './account-store.js';
import { publicUser, type PublicUser } from './auth-principal.js';
import type { AuditService, Actor } from './audit-service.js';

const notFound = (id: string) => new AppError('NOT_FOUND', 404, `There is no user ${id.slice(0, 100)}; list them with GET /api/users.`);

/**
 * The people of this installation: list, change a role, remove. The last owner can be neither
 * demoted nor removed (checked inside the write's unit of work, so two owners demoting each
 * other at once cannot both succeed). Each change is audited in the same unit.
 */
export function createUsersService(d: { store: AccountStore; audit: AuditService }) {
  const mustGet = async (users: UserPort, id: string): Promise<UserRow> => {
    const u = await users.byId(id);
    if (!u) throw notFound(id);
    return u;
  };
  const keepAnOwner = async (users: UserPort, u: UserRow) => {
    if (u.role === 'owner' && (await users.countRole('owner')) <= 1) {
      throw new AppError('CONFLICT', 409, `${u.name} is the last owner. Make someone else an owner first.`);
    }
  };

  return {
    list: async (): Promise<Array<PublicUser & { createdAt: number }>> => (await d.store.users.list()).map((u) => ({ ...publicUser(u), createdAt: u.createdAt })),
    get: async (id: string): Promise<PublicUser> => publicUser(await mustGet(d.store.users, id)),

    async changeRole(actor: Actor, id: string, role: Role): Promise<PublicUser> {
      return d.store.write(async (tx) => {
        const u = await mustGet(tx.users, id);
        if (u.role === role) return publicUser(u);
        if (role !== 'owner') await keepAnOwner(tx.users, u);
        await tx.users.setRole(id, role);
        const after = { ...publicUser(u), role };
        await d.audit.recordIn(tx, { actor, action: 'user.role_change', target: { type: 'user', id, name: u.email }, before: publicUser(u), after });
        return after;
      });
    },

    /** Removes a user; their sessions, keys and pending reset links stop working in the same commit. */
    async remove(actor: Actor, id: string): Promise<void> {
      await d.store.write(async (tx) => {
        const u = await mustGet(tx.users, id);
        await keepAnOwner(tx.users, u);
        await tx.users.remove(id);
        await d.audit.recordIn(tx, { actor, action: 'user.remove', target: { type: 'user', id, name: u.email }, before: publicUser(u) });
      });
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
