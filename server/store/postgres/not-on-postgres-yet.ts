/** The ports whose operations have no PostgreSQL statements yet (docs/scale-out.md lists them). */
export const notYetOnPostgres = ['users', 'apiKeys', 'sessions', 'accountLinks', 'audit', 'credentials', 'endpoints', 'rejections', 'retention', 'stats', 'maintenance'] as const;

/** Thrown by every operation of a port that is not on PostgreSQL yet. */
export class NotOnPostgresYetError extends Error {
  constructor(readonly operation: string) {
    super(`${operation} is not implemented on PostgreSQL yet (docs/scale-out.md): run on SQLite until it is.`);
    this.name = 'NotOnPostgresYetError';
  }
}

/**
 * A port of the list above: every operation rejects with NotOnPostgresYetError, naming itself.
 * PostgreSQL is not selectable yet (DATABASE_URL changes nothing): these exist so the store has
 * the whole Store shape while its remaining ports are written, and fail loudly if reached.
 */
export function portNotOnPostgresYet<T extends object>(port: (typeof notYetOnPostgres)[number]): T {
  return new Proxy({} as T, {
    get: (_target, op) => (typeof op === 'string' ? () => Promise.reject(new NotOnPostgresYetError(`${port}.${op}`)) : undefined),
  });
}
