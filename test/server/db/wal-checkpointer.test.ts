// WAL checkpoints in a thread of their own (server/store/sqlite/wal-checkpointer.ts), on real files:
// the log stays bounded while commits go on, the upkeep's TRUNCATE still empties it, and a thread
// that dies (also in the middle of a window, with commits waiting) loses nothing and wedges nothing.
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../server/store/sqlite/database.js';
import { createCommitQueue, type CommitQueue } from '../../../server/store/sqlite/commit-queue.js';
import { createStorageUpkeep } from '../../../server/store/sqlite/storage-upkeep.js';
import { createWalCheckpointer, type WalCheckpointer, type WalCheckpointerOptions } from '../../../server/store/sqlite/wal-checkpointer.js';
import { createWalSync, type WalSync } from '../../../server/store/sqlite/wal-sync.js';
import { tempDir } from '../../support/temp-dir.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/checkpoint-threads/${name}`, import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MB = 1024 * 1024;

interface Setup {
  file: string;
  db: Db;
  sync: WalSync;
  commits: CommitQueue;
  checkpointer: WalCheckpointer;
  logs: string[];
}

const open: Setup[] = [];
const dirs: Array<{ cleanup: () => void }> = [];
afterEach(async () => {
  for (const s of open.splice(0)) {
    await s.checkpointer.close();
    s.sync.close();
    if (s.db.open) s.db.close();
  }
  dirs.splice(0).forEach((d) => d.cleanup());
});

function setUp(o: Partial<WalCheckpointerOptions> = {}): Setup {
  const dir = tempDir();
  dirs.push(dir);
  const file = `${dir.path}/t.db`;
  const db = openDatabase(file);
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, pad BLOB)');
  const sync = createWalSync(db, file);
  const commits = createCommitQueue(db, { durable: sync.afterCommit });
  const logs: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logs.push(line) });
  const upkeep = createStorageUpkeep(db);
  const checkpointer = createWalCheckpointer({ db, commits, logger, onMain: upkeep.checkpoint, intervalMs: 10, startBytes: 0, restartPages: 300, ...o });
  checkpointer.start();
  const s = { file, db, sync, commits, checkpointer, logs };
  open.push(s);
  return s;
}

let next = 0;
/**
 * Commits 4 KB rows until `bytes` have gone through the log (or `ms` passed), from four writers at
 * once so that a transaction is always waiting: the log never stands still by itself. Returns the
 * largest WAL file seen and the bytes written.
 */
async function write(s: Setup, bytes: number, ms = 30_000): Promise<{ largestWal: number; written: number }> {
  const insert = s.db.prepare('INSERT INTO t (n, pad) VALUES (?, randomblob(4000))');
  let largestWal = 0;
  let written = 0;
  const end = Date.now() + ms;
  const writer = async () => {
    while (written < bytes && Date.now() < end) {
      await Promise.all(Array.from({ length: 8 }, () => s.commits.run(() => insert.run(next++))));
      written += 8 * 4000;
      largestWal = Math.max(largestWal, statSync(`${s.file}-wal`).size);
    }
  };
  await Promise.all([writer(), writer(), writer(), writer()]);
  return { largestWal, written };
}

const rows = (db: Db) => (db.prepare('SELECT count(*) AS c FROM t').get() as { c: number }).c;

