// The per-request API key lookup reads the key and its user in one row (a LEFT JOIN); this is
// how that row splits, for every storage implementation.
import type { ApiKeyRow, Role, UserRow } from './ports/users.js';

/** The user columns of the key lookup's LEFT JOIN: all null for an installation key. */
export interface OwnerCols {
  ownerId: string | null;
  ownerEmail: string | null;
  ownerName: string | null;
  ownerRole: Role | null;
  ownerPasswordHash: string | null;
  ownerCreatedAt: number | null;
  ownerPasswordChangedAt: number | null;
}

/** The key and its owner (undefined for an installation key, or when the user is gone). */
export function splitKeyOwner(r: ApiKeyRow & OwnerCols): { key: ApiKeyRow; owner: UserRow | undefined } {
  const { ownerId, ownerEmail, ownerName, ownerRole, ownerPasswordHash, ownerCreatedAt, ownerPasswordChangedAt, ...key } = r;
  const owner: UserRow | undefined =
    ownerId === null
      ? undefined
      : {
          id: ownerId,
          email: ownerEmail as string,
          name: ownerName as string,
          role: ownerRole as Role,
          passwordHash: ownerPasswordHash as string,
          createdAt: ownerCreatedAt as number,
          passwordChangedAt: ownerPasswordChangedAt,
        };
  return { key, owner };
}
