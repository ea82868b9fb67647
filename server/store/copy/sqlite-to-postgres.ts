// The IO half of `switchyard migrate-to-postgres`: reads the SQLite file table by table and
// writes the rows into PostgreSQL with batched multi-row INSERTs, in the target's foreign-key
// order. Table by table rather than through the storage ports: the ports read and write one
// concept at a time for the server's needs (no bulk read of every step, no insert of a run
// with its original id and times), and a copy must keep every row exactly as it was.
import type pg from 'pg';
import type { Db } from '../sqlite/database.js';
import { columnsToCopy, convertValue, dependencyOrder, ident, insertStatement, isCopied, rowFilter, rowsPerInsert, type ForeignKey, type TargetColumn } from './copy-plan.js';

/** One table's rows: in the source (after the history filter), inserted, and found in the target at the end. */
export interface TableCount {
  table: string;
  source: number;
  copied: number;
  target: number;
}

/** The tables of the connection's schema that already hold rows (a copy goes only into an empty store). */
export async function tablesWithRows(client: pg.ClientBase): Promise<string[]> {
  const tables = (await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1")).rows;
  const full: string[] = [];
  for (const { name } of tables) {
    if (name === 'schema_migrations') continue;
    const { rows } = await client.query<{ has: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${ident(name)}) AS has`);
    if (rows[0]?.has) full.push(name);
  }
  return full;
}

async function targetSchema(client: pg.ClientBase): Promise<{ columns: Map<string, TargetColumn[]>; keys: ForeignKey[] }> {
  const cols = await client.query<{ table_name: string; column_name: string; data_type: string; identity_generation: string | null }>(
    'SELECT table_name, column_name, data_type, identity_generation FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position',
  );
  const columns = new Map<string, TargetColumn[]>();
  for (const c of cols.rows) {
    const list = columns.get(c.table_name) ?? [];
    list.push({ name: c.column_name, type: c.data_type, identityAlways: c.identity_generation === 'ALWAYS' });
    columns.set(c.table_name, list);
  }
  const keys = await client.query<ForeignKey>(
    `SELECT (SELECT relname FROM pg_class WHERE oid = conrelid) AS "table", (SELECT relname FROM pg_class WHERE oid = confrelid) AS "references"
       FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace`,
  );
  return { columns, keys: keys.rows };
}

const sqliteColumns = (db: Db, table: string): string[] => (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).map((r) => r.name);

async function copyTable(db: Db, client: pg.ClientBase, table: string, columns: TargetColumn[], where: string | undefined): Promise<number> {
  const select = `SELECT ${columns.map((c) => ident(c.name)).join(', ')} FROM ${ident(table)}${where ? ` WHERE ${where}` : ''}`;
  const perInsert = rowsPerInsert(columns.length);
  let batch: unknown[][] = [];
  let copied = 0;
  const flush = async () => {
    if (!batch.length) return;
    const params = batch.flatMap((row) => row.map((v, i) => convertValue(v, columns[i] as TargetColumn)));
    await client.query(insertStatement(table, columns, batch.length), params);
    copied += batch.length;
    batch = [];
  };
  // One table's iterator at a time: nothing else touches the SQLite connection meanwhile.
  for (const row of db.prepare(select).raw(true).iterate() as IterableIterator<unknown[]>) {
    batch.push(row);
    if (batch.length >= perInsert) await flush();
  }
  await flush();
  return copied;
}

/** Moves each serial or identity column's sequence past the copied ids, so new rows do not collide. */
async function advanceSequences(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ table_name: string; column_name: string; seq: string }>(
    `SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) AS seq
       FROM information_schema.columns
      WHERE table_schema = current_schema() AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL`,
  );
  for (const r of rows) await client.query(`SELECT setval($1, COALESCE((SELECT max(${ident(r.column_name)}) FROM ${ident(r.table_name)}), 0) + 1, false)`, [r.seq]);
}

export interface CopyOptions {
  db: Db;
  /** A client inside the caller's transaction: the copy commits or rolls back with it. */
  client: pg.ClientBase;
  /** False: finished runs and their events, steps and jobs stay behind (rowFilter). */
  withHistory: boolean;
  onTable?: (count: TableCount) => void;
}

/**
 * Copies every table the target schema has, in foreign-key order, and counts each table three
 * ways. Reads the SQLite file inside one read transaction, so the copy is one consistent snapshot.
 * Throws when a SQLite table or column has no place in PostgreSQL, or a count disagrees.
 */
export async function copySqliteToPostgres(o: CopyOptions): Promise<TableCount[]> {
  const { columns, keys } = await targetSchema(o.client);
  const sourceTables = new Set((o.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name));
  const homeless = [...sourceTables].filter((t) => isCopied(t) && !columns.has(t));
  if (homeless.length) throw new Error(`SQLite table(s) ${homeless.join(', ')} have no place in the PostgreSQL schema; update Switchyard so both schemas match, then run again.`);
  const order = dependencyOrder(
    [...columns.keys()].filter((t) => isCopied(t) && sourceTables.has(t)),
    keys,
  );
  const counts: TableCount[] = [];
  o.db.exec('BEGIN');
  try {
    for (const table of order) {
      const copyColumns = columnsToCopy(table, sqliteColumns(o.db, table), columns.get(table) ?? []);
      const where = rowFilter(table, o.withHistory);
      const source = (o.db.prepare(`SELECT count(*) AS n FROM ${ident(table)}${where ? ` WHERE ${where}` : ''}`).get() as { n: number }).n;
      const copied = await copyTable(o.db, o.client, table, copyColumns, where);
      const target = Number((await o.client.query<{ n: string }>(`SELECT count(*) AS n FROM ${ident(table)}`)).rows[0]?.n ?? -1);
      const count = { table, source, copied, target };
      if (source !== copied || copied !== target) throw new Error(`Table ${table}: ${source} row(s) in SQLite, ${copied} copied, ${target} in PostgreSQL; nothing was committed.`);
      counts.push(count);
      o.onTable?.(count);
    }
  } finally {
    o.db.exec('COMMIT');
  }
  await advanceSequences(o.client);
  return counts;
}
