import { allowListFromEntries, type EgressAllowList } from './egress-allow-list.js';

/**
 * The allow-list the egress guard reads on every check: the operator's floor (`EGRESS_ALLOW`,
 * fixed for the life of the process) joined with the entries an owner saved in Settings.
 *
 * Process-local: the joined list is held in memory. The process that saves a change swaps it
 * in at once, so the very next outbound request sees it; another process sharing the
 * database picks the stored entries up when it starts (see docs/configuration.md).
 */
export interface LiveAllowList {
  /** The list as it stands now; a new object after every change (the guard keys its cache on it). */
  current(): EgressAllowList;
  /** The floor's entries, as the operator gave them. */
  floor(): readonly string[];
  /** Replaces the stored part. Throws on an entry that does not parse (callers validate first). */
  replaceStored(entries: readonly string[]): void;
}

/** Creates the live list over a parsed floor, with no stored entries yet. */
export function createLiveAllowList(floor: EgressAllowList): LiveAllowList {
  let list = floor;
  return {
    current: () => list,
    floor: () => floor.entries,
    replaceStored(entries) {
      const extra = entries.filter((e) => !floor.entries.includes(e));
      list = allowListFromEntries([...floor.entries, ...extra], 'stored egress allow-list');
    },
  };
}
