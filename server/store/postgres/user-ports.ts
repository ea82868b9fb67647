import type { AuditPort } from '../ports/audit.js';
import type { AccountLinkPort, ApiKeyPort, SessionPort, UserPort } from '../ports/users.js';
import type { Access } from './create-postgres-store.js';
import { postgresAccountLinks as links } from './account-link-repo.js';
import { postgresAudit as audit } from './audit-repo.js';
import { postgresSessions as sessions } from './session-repo.js';
import { postgresApiKeys as keys, postgresUsers as users } from './user-repo.js';

/** People, their sessions, API keys and one-time links, and the audit log: each operation one statement. */
export function userPortsOver({ one }: Access): { users: UserPort; apiKeys: ApiKeyPort; sessions: SessionPort; accountLinks: AccountLinkPort; audit: AuditPort } {
  return {
    users: {
      count: () => one((q) => users.count(q)),
      countRole: (role) => one((q) => users.countRole(q, role)),
      insert: (user) => one((q) => users.insert(q, user)),
      byEmail: (email) => one((q) => users.byEmail(q, email)),
      byId: (id) => one((q) => users.byId(q, id)),
      list: () => one((q) => users.list(q)),
      setRole: (id, role) => one((q) => users.setRole(q, id, role)),
      setPassword: (id, hash, now) => one((q) => users.setPassword(q, id, hash, now)),
      remove: (id) => one((q) => users.remove(q, id)),
    },
    apiKeys: {
      insert: (key) => one((q) => keys.insert(q, key)),
      liveByHash: (hash) => one((q) => keys.liveByHash(q, hash)),
      byId: (id) => one((q) => keys.byId(q, id)),
      touch: (id, now) => one((q) => keys.touch(q, id, now)),
      list: () => one((q) => keys.list(q)),
      listOfUser: (userId) => one((q) => keys.listOfUser(q, userId)),
      revoke: (id, now) => one((q) => keys.revoke(q, id, now)),
    },
    sessions: {
      insert: (session) => one((q) => sessions.insert(q, session)),
      live: (hash, now, seenAfter) => one((q) => sessions.live(q, hash, now, seenAfter)),
      touch: (id, now) => one((q) => sessions.touch(q, id, now)),
      forUser: (userId, now, seenAfter) => one((q) => sessions.forUser(q, userId, now, seenAfter)),
      removeByHash: (hash) => one((q) => sessions.removeByHash(q, hash)),
      removeById: (id, userId) => one((q) => sessions.removeById(q, id, userId)),
      removeAllOfUser: (userId) => one((q) => sessions.removeAllOfUser(q, userId)),
      removeOthersOfUser: (userId, keepId) => one((q) => sessions.removeOthersOfUser(q, userId, keepId)),
      purge: (now, seenAfter) => one((q) => sessions.purge(q, now, seenAfter)),
    },
    accountLinks: {
      insert: (link) => one((q) => links.insert(q, link)),
      byHash: (hash, kind) => one((q) => links.byHash(q, hash, kind)),
      byId: (id, kind) => one((q) => links.byId(q, id, kind)),
      pending: (kind, now) => one((q) => links.pending(q, kind, now)),
      use: (id, now) => one((q) => links.use(q, id, now)),
      revoke: (id, kind, now) => one((q) => links.revoke(q, id, kind, now)),
      revokeResetsOf: (userId, now) => one((q) => links.revokeResetsOf(q, userId, now)),
    },
    audit: {
      append: (entry) => one((q) => audit.insert(q, entry)),
      query: (filter) => one((q) => audit.query(q, filter)),
    },
  };
}
