// What a test app has at rest, read and written straight in its database on either store: SQLite
// through the app's own connection, PostgreSQL through a client of its own. For checks about the
// stored bytes themselves (a key kept hashed, a secret kept encrypted, how many rows a refusal
// left) and for fixtures no API can make (runs that are ten days old); behaviour is checked
// through the API or the store's ports. The SQL must be portable: `?` placeholders, no dialect
// functions.
import pg from 'pg';
import type { startTestApp } from './test-app.js';

type TestApp = Pick<Awaited<ReturnType<typeof startTestApp>>, 'app' | 'config'>;
type Row = Record<string, unknown>;
export type Statement = readonly [sql: string, params?: readonly unknown[]];

/** `?` placeholders as PostgreSQL's `$1, $2, ...`. */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** Runs statements in one transaction and returns the rows of each (none for a statement that returns no rows). */
export async function storedBatch(t: TestApp, statements: readonly Statement[]): Promise<Row[][]> {
  if (t.app.storeKind !== 'postgres') {
    const db = t.app.db;
    return db.transaction(() =>
      statements.map(([sql, params = []]) => {
        const statement = db.prepare(sql);
        if (statement.reader) return statement.all(...params) as Row[];
        statement.run(...params);
        return [];
      }),
    )();
  }
  const client = new pg.Client({ connectionString: t.config.databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const out: Row[][] = [];
    for (const [sql, params = []] of statements) out.push((await client.query<Row>(numbered(sql), [...params])).rows);
    await client.query('COMMIT');
    return out;
  } finally {
    await client.end();
  }
}

/** Every row the query returns, as stored (none for a statement that returns no rows, which it runs). */
export async function storedRows(t: TestApp, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
  return (await storedBatch(t, [[sql, params]]))[0] ?? [];
}

/** The number of rows of `table` (that match `where`, with `?` parameters). */
export async function storedCount(t: TestApp, table: string, where = 'true', params: readonly unknown[] = []): Promise<number> {
  const [row] = await storedRows(t, `SELECT count(*) AS n FROM ${table} WHERE ${where}`, params);
  return Number(row?.n);
}

/** The status of a run's job in the queue (`undefined` when it has none). */
export async function jobStatus(t: TestApp, runId: string): Promise<string | undefined> {
  const [row] = await storedRows(t, 'SELECT status FROM jobs WHERE run_id = ?', [runId]);
  return row?.status as string | undefined;
}

/** The names of the app's tables. */
export async function storedTables(t: TestApp): Promise<string[]> {
  const rows =
    t.app.storeKind === 'postgres'
      ? await storedRows(t, "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
      : await storedRows(t, "SELECT name FROM sqlite_master WHERE type = 'table'");
  return rows.map((r) => String(r.name));
}

/** A stored value as text to search: bytes as latin1, JSON columns (objects on PostgreSQL) as JSON. */
export const storedText = (v: unknown): string => (Buffer.isBuffer(v) ? v.toString('latin1') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

/**
 * Makes the database itself refuse every insert and update of `table` (a trigger that raises),
 * as a full disk or a read-only database would, until the returned function lifts it. The same
 * check on both stores: the app sees a real failed write.
 */
export async function refuseWrites(t: TestApp, table: string): Promise<() => Promise<void>> {
  const name = `refuse_${table}`;
  const run = async (statements: readonly string[]) =>
    void (await storedBatch(
      t,
      statements.map((s) => [s]),
    ));
  if (t.app.storeKind === 'postgres') {
    await run([
      `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'writes to ${table} refused by the test'; END $$`,
      `CREATE TRIGGER ${name} BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`,
    ]);
    return () => run([`DROP TRIGGER ${name} ON ${table}`, `DROP FUNCTION ${name}()`]);
  }
  await run(['INSERT', 'UPDATE'].map((op) => `CREATE TRIGGER ${name}_${op} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, 'writes to ${table} refused by the test'); END`));
  return () => run([`DROP TRIGGER ${name}_INSERT`, `DROP TRIGGER ${name}_UPDATE`]);
}
