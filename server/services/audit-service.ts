import type { Clock } from '../lib/clock.js';
import type { AuditEntry, AuditPort, AuditQuery } from '../store/ports/audit.js';
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
 * Stamps entries with their id and time (pure: no storage). Ids sort by time and, within one
 * process, by order of recording, so a page boundary (the cursor) never skips or repeats an entry.
 */
export function createAuditStamp(clock: Clock): (e: AuditInput) => AuditEntry {
  let lastAt = 0;
  let seq = 0;
  const nextId = (now: number) => {
    seq = now === lastAt ? seq + 1 : 0;
    lastAt = now;
    const rand = Math.floor(Math.random() * 36 ** 4)
      .toString(36)
      .padStart(4, '0');
    return `aud_${now.toString().padStart(15, '0')}${seq.toString().padStart(5, '0')}${rand}`;
  };

  return (e) => {
    const now = clock.now();
    return { ...e, id: nextId(now), at: now };
  };
}

/** The audit log: records through the audit port, alone or inside the unit of the change it describes. */
export function createAuditService(d: { store: { audit: AuditPort }; clock: Clock }) {
  const entry = createAuditStamp(d.clock);

  /** Records through `tx`: inside a unit of work, the entry commits with the change it describes. */
  const recordIn = async (tx: { audit: AuditPort }, e: AuditInput): Promise<AuditEntry> => {
    const stamped = entry(e);
    await tx.audit.append(stamped);
    return stamped;
  };

  return {
    entry,
    recordIn,
    /** Records in its own unit; resolves once durable. */
    record: (e: AuditInput) => recordIn(d.store, e),
    /** A page of entries, newest first, and the cursor of the next page (null on the last). */
    async query(q: Omit<AuditQuery, 'limit'> & { limit?: number }): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
      const limit = Math.min(Math.max(q.limit ?? 50, 1), MAX_LIMIT);
      const rows = await d.store.audit.query({ ...q, limit: limit + 1 });
      const entries = rows.slice(0, limit);
      return { entries, nextCursor: rows.length > limit ? (entries[entries.length - 1]?.id ?? null) : null };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
