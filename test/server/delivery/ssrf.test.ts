import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect as netConnect } from 'node:net';
import type { buildConnector } from 'undici';
import { createManualClock } from '../../../server/lib/clock.js';
import { createDeliveryClient } from '../../../server/delivery/delivery-client.js';
import { createDeliverer } from '../../../server/delivery/deliver.js';
import { createEgressGuard, type Lookup } from '../../../server/delivery/egress-guard.js';
import { createEndpointHealth } from '../../../server/delivery/endpoint-health.js';
import { parseEgressAllowList } from '../../../server/delivery/egress-allow-list.js';
import { req, startReceiver, testDelivery, type Receiver } from './support.js';

// No test here may reach anything but loopback: fake names resolve to 127.0.0.1, and the one
// test that pretends a name is public uses a connector that can only dial 127.0.0.1.
const fakeDns: Lookup = async (host) => {
  if (host === 'loopback.test' || host === 'redirector.test') return [{ address: '127.0.0.1', family: 4 }];
  if (host === 'mixed.test')
    return [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.1', family: 4 },
    ];
  if (host === 'public.test') return [{ address: '93.184.216.34', family: 4 }];
  if (host === 'localhost')
    return [
      { address: '127.0.0.1', family: 4 },
      { address: '::1', family: 6 },
    ];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
};

let target: Receiver;
beforeAll(async () => {
  target = await startReceiver((_q, res) => res.end('{"ok":true}'));
});
afterAll(async () => {
  await target.close();
});

describe('SSRF guard with the allow-list off', () => {
  const loopbackForms = () => [
    `http://127.0.0.1:${target.port}/`,
    `http://localhost:${target.port}/`,
    `http://2130706433:${target.port}/`,
    `http://0x7f.1:${target.port}/`,
    `http://127.1:${target.port}/`,
    `http://0177.0.0.1:${target.port}/`,
    `http://0.0.0.0:${target.port}/`,
    `http://[::1]:${target.port}/`,
    `http://[::ffff:127.0.0.1]:${target.port}/`,
    `http://loopback.test:${target.port}/`,
    `https://127.0.0.1:${target.port}/`,
  ];

  it('refuses every loopback form before a byte is sent, with a clear permanent error', async () => {
    const d = testDelivery({ egressAllow: '', lookup: fakeDns });
    for (const url of loopbackForms()) {
      const out = await d.deliverer.deliver(req(url));
      expect(out.kind, url).toBe('failed');
      if (out.kind !== 'failed') continue;
      expect(out.error, url).toMatchObject({ code: 'egress_blocked', retryable: false });
      expect(out.error.message, url).toMatch(/blocked/);
    }
    expect(target.connections()).toBe(0);
    expect(target.got).toHaveLength(0);
    // Refusals are not the endpoint's fault: no breaker counts them.
    expect(d.endpoints.list().every((e) => e.recent.requests === 0)).toBe(true);
    await d.close();
  });

  it('refuses a name that resolves to loopback through the system resolver (localhost)', async () => {
    const d = testDelivery({ egressAllow: '' });
    const out = await d.deliverer.deliver(req(`http://localhost:${target.port}/x`));
    expect(out).toMatchObject({ kind: 'failed', error: { code: 'egress_blocked' } });
    expect(target.connections()).toBe(0);
    await d.close();
  });

  it('refuses schemes other than http and https', async () => {
    const d = testDelivery({ egressAllow: '' });
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/', 'gopher://127.0.0.1:70/']) {
      const out = await d.deliverer.deliver(req(url));
      expect(out).toMatchObject({ kind: 'failed', error: { code: 'egress_blocked', retryable: false } });
    }
    await d.close();
  });

  it('refuses a redirect to loopback at the hop, even from an allowed host', async () => {
    const redirector = await startReceiver((_q, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${target.port}/stolen` });
      res.end();
    });
    // Only the redirector's NAME is allowed; the address it points to is not.
    const d = testDelivery({ egressAllow: 'redirector.test', lookup: fakeDns });
    const out = await d.deliverer.deliver(req(`http://redirector.test:${redirector.port}/go`, { followRedirects: true }));
    expect(out).toMatchObject({ kind: 'failed', error: { code: 'egress_blocked' } });
    expect(redirector.got).toHaveLength(1);
    expect(out.detail.redirects).toEqual([{ url: `http://redirector.test:${redirector.port}/go`, status: 302, location: `http://127.0.0.1:${target.port}/stolen` }]);
    expect(target.connections()).toBe(0);
    await d.close();
    await redirector.close();
  });

  // Whatever address it is given, this connector dials the loopback receiver: a name that
  // "resolves" to a public address can never make a test reach outside 127.0.0.1.
  function loopbackOnly() {
    const dialled: string[] = [];
    const connector: buildConnector.connector = (opts, cb) => {
      dialled.push(opts.hostname);
      const s = netConnect({ host: '127.0.0.1', port: target.port });
      s.once('connect', () => cb(null, s));
      s.once('error', (e) => cb(e, null));
    };
    const clock = createManualClock();
    const guard = createEgressGuard({ allowList: parseEgressAllowList(''), lookup: fakeDns });
    const client = createDeliveryClient({ guard, baseConnector: connector });
    const deliverer = createDeliverer({ client, guard, clock, endpoints: createEndpointHealth({ clock }) });
    return { dialled, client, deliverer };
  }

  it('refuses a name if any of its addresses is private, without dialling any', async () => {
    const { dialled, client, deliverer } = loopbackOnly();
    const out = await deliverer.deliver(req(`http://mixed.test:${target.port}/`));
    expect(out).toMatchObject({ kind: 'failed', error: { code: 'egress_blocked' } });
    expect(dialled).toEqual([]);
    await client.close();
  });

  it('checks the connected socket as a backstop (a resolver that lied, DNS rebinding)', async () => {
    // The connector plays a resolver whose answer changed between the check and the connect.
    const { dialled, client, deliverer } = loopbackOnly();
    const out = await deliverer.deliver(req(`http://public.test:${target.port}/`));
    expect(dialled).toEqual(['93.184.216.34']);
    expect(out).toMatchObject({ kind: 'failed', error: { code: 'egress_blocked' } });
    if (out.kind === 'failed') expect(out.error.message).toContain('127.0.0.1');
    // TCP was opened by the fake connector, but not one request byte was written.
    expect(target.got).toHaveLength(0);
    await client.close();
  });
});

describe('SSRF guard with an allow-list', () => {
  it('lets an allow-listed CIDR through', async () => {
    const d = testDelivery({ egressAllow: '127.0.0.0/8' });
    const out = await d.deliverer.deliver(req(`http://127.0.0.1:${target.port}/ok`));
    expect(out.kind).toBe('delivered');
    await d.close();
  });

  it('lets an allow-listed host name through whatever it resolves to', async () => {
    const d = testDelivery({ egressAllow: 'loopback.test', lookup: fakeDns });
    const out = await d.deliverer.deliver(req(`http://loopback.test:${target.port}/ok`));
    expect(out.kind).toBe('delivered');
    // ...but not the address itself under another name.
    const other = await d.deliverer.deliver(req(`http://127.0.0.1:${target.port}/ok`));
    expect(other).toMatchObject({ kind: 'failed', error: { code: 'egress_blocked' } });
    await d.close();
  });
});
