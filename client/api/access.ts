import { z } from 'zod';
import type { Http } from './http.js';

/** Accounts and access: people, invitations, sessions, keys with scopes, password changes and the audit log. */

const enc = encodeURIComponent;
export const roleSchema = z.enum(['owner', 'editor', 'viewer']);
export type Role = z.infer<typeof roleSchema>;

const user = z.object({ id: z.string(), email: z.string(), name: z.string(), role: roleSchema });
export const memberSchema = user.extend({ createdAt: z.number() });
export type Member = z.infer<typeof memberSchema>;

export const inviteSchema = z.object({ id: z.string(), email: z.string(), role: roleSchema, createdAt: z.number(), expiresAt: z.number(), invitedBy: z.string().nullable() });
export type Invite = z.infer<typeof inviteSchema>;

export const sessionSchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  lastSeenAt: z.number(),
  expiresAt: z.number(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionSchema>;

export const accessKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().nullish(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  scope: z.enum(['full', 'read']),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
  expiresAt: z.number().nullable(),
  expired: z.boolean(),
});
export type AccessKey = z.infer<typeof accessKeySchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.number(),
  actor: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string(), keyId: z.string().nullable(), ip: z.string().nullable() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  changes: z.unknown().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export interface AuditFilter {
  action?: string;
  targetType?: string;
  actorId?: string;
  cursor?: string;
  limit?: number;
}

const signedIn = z.object({ user });
const any = z.unknown();

/** The access calls, over the app's one HTTP client. */
export function createAccessApi({ request, requestMaybe }: Http) {
  return {
    sessions: {
      list: () => request('GET', '/api/auth/sessions', z.object({ sessions: z.array(sessionSchema) })),
      revoke: (id: string) => requestMaybe('DELETE', `/api/auth/sessions/${enc(id)}`, any),
      signOutEverywhere: () => request('POST', '/api/auth/sign-out-everywhere', z.object({ ended: z.number() })),
    },
    changePassword: (body: { currentPassword: string; newPassword: string }) => requestMaybe('PUT', '/api/auth/password', any, { body }),
    keys: {
      list: () => request('GET', '/api/api-keys', z.object({ apiKeys: z.array(accessKeySchema) })),
      create: (body: { name: string; scope: 'full' | 'read'; expiresInDays?: number }) =>
        request('POST', '/api/api-keys', accessKeySchema.partial().extend({ id: z.string(), name: z.string(), key: z.string() }), { body }),
      revoke: (id: string) => requestMaybe('DELETE', `/api/api-keys/${enc(id)}`, any),
    },
    users: {
      list: () => request('GET', '/api/users', z.object({ users: z.array(memberSchema) })),
      setRole: (id: string, role: Role) => request('PATCH', `/api/users/${enc(id)}`, z.object({ user }), { body: { role } }),
      remove: (id: string) => requestMaybe('DELETE', `/api/users/${enc(id)}`, any),
      resetLink: (id: string) => request('POST', `/api/users/${enc(id)}/reset-link`, z.object({ url: z.string(), expiresAt: z.number() })),
    },
    invites: {
      list: () => request('GET', '/api/invites', z.object({ invites: z.array(inviteSchema) })),
      create: (body: { email: string; role: Role; expiresInDays?: number }) => request('POST', '/api/invites', z.object({ invite: inviteSchema.extend({ url: z.string() }) }), { body }),
      revoke: (id: string) => requestMaybe('DELETE', `/api/invites/${enc(id)}`, any),
      inspect: (token: string) =>
        request('GET', `/api/auth/invites/${enc(token)}`, z.object({ invite: z.object({ email: z.string(), role: roleSchema, expiresAt: z.number(), invitedBy: z.string().nullable() }) })),
      accept: (token: string, body: { name: string; password: string }) => request('POST', `/api/auth/invites/${enc(token)}/accept`, signedIn, { body }),
    },
    resets: {
      inspect: (token: string) => request('GET', `/api/auth/resets/${enc(token)}`, z.object({ reset: z.object({ email: z.string(), name: z.string(), expiresAt: z.number() }) })),
      complete: (token: string, password: string) => request('POST', `/api/auth/resets/${enc(token)}`, signedIn, { body: { password } }),
    },
    audit: (f: AuditFilter = {}) => {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') q.set(k, String(v));
      const qs = q.toString();
      return request('GET', `/api/audit${qs ? `?${qs}` : ''}`, z.object({ entries: z.array(auditEntrySchema), nextCursor: z.string().nullable() }));
    },
  };
}
export type AccessApi = ReturnType<typeof createAccessApi>;
