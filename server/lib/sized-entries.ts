/**
 * Entries by key with a running total of the bytes they are said to hold, oldest first (a Map's
 * insertion order): what a bounded in-memory cache evicts from. Pure bookkeeping; the caller
 * decides the bounds.
 */
export function createSizedEntries<T>() {
  const byKey = new Map<string, { entry: T; bytes: number }>();
  let held = 0;
  const take = (key: string): { entry: T; bytes: number } | undefined => {
    const kept = byKey.get(key);
    if (!kept) return undefined;
    byKey.delete(key);
    held -= kept.bytes;
    return kept;
  };
  const forget = (key: string): T | undefined => take(key)?.entry;
  return {
    /** Adds (or replaces) an entry as the newest. */
    set(key: string, entry: T, bytes: number): void {
      forget(key);
      byKey.set(key, { entry, bytes });
      held += bytes;
    },
    /** Removes an entry; returns it when there was one. */
    forget,
    /** Removes an entry; returns it with the bytes it was said to hold, when there was one. */
    take,
    /** Drops the oldest entries while `drop` says so (it sees the oldest entry left). */
    dropOldestWhile(drop: (entry: T) => boolean): void {
      for (const [key, { entry }] of byKey) {
        if (!drop(entry)) break;
        forget(key);
      }
    },
    get size() {
      return byKey.size;
    },
    get bytes() {
      return held;
    },
  };
}
