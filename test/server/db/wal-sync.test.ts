import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/store/sqlite/database.js';
import { createCommitQueue } from '../../../server/store/sqlite/commit-queue.js';
import { createWalSync, syncDirectory } from '../../../server/store/sqlite/wal-sync.js';
import { tempDir } from '../../support/temp-dir.js';

function freshDb() {
  const dir = tempDir();
  const file = `${dir.path}/t.db`;
  const db = openDatabase(file);
  db.exec('CREATE TABLE t (n INTEGER)');
  return { db, file, cleanup: () => (db.close(), dir.cleanup()) };
}

describe('commits made durable off the event loop', () => {
  it('resolves a unit only after the durable step, and rejects the batch when it fails', async () => {
    const { db, cleanup } = freshDb();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const commits = createCommitQueue(db, { durable: () => gate });
    let done = false;
    const unit = commits.run(() => db.prepare('INSERT INTO t VALUES (1)').run()).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(db.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 1 }); // committed...
    expect(done).toBe(false); // ...but not acknowledged yet
    release();
    await unit;
    const failing = createCommitQueue(db, { durable: () => Promise.reject(new Error('EIO')) });
    await expect(failing.run(() => 1)).rejects.toThrow('EIO');
    cleanup();
  });

  it('fsyncs the real WAL, sharing one fsync among commits that arrive while one runs', async () => {
    const { db, file, cleanup } = freshDb();
    const sync = createWalSync(db, file);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL: the fsync is ours
    const commits = createCommitQueue(db, { durable: sync.afterCommit });
    const all = await Promise.all(Array.from({ length: 50 }, (_, i) => commits.run(() => db.prepare('INSERT INTO t VALUES (?)').run(i).changes)));
    expect(all.every((c) => c === 1)).toBe(true);
    const later = await Promise.all([sync.afterCommit(), sync.afterCommit(), sync.afterCommit()]);
    expect(later).toHaveLength(3);
    sync.close();
    cleanup();
  });

  it('reports the first commit durable only once the directory fsync, started when the WAL sync was made, has finished', async () => {
    const { db, file, cleanup } = freshDb();
    let release!: () => void;
    const synced: string[] = [];
    // The real directory fsync, held back until the test lets it go.
    const held = (path: string) => new Promise<void>((r) => (release = r)).then(() => syncDirectory(path)).then(() => void synced.push(path));
    const sync = createWalSync(db, file, { syncDirectory: held });
    let durable = false;
    const first = Promise.all([sync.afterCommit(), sync.afterCommit()]).then(() => (durable = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(durable).toBe(false);
    release();
    await first;
    expect(synced).toEqual([dirname(file)]);
    await expect(sync.afterCommit()).resolves.toBeUndefined();
    sync.close();
    cleanup();
  });
});
