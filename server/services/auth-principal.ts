import type { KeyScope, Role, UserRow } from '../store/ports/users.js';

/**
 * Who is calling an API route. `role` is the user's role (an installation key made with the
 * CLI acts as an owner); `scope` narrows a key to reading. Rights are the minimum of both.
 */
export interface Principal {
  kind: 'session' | 'api-key';
  userId: string | null;
  role: Role;
  scope: KeyScope;
  /** The person's name for a session, the key's name for a key. */
  name: string;
  /** The person acting: the user's name, or "installation" for a CLI key without a user. */
  userName: string;
  /** The session's id (not its token) when signed in with a cookie. */
  sessionId?: string;
  /** The key's id when calling with a bearer key. */
  keyId?: string;
}

/** A user as every route may show it: never the password hash. */
export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export const publicUser = (u: UserRow): PublicUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });

const rank: Record<Role, number> = { viewer: 1, editor: 2, owner: 3 };

/** True when `role` has at least the rights of `needed` (viewer < editor < owner). */
export const roleAtLeast = (role: Role, needed: Role): boolean => rank[role] >= rank[needed];
