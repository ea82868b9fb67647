// JSON columns are read and written the same way by every implementation: the helpers live in
// server/store/json-column.ts; this path stays for the SQLite repositories that import it.
export { CorruptRowError, readJson, readJsonAs, writeJson } from '../json-column.js';
