import { createHash } from 'node:crypto';
import type pg from 'pg';

/** Statements against a pool (each its own autocommit unit) or a connection inside BEGIN..COMMIT. */
export interface Sql {
  rows<R>(text: string, params?: readonly unknown[]): Promise<R[]>;
  one<R>(text: string, params?: readonly unknown[]): Promise<R | undefined>;
  /** Runs a write; returns how many rows it touched. */
  run(text: string, params?: readonly unknown[]): Promise<number>;
}

/** Distinct statement texts prepared by name; past it, statements go unnamed (see `statementName`). */
const MAX_NAMED_STATEMENTS = 500;
const names = new Map<string, string | null>();

/**
 * The name a statement is prepared under on each connection, so PostgreSQL parses and plans it
 * once per connection instead of at every call: with a dozen short statements per run, parsing
 * and planning were most of the database's CPU. Only single data statements are named (a
 * prepared statement cannot hold several commands, nor most utility commands), and at most
 * `MAX_NAMED_STATEMENTS` texts, so statements built with a varying number of placeholders
 * cannot grow each connection's set without bound. Named statements need each connection to
 * stay one session (PgBouncer in session mode, see docs/scale-out.md).
 */
export function statementName(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined) return known ?? undefined;
  if (names.size >= MAX_NAMED_STATEMENTS) return undefined;
  const preparable = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(text) && !text.includes(';');
  const name = preparable ? `sy_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}` : null;
  names.set(text, name);
  return name ?? undefined;
}

/** The three shapes of statement over anything that can query (a pool or one of its connections). */
export function sqlOver(q: pg.Pool | pg.PoolClient): Sql {
  const query = (text: string, params?: readonly unknown[]) => q.query({ name: statementName(text), text, values: params as unknown[] | undefined });
  return {
    rows: async <R>(text: string, params?: readonly unknown[]) => (await query(text, params)).rows as R[],
    one: async <R>(text: string, params?: readonly unknown[]) => (await query(text, params)).rows[0] as R | undefined,
    run: async (text: string, params?: readonly unknown[]) => (await query(text, params)).rowCount ?? 0,
  };
}

/**
 * Runs `work` on one pooled connection inside BEGIN..COMMIT: all of it commits, or none.
 * PostgreSQL answers COMMIT with ROLLBACK when a statement of the transaction failed and the
 * caller swallowed that error; that is reported as a failure, never as a success.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A checked-out connection has no listener of the pool's: its 'error' (the server went away
  // mid-transaction) would crash the process. The failing query rejects as well; that is the
  // failure the caller sees.
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    const end = await client.query('COMMIT');
    if (end.command !== 'COMMIT') throw new Error('The transaction was rolled back: a statement inside it failed');
    return result;
  } catch (error) {
    // After a failed COMMIT (a lost connection) there is nothing to roll back; the ROLLBACK fails too.
    await client.query('ROLLBACK').catch((e: unknown) => {
      broken = e instanceof Error ? e : new Error(String(e));
    });
    throw error;
  } finally {
    client.off('error', onError);
    // A connection that broke or could not even roll back is destroyed rather than handed to the next unit.
    client.release(broken);
  }
}
