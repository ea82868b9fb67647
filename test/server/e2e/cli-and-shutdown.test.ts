import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { cli, freePort, startServerProcess } from '../../support/server-process.js';
import { tempDir } from '../../support/temp-dir.js';
import { hookToHttp } from '../../support/workflows.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('the switchyard command', () => {
  it('imports, exports and lists from the data dir, and shuts the server down cleanly on SIGTERM', async () => {
    const rcv = await startReceiver();
    const env = { PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: dir.path, EGRESS_ALLOW: '127.0.0.1/32' };
    const file = join(dir.path, 'wf.json');
    writeFileSync(file, JSON.stringify(hookToHttp(`${rcv.url}/cli`, { n: '{{ trigger.body.n }}' }, 'from a file')));
    const id = (await cli(['workflow', 'import', file], env)).trim();
    expect(id).toMatch(/^wf_/);
    const exported = JSON.parse(await cli(['workflow', 'export', id], env));
    expect(exported.name).toBe('from a file');
    expect(exported.nodes.map((n: { id: string }) => n.id)).toEqual(['hook', 'out']);

    const srv = await startServerProcess(env);
    const key = (await cli(['api-key', 'create', '--name', 'cli'], env)).trim().split('\n').pop();
    const auth = { authorization: `Bearer ${key}` };
    const activated = await (await fetch(`${srv.base}/api/workflows/${id}/activate`, { method: 'POST', headers: auth })).json();
    const hook = `${srv.base}${new URL(activated.hooks[0].url).pathname}`;
    const ack = await (await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":1}' })).json();
    for (let i = 0; i < 100 && rcv.got.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(rcv.got.map((g) => g.body)).toEqual(['{"n":1}']);

    const listed = await cli(['runs', 'list', '--workflow', id], env);
    expect(listed).toContain(ack.runId);

    await srv.stop();
    expect(srv.child.exitCode).toBe(0);
    await expect(fetch(`${srv.base}/healthz`)).rejects.toThrow();
    await rcv.close();
  }, 60_000);

  it('explains a bad command, a missing file and a bad environment instead of crashing', async () => {
    await expect(cli(['workflow', 'import', join(dir.path, 'missing.json')], { DATA_DIR: dir.path })).rejects.toMatchObject({ stderr: expect.stringContaining('switchyard:') });
    await expect(cli(['start'], { DATA_DIR: dir.path, PORT: 'not-a-port' })).rejects.toMatchObject({ stderr: expect.stringContaining('PORT') });
    const help = await cli(['--help'], {});
    expect(help).toContain('api-key');
  });
});
