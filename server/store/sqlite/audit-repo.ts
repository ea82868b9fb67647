import type { Db } from './database.js';
import type { AuditEntry, AuditQuery } from '../ports/audit.js';
import { auditColumns, auditEntryOf, auditValues, type AuditRow } from '../audit-row.js';

export type { ActorKind, AuditEntry, AuditQuery } from '../ports/audit.js';

/** The append-only audit log. There is deliberately no update or delete. */
export function createAuditRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO audit_log (${auditColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  return {
    insert(e: AuditEntry): void {
      insert.run(...auditValues(e));
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
      return (db.prepare(sql).all(...args, q.limit) as AuditRow[]).map(auditEntryOf);
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
