import { pino } from 'pino';
import { openDatabase } from '../../server/store/sqlite/database.js';
import { createCommitQueue } from '../../server/store/sqlite/commit-queue.js';
import { createSqliteStore } from '../../server/store/sqlite/create-sqlite-store.js';
import { openWalSync } from '../../server/store/sqlite/open-wal-sync.js';
import { tempDir } from './temp-dir.js';

/** A store on a real SQLite file in a temporary folder, with WAL and the off-loop fsync, as the server opens it. */
export function openSqliteFileStore(fileName = 'store.db') {
  const dir = tempDir();
  const db = openDatabase(`${dir.path}/${fileName}`);
  const walSync = openWalSync(db, pino({ level: 'silent' }));
  const store = createSqliteStore(db, createCommitQueue(db, { durable: walSync?.afterCommit }));
  return {
    store,
    close: async () => {
      walSync?.close();
      db.close();
      dir.cleanup();
    },
  };
}
