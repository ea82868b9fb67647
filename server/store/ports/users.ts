/** The roles a person can have, weakest last. */
export const roles = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** What an API key may do on top of its owner's role: everything the owner may, or only read. */
export const keyScopes = ['full', 'read'] as const;
export type KeyScope = (typeof keyScopes)[number];

/** A person who signs in. The password hash never leaves the services that check it. */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  createdAt: number;
  passwordChangedAt: number | null;
}

/** An API key as listed; the key itself is stored only as a hash. */
export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  /** Null for installation keys made with the CLI: they act as an owner. */
  userId: string | null;
  scope: KeyScope;
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
}

/** A signed-in browser. The token itself is never stored, only its hash. */
export interface SessionRow {
  id: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  userAgent: string | null;
  ip: string | null;
}

/** The user behind a live session, with the session's id and times: what a request needs, in one read. */
export type LiveSession = UserRow & { sessionId: string; lastSeenAt: number; expiresAt: number };

export type LinkKind = 'invite' | 'reset';

/** A one-time account link: an invitation (email + role) or a password reset (a user). */
export interface LinkRow {
  id: string;
  kind: LinkKind;
  email: string | null;
  role: Role | null;
  userId: string | null;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  revokedAt: number | null;
}

/** The people of the installation. Removing a user removes their sessions, keys and links with them. */
export interface UserPort {
  count(): Promise<number>;
  countRole(role: Role): Promise<number>;
  /** Rejects with EmailTakenError (./email-taken.ts) on an email that already has an account (emails are unique, case-insensitively). */
  insert(user: Omit<UserRow, 'passwordChangedAt'>): Promise<void>;
  byEmail(email: string): Promise<UserRow | undefined>;
  byId(id: string): Promise<UserRow | undefined>;
  /** Oldest first. */
  list(): Promise<UserRow[]>;
  /** False when there is no such user. */
  setRole(id: string, role: Role): Promise<boolean>;
  setPassword(id: string, hash: string, now: number): Promise<boolean>;
  /** Removes the user with their sessions, API keys and links; false when there was none. */
  remove(id: string): Promise<boolean>;
}

/** API keys, by the hash of the key. A revoked key is gone for every read; an expired one is still listed. */
export interface ApiKeyPort {
  insert(key: ApiKeyRow & { keyHash: string }): Promise<void>;
  /**
   * The unrevoked key with this hash and its user (undefined for an installation key, or when
   * the user is gone): the per-request lookup, one read.
   */
  liveByHash(keyHash: string): Promise<{ key: ApiKeyRow; owner: UserRow | undefined } | undefined>;
  byId(id: string): Promise<ApiKeyRow | undefined>;
  touch(id: string, now: number): Promise<void>;
  /** Every unrevoked key, expired ones too, newest first. */
  list(): Promise<ApiKeyRow[]>;
  listOfUser(userId: string): Promise<ApiKeyRow[]>;
  /** False when the key is unknown or already revoked. */
  revoke(id: string, now: number): Promise<boolean>;
}

/** Cookie sessions: live while before `expiresAt` and seen after `seenAfter` (now minus the idle timeout). */
export interface SessionPort {
  insert(session: SessionRow & { tokenHash: string }): Promise<void>;
  /** The user behind a live session token hash: the per-request lookup, one read. */
  live(tokenHash: string, now: number, seenAfter: number): Promise<LiveSession | undefined>;
  touch(id: string, now: number): Promise<void>;
  /** A user's live sessions, most recently seen first. */
  forUser(userId: string, now: number, seenAfter: number): Promise<SessionRow[]>;
  removeByHash(tokenHash: string): Promise<boolean>;
  /** Removes one of a user's sessions; false when it is not theirs or is gone. */
  removeById(id: string, userId: string): Promise<boolean>;
  /** How many were removed. */
  removeAllOfUser(userId: string): Promise<number>;
  removeOthersOfUser(userId: string, keepId: string): Promise<number>;
  /** Deletes ended sessions; how many. */
  purge(now: number, seenAfter: number): Promise<number>;
}

/** One-time links (invitations, password resets), stored by the hash of their token. */
export interface AccountLinkPort {
  insert(link: Omit<LinkRow, 'usedAt' | 'revokedAt'> & { tokenHash: string }): Promise<void>;
  byHash(tokenHash: string, kind: LinkKind): Promise<LinkRow | undefined>;
  byId(id: string, kind: LinkKind): Promise<LinkRow | undefined>;
  /** Links of a kind that can still be used at `now`, newest first. */
  pending(kind: LinkKind, now: number): Promise<LinkRow[]>;
  /** Marks a link used: a single winner. False when it was used, revoked or expired already. */
  use(id: string, now: number): Promise<boolean>;
  /** False when it was not pending. */
  revoke(id: string, kind: LinkKind, now: number): Promise<boolean>;
  /** Withdraws a user's pending reset links; how many. */
  revokeResetsOf(userId: string, now: number): Promise<number>;
}
