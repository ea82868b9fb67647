import type pg from 'pg';

/** Statements against a pool (each its own autocommit unit) or a connection inside BEGIN..COMMIT. */
export interface Sql {
  rows<R>(text: string, params?: readonly unknown[]): Promise<R[]>;
  one<R>(text: string, params?: readonly unknown[]): Promise<R | undefined>;
  /** Runs a write; returns how many rows it touched. */
  run(text: string, params?: readonly unknown[]): Promise<number>;
}

/** The three shapes of statement over anything that can query (a pool or one of its connections). */
export function sqlOver(q: pg.Pool | pg.PoolClient): Sql {
  const query = (text: string, params?: readonly unknown[]) => q.query(text, params as unknown[] | undefined);
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
