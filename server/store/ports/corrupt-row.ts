/** A stored record that no longer parses: a typed failure instead of a crash deep inside a route. */
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
