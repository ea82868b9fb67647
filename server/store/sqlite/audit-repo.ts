import type { Db } from './database.js';
import { readJson, writeJson } from './json-column.js';
import type { ActorKind, AuditEntry, AuditQuery } from '../ports/audit.js';

export type { ActorKind, AuditEntry, AuditQuery } from '../ports/audit.js';

interface Raw {
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

const toEntry = (r: Raw): AuditEntry => ({
  id: r.id,
  at: r.at,
  actor: { kind: r.actor_kind, id: r.actor_id, name: r.actor_name, keyId: r.key_id, ip: r.ip },
  action: r.action,
  target: { type: r.target_type, id: r.target_id, name: r.target_name },
  before: readJson(r.before, 'audit_log', r.id),
  after: readJson(r.after, 'audit_log', r.id),
  changes: readJson(r.changes, 'audit_log', r.id),
});

/** The append-only audit log. There is deliberately no update or delete. */
export function createAuditRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO audit_log (id, at, actor_kind, actor_id, actor_name, key_id, ip, action, target_type, target_id, target_name, before, after, changes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    insert(e: AuditEntry): void {
      insert.run(
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
      );
    },
    /** A page of entries matching every given filter; an `action` ending in "." matches as a prefix. */
    query(q: AuditQuery): AuditEntry[] {
      const where: string[] = [];
      const args: Array<string | number> = [];
      const add = (sql: string, ...v: Array<string | number>) => {
        where.push(sql);
        args.push(...v);
      };
      if (q.actorId !== undefined) add('actor_id = ?', q.actorId);
      if (q.action !== undefined) {
        if (q.action.endsWith('.')) add('substr(action, 1, ?) = ?', q.action.length, q.action);
        else add('action = ?', q.action);
      }
      if (q.targetType !== undefined) add('target_type = ?', q.targetType);
      if (q.targetId !== undefined) add('target_id = ?', q.targetId);
      if (q.from !== undefined) add('at >= ?', q.from);
      if (q.to !== undefined) add('at < ?', q.to);
      if (q.cursor !== undefined) add('id < ?', q.cursor);
      const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
      return (db.prepare(sql).all(...args, q.limit) as Raw[]).map(toEntry);
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
