import type { Sql } from './sql.js';
import type { AuditEntry, AuditQuery } from '../ports/audit.js';
import { auditColumns, auditEntryOf, auditValues, type AuditRow } from '../audit-row.js';

/** The append-only audit log. There is deliberately no update or delete. */
export const postgresAudit = {
  async insert(q: Sql, e: AuditEntry): Promise<void> {
    await q.run(`INSERT INTO audit_log (${auditColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`, auditValues(e));
  },
  /** A page of entries matching every given filter, by id descending; an `action` ending in "." matches as a prefix. */
  async query(q: Sql, f: AuditQuery): Promise<AuditEntry[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: (n: number) => string, value: unknown) => {
      args.push(value);
      where.push(sql(args.length));
    };
    if (f.actorId !== undefined) add((n) => `actor_id = $${n}`, f.actorId);
    // A prefix compared as a prefix (not LIKE: "_" and "%" in an action are plain characters).
    if (f.action !== undefined) add((n) => (f.action?.endsWith('.') ? `left(action, length($${n}::text)) = $${n}` : `action = $${n}`), f.action);
    if (f.targetType !== undefined) add((n) => `target_type = $${n}`, f.targetType);
    if (f.targetId !== undefined) add((n) => `target_id = $${n}`, f.targetId);
    if (f.from !== undefined) add((n) => `at >= $${n}`, f.from);
    if (f.to !== undefined) add((n) => `at < $${n}`, f.to);
    if (f.cursor !== undefined) add((n) => `id < $${n}`, f.cursor);
    args.push(f.limit);
    const rows = await q.rows<AuditRow>(`SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${args.length}`, args);
    return rows.map(auditEntryOf);
  },
};
