import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lookup } from '../../../server/delivery/egress-guard.js';
import { parseEgressAllowList } from '../../../server/delivery/egress-allow-list.js';
import { createLiveAllowList } from '../../../server/delivery/live-allow-list.js';
import { req, startReceiver, testDelivery, type Receiver } from './support.js';

// Names resolve to loopback only: nothing here leaves 127.0.0.1.
const fakeDns: Lookup = async (host) => {
  if (host === 'receiver.test') return [{ address: '127.0.0.1', family: 4 }];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
};

let target: Receiver;
beforeAll(async () => {
  target = await startReceiver((_q, res) => res.end('{"ok":true}'));
});
afterAll(async () => {
  await target.close();
});

describe('a live allow-list (EGRESS_ALLOW joined with stored entries)', () => {
  it('applies a change to the next request, for IP literals the guard had already judged', async () => {
    const live = createLiveAllowList(parseEgressAllowList('10.9.8.7/32'));
    const d = testDelivery({ egressAllow: live.current, lookup: fakeDns });
    const url = `${target.url}/literal`;
    expect(await d.deliverer.deliver(req(url))).toMatchObject({ kind: 'failed', error: { code: 'egress_blocked' } });
    live.replaceStored(['127.0.0.1/32']);
    expect((await d.deliverer.deliver(req(url))).kind).toBe('delivered');
    live.replaceStored([]);
    expect(await d.deliverer.deliver(req(url))).toMatchObject({ kind: 'failed', error: { code: 'egress_blocked' } });
    expect(live.current().entries).toEqual(['10.9.8.7/32']);
    await d.close();
  });

  it('never keeps using a kept-alive connection to a name that is no longer allowed', async () => {
    const live = createLiveAllowList(parseEgressAllowList(''));
    const d = testDelivery({ egressAllow: live.current, lookup: fakeDns });
    const url = `http://receiver.test:${target.port}/named`;
    live.replaceStored(['receiver.test']);
    // Two in a row: by the second, a connection sits idle in the pool, ready for reuse.
    expect((await d.deliverer.deliver(req(url))).kind).toBe('delivered');
    expect((await d.deliverer.deliver(req(url))).kind).toBe('delivered');
    const before = target.got.length;
    // What the settings service does on a change: swap the list, then drop pooled connections.
    live.replaceStored([]);
    d.client.renewConnections();
    expect(await d.deliverer.deliver(req(url))).toMatchObject({ kind: 'failed', error: { code: 'egress_blocked' } });
    expect(target.got.length).toBe(before);
    await d.close();
  });

  it('keeps the floor whatever is stored, and lists each entry once', () => {
    const live = createLiveAllowList(parseEgressAllowList('10.9.8.7/32,crm.internal'));
    live.replaceStored(['crm.internal', '127.0.0.1/32']);
    expect(live.current().entries).toEqual(['10.9.8.7/32', 'crm.internal', '127.0.0.1/32']);
    live.replaceStored([]);
    expect(live.current().entries).toEqual(['10.9.8.7/32', 'crm.internal']);
    expect(live.floor()).toEqual(['10.9.8.7/32', 'crm.internal']);
  });
});
