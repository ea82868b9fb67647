import type { Sql } from './sql.js';
import type { StoredVariable, VariableUpdate } from '../ports/variables.js';
import { variableColumns, variableFromRow, variableRowValues } from '../variable-row.js';

/** Variables: plain values as text, secret ones sealed (the variable service seals and opens them). */
export const postgresVariables = {
  list: async (q: Sql) => (await q.rows(`SELECT ${variableColumns} FROM variables ORDER BY name COLLATE "C"`)).map(variableFromRow),
  async get(q: Sql, name: string): Promise<StoredVariable | undefined> {
    const raw = await q.one(`SELECT ${variableColumns} FROM variables WHERE name = $1`, [name]);
    return raw === undefined ? undefined : variableFromRow(raw);
  },
  insert: async (q: Sql, v: StoredVariable): Promise<boolean> =>
    (await q.run(
      `INSERT INTO variables (name, secret, value, key_id, iv, ciphertext, tag, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (name) DO NOTHING`,
      [...variableRowValues(v), v.createdAt, v.updatedAt],
    )) > 0,
  update: async (q: Sql, v: VariableUpdate): Promise<boolean> =>
    (await q.run('UPDATE variables SET secret = $2, value = $3, key_id = $4, iv = $5, ciphertext = $6, tag = $7, updated_at = $8 WHERE name = $1', [...variableRowValues(v), v.updatedAt])) > 0,
  remove: async (q: Sql, name: string): Promise<boolean> => (await q.run('DELETE FROM variables WHERE name = $1', [name])) > 0,
};
