import pg from 'pg';

/** Where the database is and how this process connects to it. */
export interface PostgresOptions {
  /** `postgres://user@host:port/database`, as in `DATABASE_URL`. */
  url: string;
  /** Tables live in this schema instead of `public` (tests give each store its own). */
  schema?: string;
  /** Connections in the pool; a unit of work (`store.write`) holds one for its whole length. */
  max?: number;
  /** An idle connection failed (the server restarted, the network dropped): logged, never fatal. */
  onError?: (error: Error) => void;
}

// BIGINT (int8) columns hold epoch milliseconds and counts: well inside 2^53, so they cross as
// numbers, as SQLite's INTEGER does. Every other type keeps pg's default parser.
const INT8 = 20;
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format))) as pg.CustomTypesConfig['getTypeParser'],
};

/** A schema name that is safe to put in a `search_path` setting. */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Invalid PostgreSQL schema name: ${schema}`);
  return schema;
}

/** How every connection of this process connects: the pool's and the dedicated ones (LISTEN, leadership). */
export function connectionConfig(o: PostgresOptions): pg.ClientConfig {
  const settings = ['-c synchronous_commit=on'];
  if (o.schema) settings.push(`-c search_path=${checkSchemaName(o.schema)}`);
  return { connectionString: o.url, types, options: settings.join(' '), application_name: 'switchyard', connectionTimeoutMillis: 10_000, keepAlive: true };
}

/**
 * The connection pool. Every connection runs with `synchronous_commit = on` whatever the
 * server's default, so a COMMIT returns only once the commit record is flushed: the same
 * promise as SQLite's synchronous=FULL, an acknowledged write survives a crash.
 */
export function createPostgresPool(o: PostgresOptions): pg.Pool {
  const pool = new pg.Pool({ ...connectionConfig(o), max: o.max ?? 10 });
  // Without a listener an idle connection's error would crash the process; the pool drops
  // that connection and opens a new one when next needed.
  pool.on('error', (error) => o.onError?.(error));
  return pool;
}
