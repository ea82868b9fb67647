import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/store/sqlite/database.js';
import { createMaintenance } from '../../../server/ops/storage-maintenance.js';
import { convertToIncrementalVacuum, readStorage } from '../../../server/store/sqlite/storage-upkeep.js';
import { createCommitQueue } from '../../../server/store/sqlite/commit-queue.js';
import { createSqliteStore } from '../../../server/store/sqlite/create-sqlite-store.js';
import { startTestApp } from '../../support/test-app.js';
import { tempDir } from '../../support/temp-dir.js';

const silent = pino({ level: 'silent' });
const dirs = [tempDir()];
afterAll(() => dirs.forEach((d) => d.cleanup()));

/** Fills a table with ~4 MB of rows, then deletes them: free pages for the vacuum to give back. */
function churn(db: Database.Database) {
  db.exec('CREATE TABLE IF NOT EXISTS filler (x BLOB)');
  const insert = db.prepare('INSERT INTO filler (x) VALUES (randomblob(4000))');
  db.transaction(() => {
    for (let i = 0; i < 1000; i++) insert.run();
  })();
  db.exec('DELETE FROM filler');
}

describe('database upkeep', () => {
  it('creates new databases with incremental vacuum', () => {
    const db = openDatabase(join(dirs[0]!.path, 'new.db'));
    expect(readStorage(db, join(dirs[0]!.path, 'new.db')).autoVacuum).toBe('incremental');
    db.close();
  });

  it('converts an older database (no auto-vacuum) once at start, and leaves a too large one alone', () => {
    const file = join(dirs[0]!.path, 'old.db');
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    raw.exec('CREATE TABLE keep (x)');
    raw.exec("INSERT INTO keep VALUES ('still here')");
    raw.close();
    const db = openDatabase(file);
    expect(readStorage(db, file).autoVacuum).toBe('none');
    expect(convertToIncrementalVacuum(db, file, 1, silent)).toBe('too_large');
    expect(convertToIncrementalVacuum(db, file, 1024 * 1024 * 1024, silent)).toBe('converted');
    expect(readStorage(db, file).autoVacuum).toBe('incremental');
    expect(db.prepare('SELECT x FROM keep').get()).toEqual({ x: 'still here' });
    expect(convertToIncrementalVacuum(db, file, 1024 * 1024 * 1024, silent)).toBe('incremental');
    db.close();
  });

  it('gives free pages back, truncates the WAL and samples the size', async () => {
    const file = join(dirs[0]!.path, 'upkeep.db');
    const db = openDatabase(file);
    churn(db);
    const before = readStorage(db, file);
    expect(before.freeBytes).toBeGreaterThan(3_000_000);
    expect(before.walBytes).toBeGreaterThan(0);
    let now = 1_000_000;
    const store = createSqliteStore(db, createCommitQueue(db));
    const m = createMaintenance({ store, clock: { now: () => now }, logger: silent, vacuumPagesPerTick: 100_000 });
    const r = await m.tick();
    expect(r.vacuumedPages).toBeGreaterThan(700);
    expect(r.checkpoint.busy).toBe(false);
    expect(r.sampled).toBe(true);
    const after = readStorage(db, file);
    expect(after.freeBytes).toBe(0);
    expect(after.walBytes).toBe(0);
    expect(statSync(file).size).toBeLessThan(before.dbBytes - 3_000_000);
    // Hourly samples: not again within the hour, again after it.
    now += 60_000;
    expect((await m.tick()).sampled).toBe(false);
    now += 3600_000;
    expect((await m.tick()).sampled).toBe(true);
    expect(await store.stats.samplesSince(0)).toHaveLength(2);
    db.close();
  });

  it('skips the checkpoint instead of waiting while another connection reads (a backup in progress)', async () => {
    const file = join(dirs[0]!.path, 'busy.db');
    const db = openDatabase(file);
    db.exec('CREATE TABLE t (x)');
    db.prepare('INSERT INTO t VALUES (1)').run();
    const reader = new Database(file);
    reader.exec('BEGIN');
    reader.prepare('SELECT * FROM t').all();
    db.prepare('INSERT INTO t VALUES (2)').run();
    const m = createMaintenance({ store: createSqliteStore(db, createCommitQueue(db)), clock: { now: () => 1 }, logger: silent });
    const r = await m.tick();
    expect(r.checkpoint.busy).toBe(true);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    reader.exec('COMMIT');
    reader.close();
    db.close();
  });
});

describe('GET /api/system/storage on either store', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    t = await startTestApp({ RETENTION_DAYS: '14', STEP_PAYLOAD_MAX_BYTES: '65536' });
  });
  afterAll(() => t.stop());

  it('shows the size, the row counts and the policy that bounds them, to an authenticated caller', async () => {
    const res = await request(t.app.handler).get('/api/system/storage').set(t.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      counts: { workflows: 0, runs: 0, steps: 0, events: 0 },
      retention: { days: 14, maxRuns: 10000, failedDays: 90, failedMaxRuns: 10000 },
      stepPayloadMaxBytes: 65536,
    });
    expect(res.body.dbBytes).toBeGreaterThan(0);
    expect((await request(t.app.handler).get('/api/system/storage')).status).toBe(401);
  });
});

// SQLite only: it reads the database file's size, its WAL and incremental vacuum, which PostgreSQL does not have.
describe.skipIf(process.env.SWITCHYARD_TEST_DATABASE === 'postgres')('GET /api/system/storage on the SQLite file', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    t = await startTestApp({ RETENTION_DAYS: '14', STEP_PAYLOAD_MAX_BYTES: '65536' });
  });
  afterAll(() => t.stop());

  it('shows the size, what fills it, how it grew and the policy that bounds it', async () => {
    const day = 24 * 3600 * 1000;
    const size = readStorage(t.app.db, t.config.dbFile).dbBytes;
    t.app.db.prepare('INSERT INTO storage_samples (at, db_bytes, wal_bytes, free_bytes) VALUES (?, ?, 0, 0)').run(Date.now() - 2 * day, size - 10_000);
    const res = await request(t.app.handler).get('/api/system/storage').set(t.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      autoVacuum: 'incremental',
      counts: { workflows: 0, runs: 0, steps: 0, events: 0 },
      retention: { days: 14, maxRuns: 10000, failedDays: 90, failedMaxRuns: 10000 },
      stepPayloadMaxBytes: 65536,
    });
    expect(res.body.dbBytes).toBeGreaterThan(0);
    expect(res.body.totalBytes).toBe(res.body.dbBytes + res.body.walBytes);
    expect(res.body.growth.lastDay).toMatchObject({ bytes: res.body.dbBytes - (size - 10_000) });
    expect(res.body.history.length).toBeGreaterThanOrEqual(1);
    expect((await request(t.app.handler).get('/api/system/storage')).status).toBe(401);
    const m = await request(t.app.handler).post('/api/system/maintenance').set(t.auth);
    expect(m.status).toBe(200);
    expect(m.body.checkpoint).toMatchObject({ busy: false });
  });
});
