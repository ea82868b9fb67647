import type { AuditPort } from '../ports/audit.js';
import type { AccountLinkPort, ApiKeyPort, SessionPort, UserPort } from '../ports/users.js';
import type { AuditRepo } from './audit-repo.js';
import type { SessionRepo } from './session-repo.js';
import type { UserLinkRepo } from './user-link-repo.js';
import type { UserRepo } from './user-repo.js';
import type { Access } from './create-sqlite-store.js';

/** People, their sessions, API keys and one-time links, and the audit log, over their repositories. */
export function userPortsOver(
  r: { users: UserRepo; sessions: SessionRepo; accountLinks: UserLinkRepo; audit: AuditRepo },
  { read, write }: Access,
): { users: UserPort; apiKeys: ApiKeyPort; sessions: SessionPort; accountLinks: AccountLinkPort; audit: AuditPort } {
  return {
    users: {
      count: () => read(() => r.users.count()),
      countRole: (role) => read(() => r.users.countRole(role)),
      insert: (user) => write(() => r.users.insertUser(user)),
      byEmail: (email) => read(() => r.users.byEmail(email)),
      byId: (id) => read(() => r.users.byId(id)),
      list: () => read(() => r.users.list()),
      setRole: (id, role) => write(() => r.users.setRole(id, role)),
      setPassword: (id, hash, now) => write(() => r.users.setPassword(id, hash, now)),
      remove: (id) => write(() => r.users.removeUser(id)),
    },
    apiKeys: {
      insert: (key) => write(() => r.users.insertKey(key)),
      liveByHash: (hash) => read(() => r.users.liveKey(hash)),
      byId: (id) => read(() => r.users.keyById(id)),
      touch: (id, now) => write(() => r.users.touchKey(id, now)),
      list: () => read(() => r.users.listKeys()),
      listOfUser: (userId) => read(() => r.users.listUserKeys(userId)),
      revoke: (id, now) => write(() => r.users.revokeKey(id, now)),
    },
    sessions: {
      insert: (session) => write(() => r.sessions.insert(session)),
      live: (hash, now, seenAfter) => read(() => r.sessions.live(hash, now, seenAfter)),
      touch: (id, now) => write(() => r.sessions.touch(id, now)),
      forUser: (userId, now, seenAfter) => read(() => r.sessions.forUser(userId, now, seenAfter)),
      removeByHash: (hash) => write(() => r.sessions.removeByHash(hash)),
      removeById: (id, userId) => write(() => r.sessions.removeById(id, userId)),
      removeAllOfUser: (userId) => write(() => r.sessions.removeAllOfUser(userId)),
      removeOthersOfUser: (userId, keepId) => write(() => r.sessions.removeOthersOfUser(userId, keepId)),
      purge: (now, seenAfter) => write(() => r.sessions.purge(now, seenAfter)),
    },
    accountLinks: {
      insert: (link) => write(() => r.accountLinks.insert(link)),
      byHash: (hash, kind) => read(() => r.accountLinks.byHash(hash, kind)),
      byId: (id, kind) => read(() => r.accountLinks.byId(id, kind)),
      pending: (kind, now) => read(() => r.accountLinks.pending(kind, now)),
      use: (id, now) => write(() => r.accountLinks.use(id, now)),
      revoke: (id, kind, now) => write(() => r.accountLinks.revoke(id, kind, now)),
      revokeResetsOf: (userId, now) => write(() => r.accountLinks.revokeResetsOf(userId, now)),
    },
    audit: {
      append: (entry) => write(() => r.audit.insert(entry)),
      query: (q) => read(() => r.audit.query(q)),
    },
  };
}
