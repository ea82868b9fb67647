import type { Logger } from 'pino';
import { z } from 'zod';
import { parseEgressEntry } from '../delivery/egress-allow-list.js';
import type { LiveAllowList } from '../delivery/live-allow-list.js';
import type { EgressSettingsStore } from '../store/ports/settings.js';
import type { Actor } from './audit-service.js';
import { lazySchema } from '../../shared/lazy-schema.js';

/** What Settings › Egress shows: the operator's floor (read-only), the stored entries, and both together. */
export interface EgressView {
  /** From EGRESS_ALLOW: always allowed, cannot be removed here. */
  floor: string[];
  /** Added in Settings or through the API. */
  entries: string[];
  /** What the guard allows now: the floor, then the stored entries not already in it. */
  effective: string[];
}

/** `PUT /api/settings/egress`: every entry must be a CIDR, an IP address or a host name. */
export const egressUpdateSchema = lazySchema(() =>
  z.object({
    entries: z
      .array(
        z
          .string()
          .trim()
          .min(1, 'An entry cannot be empty.')
          .max(253, 'An entry is at most 253 characters.')
          .superRefine((entry, ctx) => {
            if (entry.length === 0 || entry.length > 253) return; // said above
            const parsed = parseEgressEntry(entry);
            if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `${parsed.message}.` });
          }),
      )
      .max(200, 'At most 200 entries.'),
  }),
);

/**
 * The owner's egress allow-list on top of EGRESS_ALLOW: read, change (stored and audited, then
 * swapped into the live list the guard reads, so the next outbound request sees it), and
 * loaded once at start.
 */
export function createEgressSettings(d: { store: EgressSettingsStore; live: LiveAllowList; logger: Logger; onChanged?: () => void }) {
  const viewOf = (entries: readonly string[]): EgressView => {
    const floor = [...d.live.floor()];
    return { floor, entries: [...entries], effective: [...floor, ...entries.filter((e) => !floor.includes(e))] };
  };
  const apply = (entries: readonly string[]) => {
    d.live.replaceStored(entries);
    d.onChanged?.();
  };

  return {
    /** Puts the stored entries into effect; an entry that no longer parses is skipped and logged, never fatal. */
    async load(): Promise<void> {
      const stored = await d.store.getEgressAllow();
      const good = stored.filter((e) => parseEgressEntry(e).ok);
      if (good.length < stored.length) d.logger.warn({ skipped: stored.filter((e) => !good.includes(e)) }, 'stored egress allow-list entries that do not parse are ignored');
      apply(good);
    },
    async view(): Promise<EgressView> {
      return viewOf(await d.store.getEgressAllow());
    },
    /** Replaces the stored entries (already validated by `egressUpdateSchema`); duplicates are kept once. */
    async update(entries: readonly string[], actor: Actor): Promise<EgressView> {
      const unique = [...new Set(entries)];
      const change = await d.store.setEgressAllow(unique, actor);
      apply(change.after);
      return viewOf(change.after);
    },
  };
}
export type EgressSettings = ReturnType<typeof createEgressSettings>;
