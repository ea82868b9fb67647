// Entry of the WAL checkpoint thread (started by wal-checkpointer.ts). It holds a connection of its
// own to the server's database and runs the checkpoints it is asked for, so that copying WAL pages
// into the database file and fsyncing it never happens on the event loop. Plain JavaScript on
// purpose: it runs as is from the source tree (tests) and from dist/ (tsc emits it).
//
// It never writes a row and never changes a setting of the file (journal mode, auto-vacuum), so
// opening it here cannot race the main connection's migrations or conversion.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

/** @typedef {'PASSIVE' | 'RESTART' | 'TRUNCATE'} CheckpointMode */
/** @typedef {{ id: number, mode: CheckpointMode } | { id: number, close: true }} Request */

const { file } = /** @type {{ file: string }} */ (workerData);
const db = new Database(file, { fileMustExist: true });
// A checkpoint syncs the WAL before it copies pages and the database file after: what makes it
// safe for the main connection to write over the WAL once every frame is copied. FULL states it;
// this connection commits nothing, so FULL costs nothing more than NORMAL here.
db.pragma('synchronous = FULL');
// Never wait for a lock: a checkpoint that would have to (a reader such as `switchyard backup`
// holding the log) reports busy and is tried again on a later round.
db.pragma('busy_timeout = 0');
const modes = new Set(['PASSIVE', 'RESTART', 'TRUNCATE']);

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
port.on('message', (/** @type {Request} */ request) => {
  if ('close' in request) {
    db.close();
    port.postMessage({ id: request.id, closed: true });
    port.close();
    return;
  }
  try {
    if (!modes.has(request.mode)) throw new Error(`unknown checkpoint mode ${String(request.mode)}`);
    const [row] = /** @type {Array<{ busy: number, log: number, checkpointed: number }>} */ (db.pragma(`wal_checkpoint(${request.mode})`));
    port.postMessage({ id: request.id, busy: row?.busy === 1, walPages: row?.log ?? 0, checkpointedPages: row?.checkpointed ?? 0 });
  } catch (error) {
    port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
