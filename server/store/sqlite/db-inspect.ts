import type { Db } from './database.js';
import { migrations } from './migrations/index.js';

/** Tables every Switchyard database has had since the first migration. */
const CORE_TABLES = ['workflows', 'workflow_versions', 'events', 'runs', 'steps', 'jobs'] as const;
const COUNTED = ['workflows', 'runs', 'steps', 'events', 'credentials'] as const;

/** What a database file is: its schema version, whether it is intact, and how much it holds. */
export interface DatabaseFacts {
  userVersion: number;
  integrity: string;
  counts: Record<(typeof COUNTED)[number], number>;
}

/** The newest schema version this build knows. */
export const latestSchemaVersion = (): number => Math.max(...migrations.map((m) => m.version));

/**
 * Checks that `db` is a Switchyard database this build can use: an intact SQLite file with the
 * core tables and a schema no newer than this build's. Throws a sentence a person can act on.
 */
export function inspectDatabase(db: Db, label: string): DatabaseFacts {
  let tables: Set<string>;
  try {
    tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>).map((r) => r.name));
  } catch (err) {
    throw new Error(`${label} is not a SQLite database (${err instanceof Error ? err.message : String(err)}).`);
  }
  const missing = CORE_TABLES.filter((t) => !tables.has(t));
  if (missing.length) throw new Error(`${label} is not a Switchyard database: it has no ${missing.join(', ')} table.`);
  const userVersion = db.pragma('user_version', { simple: true }) as number;
  const latest = latestSchemaVersion();
  if (userVersion < 1 || userVersion > latest) {
    throw new Error(`${label} has schema version ${userVersion}; this Switchyard reads versions 1 to ${latest}${userVersion > latest ? ': upgrade Switchyard first' : ''}.`);
  }
  const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
  const integrity = rows.map((r) => r.quick_check).join('; ');
  if (integrity !== 'ok') throw new Error(`${label} is damaged: ${integrity.slice(0, 300)}`);
  const counts = Object.fromEntries(COUNTED.map((t) => [t, tables.has(t) ? (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n : 0])) as DatabaseFacts['counts'];
  return { userVersion, integrity, counts };
}
