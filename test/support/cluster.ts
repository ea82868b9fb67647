// Several built Switchyard processes sharing one fresh PostgreSQL database, each with its roles,
// as a deployment runs them. Needs `npm run build:server` first.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freshPostgresDatabase } from './postgres.js';
import { cli, freePort } from './server-process.js';
import { tempDir } from './temp-dir.js';

const bin = fileURLToPath(new URL('../../bin/switchyard.mjs', import.meta.url));

export interface RoleProcess {
  name: string;
  roles: string;
  child: ChildProcess;
  /** JSON log lines so far. */
  logs: () => Array<Record<string, unknown>>;
  /** What it wrote to stderr so far (a crash's stack). */
  stderr: () => string;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

/** A cluster over a fresh database: `start` spawns a process with roles, `sql` reads the shared tables, `stop` ends it all. */
export async function startCluster(extraEnv: Record<string, string> = {}, o: { adminUrl?: string } = {}) {
  const database = await freshPostgresDatabase(o.adminUrl);
  const dir = tempDir('switchyard-cluster-');
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    SWITCHYARD_SECRET_KEY: '42'.repeat(32),
    DATA_DIR: dir.path,
    EGRESS_ALLOW: '127.0.0.1/32',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    ...extraEnv,
  };
  const processes: RoleProcess[] = [];
  // The test's own connection; a new one after PostgreSQL restarted (a test may restart it).
  let client: pg.Client | undefined;
  const connected = async () => {
    if (client) return client;
    const c = new pg.Client({ connectionString: database.url });
    c.on('error', () => {
      if (client === c) client = undefined;
    });
    await c.connect();
    client = c;
    return c;
  };
  await connected();

  /** Spawns `switchyard start --role <roles>` and resolves once it logged that it is ready. */
  async function start(name: string, roles: string, more: Record<string, string> = {}): Promise<RoleProcess & { base?: string }> {
    const port = roles.includes('web') ? String(await freePort()) : '0';
    const child = spawn(process.execPath, [bin, 'start', '--role', roles], { env: { ...process.env, ...env, PORT: port, ...more }, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: Array<Record<string, unknown>> = [];
    let rest = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => {
      const parts = (rest + d.toString()).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        try {
          lines.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          lines.push({ msg: line });
        }
      }
    });
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    for (let i = 0; i < 300 && !lines.some((l) => l.msg === 'Switchyard is ready'); i++) {
      if (child.exitCode !== null) throw new Error(`${name} (--role ${roles}) exited: ${stderr}${lines.map((l) => JSON.stringify(l)).join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    if (!lines.some((l) => l.msg === 'Switchyard is ready')) throw new Error(`${name} never got ready: ${stderr}`);
    const p: RoleProcess & { base?: string } = {
      name,
      roles,
      child,
      base: port !== '0' ? `http://127.0.0.1:${port}` : undefined,
      logs: () => lines,
      stderr: () => stderr,
      kill: async (signal = 'SIGKILL') => {
        if (child.exitCode === null) child.kill(signal);
        await exited;
      },
    };
    processes.push(p);
    return p;
  }

  return {
    env,
    start,
    /** Every process started so far (killed ones included). */
    processes: () => [...processes],
    /** Runs the built CLI against the shared database. */
    cli: (args: string[]) => cli(args, env),
    sql: async <R extends Record<string, unknown>>(text: string, params: unknown[] = []) => (await (await connected()).query(text, params)).rows as R[],
    async stop() {
      await Promise.all(processes.map((p) => p.kill('SIGTERM')));
      await client?.end().catch(() => undefined);
      await database.drop();
      dir.cleanup();
    },
  };
}
export type Cluster = Awaited<ReturnType<typeof startCluster>>;

/** Creates and activates a workflow through a web process's API; returns its id and trigger URL (on that process). */
export async function createActiveWorkflow(base: string, key: string, definition: unknown): Promise<{ id: string; hook?: string }> {
  const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const res = await fetch(`${base}/api/workflows`, { method: 'POST', headers: auth, body: JSON.stringify(definition) });
  const created = (await res.json()) as { id: string; hooks?: Array<{ url: string }> };
  if (!res.ok) throw new Error(`creating the workflow answered ${res.status}: ${JSON.stringify(created)}`);
  const act = await fetch(`${base}/api/workflows/${created.id}/activate`, { method: 'POST', headers: auth });
  if (!act.ok) throw new Error(`activating answered ${act.status}`);
  const hook = created.hooks?.[0]?.url;
  return { id: created.id, hook: hook ? `${base}${new URL(hook).pathname}` : undefined };
}

/** Waits until `done()` holds, checking every 100 ms, at most `ms`. */
export async function until(done: () => boolean | Promise<boolean>, ms = 30_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await done()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return done();
}
