// PostgreSQL for the scale bench: a fresh database per measurement on the machine's server
// (127.0.0.1:5432, trust auth, as on every machine of this kind), and pgbench's ceiling for
// small write transactions on the same server, measured in the same run.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** The maintenance database the bench's databases are created from. */
export const adminUrl = process.env.SWITCHYARD_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const withDatabase = (database) => {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
};

async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database `sy_bench_<random>`; `drop` removes it. */
export async function freshDatabase() {
  const name = `sy_bench_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  return { name, url: withDatabase(name), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * pgbench's simple-update transactions (`-N`: three writes and a read per transaction, each
 * committed with `synchronous_commit=on`) with `clients` connections for `seconds`: the
 * number of small durable transactions per second this server takes on this machine now.
 */
export async function pgbenchCeiling({ clients = 8, seconds = 5 } = {}) {
  const db = await freshDatabase();
  try {
    const u = new URL(db.url);
    const conn = ['-h', u.hostname, '-p', u.port || '5432', '-U', u.username || 'postgres'];
    await run('pgbench', ['-i', '-q', '-s', '1', ...conn, db.name], { timeout: 120_000 });
    const { stdout } = await run('pgbench', ['-n', '-N', '-c', String(clients), '-j', '2', '-T', String(seconds), ...conn, db.name], { timeout: (seconds + 60) * 1000 });
    const tps = /tps = ([\d.]+)/.exec(stdout);
    return { clients, seconds, tps: tps ? Math.round(Number(tps[1])) : null };
  } catch (error) {
    return { clients, seconds, tps: null, error: String(error.message ?? error).slice(0, 300) };
  } finally {
    await db.drop();
  }
}
