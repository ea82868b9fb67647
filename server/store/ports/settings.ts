import type { Actor, AuditInput } from '../../services/audit-service.js';

/** The allow-list entries saved in Settings: what changed, for the caller and the audit log. */
export interface EgressChange {
  before: string[];
  after: string[];
}

/**
 * Where the owner's egress allow-list lives (the part on top of EGRESS_ALLOW). A port: callers
 * see two named operations, never SQL; a PostgreSQL version implements the same two.
 */
export interface EgressSettingsStore {
  /** The stored entries, in the order they were saved; empty when never set. */
  getEgressAllow(): Promise<string[]>;
  /** Replaces the stored entries and records the change in the audit log, in one transaction. */
  setEgressAllow(entries: readonly string[], actor: Actor): Promise<EgressChange>;
}

/** The audit entry of one change: the lists before and after, and what was added and removed. */
export function egressAuditEntry(actor: Actor, change: EgressChange): AuditInput {
  return {
    actor,
    action: 'settings.egress_update',
    target: { type: 'settings', id: 'egress', name: 'Egress allow-list' },
    before: { entries: change.before },
    after: { entries: change.after },
    changes: { added: change.after.filter((e) => !change.before.includes(e)), removed: change.before.filter((e) => !change.after.includes(e)) },
  };
}
