import type { Clock } from '../lib/clock.js';
import type { CommitQueue } from '../store/sqlite/commit-queue.js';
import type { AuditEntry, AuditQuery, AuditRepo } from '../store/sqlite/audit-repo.js';
import type { Principal } from './auth-principal.js';

/** Who did something, as the log stores it. */
export type Actor = AuditEntry['actor'];

/** What a caller records: everything but the id and time, which the log assigns. */
export type AuditInput = Omit<AuditEntry, 'id' | 'at'>;

/** The actor for a principal; a key is recorded as its user acting through that key. */
export function actorOf(p: Principal, ip?: string): Actor {
  return p.kind === 'session'
    ? { kind: 'user', id: p.userId, name: p.userName, keyId: null, ip: ip ?? null }
    : { kind: 'api-key', id: p.userId, name: `${p.userName} (key "${p.name}")`, keyId: p.keyId ?? null, ip: ip ?? null };
}

/** The command line acts as the installation's operator. */
export const cliActor: Actor = { kind: 'cli', id: null, name: 'command line', keyId: null, ip: null };

const MAX_LIMIT = 200;

/**
 * The audit log. Ids sort by time and, within one process, by order of recording, so a
 * page boundary (the cursor) never skips or repeats an entry.
 */
export function createAuditService(d: { audit: AuditRepo; commits: CommitQueue; clock: Clock }) {
  let lastAt = 0;
  let seq = 0;
  const nextId = (now: number) => {
    seq = now === lastAt ? seq + 1 : 0;
    lastAt = now;
    const rand = Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, '0');
    return `aud_${now.toString().padStart(15, '0')}${seq.toString().padStart(5, '0')}${rand}`;
  };

  const recordSync = (e: AuditInput): AuditEntry => {
    const now = d.clock.now();
    const entry: AuditEntry = { ...e, id: nextId(now), at: now };
    d.audit.insert(entry);
    return entry;
  };

  return {
    /** Records inside the caller's transaction, so the entry commits with the change it describes. */
    recordSync,
    /** Records in its own unit of the commit queue; resolves once durable. */
    record: (e: AuditInput) => d.commits.run(() => recordSync(e)),
    /** A page of entries, newest first, and the cursor of the next page (null on the last). */
    query(q: Omit<AuditQuery, 'limit'> & { limit?: number }): { entries: AuditEntry[]; nextCursor: string | null } {
      const limit = Math.min(Math.max(q.limit ?? 50, 1), MAX_LIMIT);
      const rows = d.audit.query({ ...q, limit: limit + 1 });
      const entries = rows.slice(0, limit);
      return { entries, nextCursor: rows.length > limit ? (entries[entries.length - 1]?.id ?? null) : null };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