describe('WAL checkpoints in a thread', () => {
  it('keeps the WAL bounded while commits go on, with the main connection checkpointing nothing itself', async () => {
    const s = setUp();
    const { largestWal, written } = await write(s, 64 * MB);
    expect(s.checkpointer.where).toBe('thread');
    expect(s.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    // Far more went through the log than it ever held: it was started over again and again.
    expect(written).toBeGreaterThanOrEqual(64 * MB);
    // 300 pages (1.2 MB) past which a window restarts it, plus what commits add while a pass runs
    // (here commits write about 50 MB a second on a quiet machine, so a few MB).
    expect(largestWal).toBeLessThan(16 * MB);
    expect(s.logs).toEqual([]);
  });

  it("runs the upkeep's TRUNCATE in a window, and every commit made before and around it survives a reopen", async () => {
    const s = setUp({ restartPages: 1_000_000 });
    await write(s, 4 * MB);
    expect(statSync(`${s.file}-wal`).size).toBeGreaterThan(0);
    const during = Promise.all(Array.from({ length: 20 }, () => s.commits.run(() => s.db.prepare('INSERT INTO t (n) VALUES (?)').run(next++))));
    const r = await s.checkpointer.truncate();
    // Before the units queued during the window commit (they do on the next turn).
    expect(statSync(`${s.file}-wal`).size).toBe(0);
    expect(r.busy).toBe(false);
    await during;
    const count = rows(s.db);
    open.splice(open.indexOf(s), 1);
    await s.checkpointer.close();
    s.sync.close();
    s.db.close();
    const again = new Database(s.file, { readonly: true });
    expect(rows(again)).toBe(count);
    expect(again.pragma('integrity_check', { simple: true })).toBe('ok');
    again.close();
  });

  it('skips the TRUNCATE instead of waiting while another connection reads (a backup), and commits go on', async () => {
    const s = setUp({ restartPages: 1_000_000 });
    await write(s, 2 * MB);
    const reader = new Database(s.file, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM t').get();
    await write(s, MB);
    expect((await s.checkpointer.truncate()).busy).toBe(true);
    await s.commits.run(() => s.db.prepare('INSERT INTO t (n) VALUES (?)').run(next++));
    reader.exec('COMMIT');
    reader.close();
    expect((await s.checkpointer.truncate()).busy).toBe(false);
  });

  it('falls back to checkpoints on the main connection when the thread dies, and logs it', async () => {
    const s = setUp({ threadEntry: fixture('dies-on-first-request.js') });
    const { written } = await write(s, 8 * MB);
    // The thread dies on its first request, once it has started: on a fast machine the writes can
    // end before that (a CI-like run saw 'thread' here). The test's own timeout bounds the wait.
    while (s.checkpointer.where !== 'main') await sleep(10);
    expect(s.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(s.logs.join('')).toContain('the WAL checkpoint thread failed');
    // SQLite's own checkpoints keep it bounded from then on. The file keeps the size it reached
    // before the thread was found dead (later than the first writes on a slow machine): it must
    // not grow past that by more than SQLite's own step (1000 pages), where 32 MB went through it.
    const reached = Math.max(statSync(`${s.file}-wal`).size, 4 * MB);
    const after = await write(s, 32 * MB);
    expect(written + after.written).toBeGreaterThanOrEqual(40 * MB);
    expect(after.largestWal).toBeLessThan(reached + 4 * MB);
    expect((await s.checkpointer.truncate()).busy).toBe(false);
    expect(statSync(`${s.file}-wal`).size).toBe(0);
  });

  it('lets the waiting commits go when the thread dies in a window, and truncates on the main connection instead', async () => {
    const s = setUp({ threadEntry: fixture('dies-in-window.js'), restartPages: 1_000_000 });
    await write(s, 2 * MB);
    expect(s.checkpointer.where).toBe('thread');
    const before = rows(s.db);
    const truncated = s.checkpointer.truncate();
    // Asked for while the window is open: they wait for it, then commit.
    const waiting = Promise.all(Array.from({ length: 10 }, () => s.commits.run(() => s.db.prepare('INSERT INTO t (n) VALUES (?)').run(next++))));
    const r = await truncated;
    await waiting;
    expect(r.busy).toBe(false);
    expect(s.checkpointer.where).toBe('main');
    expect(rows(s.db)).toBe(before + 10);
    expect(s.logs.join('')).toContain('the WAL checkpoint thread failed');
    await sleep(20);
    await write(s, MB);
  });
});
