import { statSync, type Stats } from 'node:fs';
import type { Logger } from 'pino';
import type { CheckpointResult } from '../ports/maintenance.js';
import type { CommitQueue } from './commit-queue.js';
import type { Db } from './database.js';
import { startCheckpointThread, type CheckpointMode, type CheckpointThread } from './checkpoint-thread.js';

/** How the WAL checkpointer behaves; the defaults suit the server (docs/operations.md, WAL checkpoints). */
export interface WalCheckpointerOptions {
  /** The server's connection: it stops checkpointing by itself while the thread does it. */
  db: Db;
  commits: Pick<CommitQueue, 'pause' | 'resume'>;
  logger: Logger;
  /** The upkeep's TRUNCATE on the main connection: what runs while there is no thread. */
  onMain: () => CheckpointResult;
  /** How often the WAL file is looked at (a stat) and, when it changed, a PASSIVE pass asked for. */
  intervalMs?: number;
  /** The WAL size at which the thread starts (an idle server never starts it). */
  startBytes?: number;
  /** WAL pages past which the log is restarted from its beginning in a short window. */
  restartPages?: number;
  /** The thread's script, when not wal-checkpoint-thread.js (tests: a thread that dies). */
  threadEntry?: string;
}

/** Checkpoints off the event loop (see createWalCheckpointer). */
export interface WalCheckpointer {
  /** Starts watching the WAL (after the start-time conversion, which checkpoints as it always did). */
  start(): void;
  /** The upkeep's checkpoint: fold the whole log into the file and truncate it, never waiting for a reader. */
  truncate(): Promise<CheckpointResult>;
  /** Where checkpoints run now: `thread`, or `main` (before the thread starts, or after it failed). */
  readonly where: 'main' | 'thread';
  close(): Promise<void>;
}

const PASS_TIMEOUT_MS = 60_000;
// Commits wait while a window is open: a thread that keeps them waiting this long is given up.
const WINDOW_TIMEOUT_MS = 10_000;
// After a window found a reader (a backup) in the way, the next one waits this long.
const BUSY_BACKOFF_MS = 5_000;
// SQLite's own default, used again when checkpoints fall back to the main connection.
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;
// Passes that fail in a row (a SQLite error each time) before the thread is given up.
const MAX_FAILED_PASSES = 3;

/**
 * Moves WAL checkpoints off the event loop. SQLite checkpoints inside a COMMIT by default
 * (`wal_autocheckpoint`, every 1000 pages): the main thread then copies pages into the database
 * file and fsyncs it. Here the server's connection runs with `wal_autocheckpoint = 0` and a worker
 * thread with a connection of its own runs PASSIVE checkpoints whenever the WAL file changed; a
 * PASSIVE checkpoint takes no lock a writer needs, so commits go on meanwhile.
 *
 * Bounding the WAL needs one more step: SQLite writes the log from its beginning again only when
 * a write starts while every frame is already copied, and under a steady load new frames land
 * while each pass runs. Past `restartPages` the commit queue is paused (no new transaction; the
 * event loop goes on serving) for a RESTART in the thread, which copies the few frames the last
 * pass missed; the next commit then starts the log over. The upkeep's TRUNCATE runs in such a window too.
 *
 * Durability is SQLite's: a checkpoint syncs the WAL before copying and the database file after,
 * and commits are still acknowledged only after wal-sync.ts's fsync. If the thread dies, fails or
 * hangs, checkpoints go back to the main connection (SQLite's default), with an error logged.
 */
export function createWalCheckpointer(o: WalCheckpointerOptions): WalCheckpointer {
  const file = o.db.name;
  const walPath = `${file}-wal`;
  const intervalMs = o.intervalMs ?? 200;
  const startBytes = o.startBytes ?? 1024 * 1024;
  const restartPages = o.restartPages ?? 4096;
  let thread: CheckpointThread | undefined;
  let fellBack = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  // One request to the thread at a time: a pass and a window never overlap.
  let busy: Promise<unknown> = Promise.resolve();
  let working = false;
  let seen: Pick<Stats, 'size' | 'mtimeMs'> = { size: -1, mtimeMs: -1 };
  let noWindowBefore = 0;
  let failedPasses = 0;

  const fallBack = (reason: Error) => {
    if (fellBack) return;
    fellBack = true;
    thread = undefined;
    try {
      if (!stopped) o.db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    } catch (err) {
      // Called from the thread's events: a throw here would end the process.
      o.logger.error({ err }, 'could not turn SQLite checkpoints on the main connection back on');
    }
    o.logger.error({ err: reason }, 'the WAL checkpoint thread failed; checkpoints run on the main thread again (as SQLite does by default)');
  };

  /** Gives a thread that keeps failing up; its own close then does not count as a failure. */
  const giveUp = (reason: Error) => {
    const t = thread;
    fallBack(reason);
    void t?.close();
  };

  const startThread = () => {
    try {
      thread = startCheckpointThread(file, fallBack, o.threadEntry);
      o.db.pragma('wal_autocheckpoint = 0');
    } catch (err) {
      fallBack(err instanceof Error ? err : new Error(String(err)));
    }
  };

  /** Runs `task` after the request under way; the chain never rejects. */
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = busy.then(task);
    busy = run.catch(() => undefined);
    return run;
  };

  /** A checkpoint that needs the log to stand still: no transaction starts until it is done. */
  const inWindow = async (t: CheckpointThread, mode: CheckpointMode): Promise<CheckpointResult> => {
    await o.commits.pause();
    try {
      return await t.run(mode, WINDOW_TIMEOUT_MS);
    } finally {
      o.commits.resume();
    }
  };

  const pass = async () => {
    const t = thread;
    if (!t) return;
    const r = await t.run('PASSIVE', PASS_TIMEOUT_MS);
    if (r.walPages < restartPages || Date.now() < noWindowBefore) return;
    if ((await inWindow(t, 'RESTART')).busy) noWindowBefore = Date.now() + BUSY_BACKOFF_MS;
  };

  // A timer's throw would end the process: a `-wal` file that cannot be looked at (gone, or an odd
  // file system) only means no pass this round.
  const walStat = (): Stats | undefined => {
    try {
      return statSync(walPath, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
  };

  const tick = () => {
    if (working || stopped || fellBack) return;
    const now = walStat();
    if (!now) return;
    if (!thread) {
      if (now.size < startBytes) return;
      startThread();
    }
    if (now.size === seen.size && now.mtimeMs === seen.mtimeMs) return;
    seen = now;
    working = true;
    void serially(pass)
      .then(
        () => (failedPasses = 0),
        (err: unknown) => {
          if (fellBack) return;
          // Tried again on the next round even if the file does not change.
          seen = { size: -1, mtimeMs: -1 };
          if (++failedPasses >= MAX_FAILED_PASSES) giveUp(err instanceof Error ? err : new Error(String(err)));
          else o.logger.warn({ err }, 'a WAL checkpoint in the thread failed; the next round tries again');
        },
      )
      .finally(() => (working = false));
  };

  return {
    start() {
      if (timer || stopped) return;
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    truncate: () =>
      serially(async () => {
        const t = thread;
        if (!t) return o.onMain();
        try {
          return await inWindow(t, 'TRUNCATE');
        } catch (err) {
          // The thread failed under this very request: the main connection does it, as before.
          if (!fellBack) throw err;
          return o.onMain();
        }
      }),
    get where() {
      return thread ? 'thread' : 'main';
    },
    async close() {
      stopped = true;
      if (timer) clearInterval(timer);
      await busy;
      await thread?.close();
      thread = undefined;
    },
  };
}
