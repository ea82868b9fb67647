import type { StoredVariable, VariableUpdate } from '../ports/variables.js';
import { variableColumns, variableFromRow, variableRowValues } from '../variable-row.js';
import type { Db } from './database.js';

/** Variables table: plain values as text, secret ones sealed (the variable service seals and opens them). */
export function createVariableRepo(db: Db) {
  const s = {
    list: db.prepare(`SELECT ${variableColumns} FROM variables ORDER BY name`),
    get: db.prepare(`SELECT ${variableColumns} FROM variables WHERE name = ?`),
    insert: db.prepare(
      `INSERT INTO variables (name, secret, value, key_id, iv, ciphertext, tag, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING`,
    ),
    update: db.prepare('UPDATE variables SET secret = ?, value = ?, key_id = ?, iv = ?, ciphertext = ?, tag = ?, updated_at = ? WHERE name = ?'),
    remove: db.prepare('DELETE FROM variables WHERE name = ?'),
  };
  const flag = (b: boolean) => (b ? 1 : 0);
  return {
    list: (): StoredVariable[] => s.list.all().map(variableFromRow),
    get(name: string): StoredVariable | undefined {
      const raw = s.get.get(name);
      return raw === undefined ? undefined : variableFromRow(raw);
    },
    /** false when the name is taken. */
    insert(v: StoredVariable): boolean {
      const [name, secret, ...rest] = variableRowValues(v);
      return s.insert.run(name, flag(secret), ...rest, v.createdAt, v.updatedAt).changes > 0;
    },
    update(v: VariableUpdate): boolean {
      const [name, secret, ...rest] = variableRowValues(v);
      return s.update.run(flag(secret), ...rest, v.updatedAt, name).changes > 0;
    },
    remove: (name: string): boolean => s.remove.run(name).changes > 0,
  };
}
export type VariableRepo = ReturnType<typeof createVariableRepo>;
