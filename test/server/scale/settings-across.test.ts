import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { createActiveWorkflow, startCluster, until, type Cluster } from '../../support/cluster.js';
import { hookToHttp } from '../../support/workflows.js';

// No EGRESS_ALLOW floor: loopback receivers are refused until the owner allows them in Settings.
let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ EGRESS_ALLOW: '' });
}, 30_000);
afterAll(() => cluster?.stop());

describe('the egress allow-list across processes', () => {
  it('an entry saved in Settings through the web process is in effect in the worker process', async () => {
    const rcv = await startReceiver();
    const web = await cluster.start('web', 'web,scheduler');
    await cluster.start('worker', 'worker');
    const key = (await cluster.cli(['api-key', 'create', '--name', 'egress'])).trim().split('\n').pop() as string;
    const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const wf = await createActiveWorkflow(web.base as string, key, hookToHttp(`${rcv.url}/e`));
    const put = await fetch(`${web.base}/api/settings/egress`, { method: 'PUT', headers: auth, body: JSON.stringify({ entries: ['127.0.0.1/32'] }) });
    expect(put.status).toBe(200);
    const ack = await fetch(wf.hook as string, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n: 1 }) });
    const { runId } = (await ack.json()) as { runId: string };
    const status = async () => ((await (await fetch(`${web.base}/api/runs/${runId}`, { headers: auth })).json()) as { status: string }).status;
    expect(await until(async () => ['succeeded', 'failed'].includes(await status()), 20_000)).toBe(true);
    expect(await status()).toBe('succeeded');
    expect(rcv.got).toHaveLength(1);
    await rcv.close();
  }, 40_000);
});
