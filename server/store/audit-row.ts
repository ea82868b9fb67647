// How an audit entry maps to the columns of audit_log, for every storage implementation (both
// store the same columns, JSON as text).
import { readJson, writeJson } from './json-column.js';
import type { ActorKind, AuditEntry } from './ports/audit.js';

/** An audit_log row as stored. */
export interface AuditRow {
  id: string;
  at: number;
  actor_kind: ActorKind;
  actor_id: string | null;
  actor_name: string;
  key_id: string | null;
  ip: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  target_name: string | null;
  before: string | null;
  after: string | null;
  changes: string | null;
}

/** The entry a row holds; a JSON column that does not parse is a CorruptRowError. */
export const auditEntryOf = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  actor: { kind: r.actor_kind, id: r.actor_id, name: r.actor_name, keyId: r.key_id, ip: r.ip },
  action: r.action,
  target: { type: r.target_type, id: r.target_id, name: r.target_name },
  before: readJson(r.before, 'audit_log', r.id),
  after: readJson(r.after, 'audit_log', r.id),
  changes: readJson(r.changes, 'audit_log', r.id),
});

/** The columns of audit_log in their declared order, and the values of an entry in that order. */
export const auditColumns = 'id, at, actor_kind, actor_id, actor_name, key_id, ip, action, target_type, target_id, target_name, before, after, changes';
export const auditValues = (e: AuditEntry) =>
  [
    e.id,
    e.at,
    e.actor.kind,
    e.actor.id,
    e.actor.name,
    e.actor.keyId,
    e.actor.ip,
    e.action,
    e.target.type,
    e.target.id,
    e.target.name,
    writeJson(e.before),
    writeJson(e.after),
    writeJson(e.changes),
  ] as const;
