import { close, closeSync, fstatSync, fsync, open, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from './database.js';

/** Makes committed transactions durable: resolves once everything committed before the call is on disk. */
export interface WalSync {
  afterCommit(): Promise<void>;
  close(): void;
}

/**
 * Durability without blocking the event loop. With WAL and synchronous=FULL, SQLite fsyncs the
 * WAL inside every COMMIT, on the one thread that also serves requests. Here the connection
 * runs with synchronous=NORMAL (a commit only writes the WAL, which already survives a crash
 * of the process) and the WAL file is fsynced on libuv's thread pool before anyone is told
 * the commit happened: for the callers this is the same guarantee as FULL, power loss
 * included, while the event loop goes on parsing requests and running steps. fsyncs do not
 * overlap; commits made while one runs share the next.
 */
export function createWalSync(db: Db, file: string, o: { syncDirectory?: (path: string) => Promise<void> } = {}): WalSync {
  db.pragma('synchronous = NORMAL');
  const walPath = `${file}-wal`;
  let fd = openSync(walPath, 'r');
  let inode = fstatSync(fd).ino;
  // The WAL's directory entry must be durable too, once, for a file that was just created. On the
  // thread pool, like the WAL's own fsyncs (on a slow disk it held up the start for milliseconds),
  // and finished before the first commit is reported durable.
  let directoryPending: Promise<void> | null = (o.syncDirectory ?? syncDirectory)(dirname(file)).then(() => {
    directoryPending = null;
  });

  let running = false;
  let waiting: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];

  const reopenIfReplaced = () => {
    // A WAL that was deleted and created again (every connection closed once) is a new file.
    const now = statSync(walPath, { throwIfNoEntry: false });
    if (now && now.ino !== inode) {
      closeSync(fd);
      fd = openSync(walPath, 'r');
      inode = fstatSync(fd).ino;
    }
  };

  const start = () => {
    running = true;
    const batch = waiting;
    waiting = [];
    try {
      reopenIfReplaced();
    } catch (error) {
      finish(batch, error);
      return;
    }
    const syncWal = () => fsync(fd, (error) => finish(batch, error));
    if (directoryPending) void directoryPending.then(syncWal);
    else syncWal();
  };
  const finish = (batch: typeof waiting, error: unknown) => {
    running = false;
    for (const w of batch) {
      if (error) w.reject(error);
      else w.resolve();
    }
    if (waiting.length) start();
  };

  return {
    afterCommit: () =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ resolve, reject });
        if (!running) start();
      }),
    close: () => closeSync(fd),
  };
}

/** fsyncs a directory (createWalSync's default); resolves either way (some file systems refuse fsync on a directory, and the file's own fsync still holds). */
export function syncDirectory(path: string): Promise<void> {
  return new Promise((resolve) => {
    open(path, 'r', (openError, dir) => {
      if (openError) return resolve();
      fsync(dir, () => close(dir, () => resolve()));
    });
  });
}
