// A test database is dropped in the background once its app stops, and the file waits for every
// drop only at its end. On PostgreSQL 15 each DROP DATABASE forces a checkpoint (a flush of every
// dirty page, then fsync), which took a few hundred milliseconds per test app on the second pass
// of the server suite; the next test need not wait for it. A failed drop still fails the file.
const pending = new Set<Promise<void>>();
const failures: unknown[] = [];

/** Starts `drop` now and returns at once; `settleDrops` waits for it. */
export function dropInBackground(drop: () => Promise<void>): void {
  const started: Promise<void> = drop()
    .catch((error: unknown) => void failures.push(error))
    .finally(() => pending.delete(started));
  pending.add(started);
}

/** Waits for every drop started so far, and throws when one of them failed. */
export async function settleDrops(): Promise<void> {
  while (pending.size > 0) await Promise.all(pending);
  if (failures.length > 0) throw new AggregateError(failures.splice(0), 'Dropping a test database failed');
}
