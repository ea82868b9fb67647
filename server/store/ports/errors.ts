/**
 * A stored record that no longer has the shape the code expects: a typed failure instead of a
 * crash deep inside a route. Beside the ports because every implementation throws this one
 * class (the SQLite one re-exports it from json-column.ts), so callers catch it the same way.
 */
export class CorruptRowError extends Error {
  constructor(
    readonly table: string,
    readonly key: string,
    cause: unknown,
  ) {
    super(`Stored ${table} row ${key} is corrupt`, { cause });
    this.name = 'CorruptRowError';
  }
}
