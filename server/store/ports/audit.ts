/** Who acted: a signed-in person, an API key, the command line, or nobody yet (sign-in, invite acceptance). */
export type ActorKind = 'user' | 'api-key' | 'cli' | 'anonymous';

/** One audit entry. `before`/`after` hold metadata and definitions, never secret values. */
export interface AuditEntry {
  id: string;
  at: number;
  actor: { kind: ActorKind; id: string | null; name: string; keyId: string | null; ip: string | null };
  action: string;
  target: { type: string; id: string | null; name: string | null };
  before?: unknown;
  after?: unknown;
  changes?: unknown;
}

/** Filters for reading the log; results are newest first, `cursor` is the last id of the previous page. */
export interface AuditQuery {
  actorId?: string;
  /** An action, or a prefix of one when it ends in "." (`user.` matches every user action). */
  action?: string;
  targetType?: string;
  targetId?: string;
  /** `at >= from` */
  from?: number;
  /** `at < to` */
  to?: number;
  /** Entries with an id below this one. */
  cursor?: string;
  limit: number;
}

/** The append-only audit log: there is deliberately no update or delete. Ids sort by time (the caller makes them). */
export interface AuditPort {
  append(entry: AuditEntry): Promise<void>;
  /** A page of entries matching every given filter, by id descending. */
  query(q: AuditQuery): Promise<AuditEntry[]>;
}
