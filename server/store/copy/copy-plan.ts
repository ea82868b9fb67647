// The pure half of `switchyard migrate-to-postgres`: which tables move, in which order, which of
// their rows, and how a SQLite value becomes a PostgreSQL one. The IO half is sqlite-to-postgres.ts.

/** Tables that belong to one database file and mean nothing on another server. */
const LEFT_BEHIND: ReadonlySet<string> = new Set([
  'schema_migrations', // each dialect numbers its own migrations
  'sqlite_sequence', // SQLite's AUTOINCREMENT counters; PostgreSQL sequences are set after the copy
  'storage_samples', // sizes of the SQLite file: the growth chart starts again on PostgreSQL
  'health_probe', // a scratch row the readiness probe rewrites
]);

/** Whether a table is copied at all. */
export const isCopied = (table: string): boolean => !LEFT_BEHIND.has(table);

/** Runs that still have work: they move even without history, so no acknowledged event is lost. */
const LIVE_RUNS = "SELECT id FROM runs WHERE status NOT IN ('succeeded', 'failed', 'cancelled')";

/**
 * The SQLite `WHERE` that picks a history table's rows when the runs history stays behind:
 * unfinished runs with their events, steps and job, and the events of held (paused) triggers.
 * Undefined: every row.
 */
export function rowFilter(table: string, withHistory: boolean): string | undefined {
  if (withHistory) return undefined;
  switch (table) {
    case 'runs':
      return `id IN (${LIVE_RUNS})`;
    case 'events':
      return `id IN (SELECT event_id FROM runs WHERE id IN (${LIVE_RUNS})) OR id IN (SELECT event_id FROM held_events)`;
    case 'steps':
    case 'jobs':
    case 'resume_calls':
      return `run_id IN (${LIVE_RUNS})`;
    default:
      return undefined;
  }
}

/** A foreign key of the target schema: `table` references `references`. */
export interface ForeignKey {
  table: string;
  references: string;
}

/**
 * The tables in an order where every referenced table comes before the tables that reference
 * it, alphabetical otherwise (so the order is the same on every run). A cycle is an error: the
 * schema has none, and a copy in the wrong order would fail halfway.
 */
export function dependencyOrder(tables: readonly string[], keys: readonly ForeignKey[]): string[] {
  const needs = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const k of keys) if (k.table !== k.references && needs.has(k.references)) needs.get(k.table)?.add(k.references);
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < tables.length) {
    const ready = [...needs.keys()].filter((t) => !placed.has(t) && [...(needs.get(t) ?? [])].every((n) => placed.has(n))).sort();
    if (!ready.length) throw new Error(`The PostgreSQL schema has a cycle of foreign keys among: ${[...needs.keys()].filter((t) => !placed.has(t)).join(', ')}`);
    for (const t of ready) {
      placed.add(t);
      order.push(t);
    }
  }
  return order;
}

/** A target column: its name and PostgreSQL type (information_schema's `data_type`). */
export interface TargetColumn {
  name: string;
  type: string;
  /** GENERATED ALWAYS AS IDENTITY: the insert needs OVERRIDING SYSTEM VALUE to keep the ids. */
  identityAlways: boolean;
}

/**
 * The columns to copy: every source column must have a place in the target (else data would be
 * dropped silently: the PostgreSQL schema is behind); target columns the source lacks keep
 * their defaults.
 */
export function columnsToCopy(table: string, source: readonly string[], target: readonly TargetColumn[]): TargetColumn[] {
  const byName = new Map(target.map((c) => [c.name, c]));
  const missing = source.filter((c) => !byName.has(c));
  if (missing.length) throw new Error(`Table ${table}: column(s) ${missing.join(', ')} have no place in the PostgreSQL schema; update Switchyard so both schemas match, then run again.`);
  return source.map((c) => byName.get(c) as TargetColumn);
}

/** A SQLite value as the PostgreSQL column takes it: 0/1 become booleans, text in a BLOB column becomes bytes. */
export function convertValue(value: unknown, column: TargetColumn): unknown {
  if (value === null || value === undefined) return null;
  if (column.type === 'boolean') return value === 1 || value === '1' || value === true;
  if (column.type === 'bytea' && typeof value === 'string') return Buffer.from(value, 'utf8');
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** How many rows go in one INSERT: PostgreSQL takes at most 65,535 parameters per statement. */
export const rowsPerInsert = (columns: number): number => Math.max(1, Math.min(500, Math.floor(30_000 / Math.max(1, columns))));

/** A double-quoted identifier (table and column names come from the catalogs, never from a user). */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** `INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)` for `rows` rows. */
export function insertStatement(table: string, columns: readonly TargetColumn[], rows: number): string {
  const names = columns.map((c) => ident(c.name)).join(', ');
  const overriding = columns.some((c) => c.identityAlways) ? ' OVERRIDING SYSTEM VALUE' : '';
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) tuples.push(`(${columns.map((_, i) => `$${r * columns.length + i + 1}`).join(', ')})`);
  return `INSERT INTO ${ident(table)} (${names})${overriding} VALUES ${tuples.join(', ')}`;
}
