import { describe, expect, it } from 'vitest';
import { clientAddress, clientAddressOf, parseTrustProxy } from '../../../server/ingest/client-address.js';

const none = parseTrustProxy('');
const oneHop = parseTrustProxy('1');
const twoHops = parseTrustProxy('2');
const known = parseTrustProxy('loopback, 10.0.0.0/8');

describe('TRUST_PROXY parsing', () => {
  it('reads off, hop counts, address lists and named ranges', () => {
    for (const off of ['', 'false', '0', 'off']) expect(parseTrustProxy(off)).toEqual({ kind: 'none' });
    expect(parseTrustProxy('2')).toEqual({ kind: 'hops', hops: 2 });
    expect(known.kind).toBe('ranges');
    expect(parseTrustProxy('192.0.2.10,2001:db8::/64').kind).toBe('ranges');
  });

  it('refuses what would believe anyone, or is not an address', () => {
    expect(() => parseTrustProxy('true')).toThrow(/any X-Forwarded-For/);
    expect(() => parseTrustProxy('11')).toThrow(/at most 10/);
    expect(() => parseTrustProxy('proxy.internal')).toThrow(/not an IP address/);
    expect(() => parseTrustProxy('10.0.0.0/40')).toThrow(/not an IP address/);
  });
});

describe('client address', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('::ffff:127.0.0.1', '203.0.113.9', none)).toBe('127.0.0.1');
    expect(clientAddress('::1', undefined, none)).toBe('::1');
    expect(clientAddress(undefined, undefined, none)).toBeNull();
  });

  it('with a hop count, takes the address the outermost trusted proxy saw', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.9', oneHop)).toBe('203.0.113.9');
    // A forged entry on the left is ignored: only the proxy's own append counts.
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.9', oneHop)).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.9, 10.0.0.2', twoHops)).toBe('203.0.113.9');
    // Fewer hops than configured: the furthest one there is.
    expect(clientAddress('127.0.0.1', '203.0.113.9', twoHops)).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', undefined, oneHop)).toBe('127.0.0.1');
  });

  it('with proxy ranges, walks from the right while the hop is a trusted proxy', () => {
    expect(clientAddress('127.0.0.1', '6.6.6.6, 198.51.100.4, 10.1.2.3', known)).toBe('198.51.100.4');
    expect(clientAddress('127.0.0.1', '10.1.2.3, 10.9.9.9', known)).toBe('10.1.2.3');
    // An untrusted peer's header is not believed at all.
    expect(clientAddress('198.51.100.77', '203.0.113.9', known)).toBe('198.51.100.77');
  });

  it('reads IPv6 and ports as proxies write them, and gives null for junk', () => {
    expect(clientAddress('::1', '[2001:db8::7]:443', oneHop)).toBe('2001:db8::7');
    expect(clientAddress('::1', '203.0.113.9:5000', oneHop)).toBe('203.0.113.9');
    expect(clientAddress('::1', '::ffff:203.0.113.9', oneHop)).toBe('203.0.113.9');
    expect(clientAddress('::1', 'unknown', oneHop)).toBeNull();
    expect(clientAddress('::1', '2130706433', oneHop)).toBeNull();
  });

  it('looks at a bounded number of hops', () => {
    const long = Array.from({ length: 5_000 }, () => '10.0.0.1').join(',');
    expect(clientAddress('127.0.0.1', `203.0.113.1,${long}`, known)).toBe('10.0.0.1');
  });
});

describe('client address of a request', () => {
  const request = (socket: { remoteAddress?: string }, xff?: string) =>
    ({ socket, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as unknown as Parameters<ReturnType<typeof clientAddressOf>>[0];

  it("answers every request of a connection with the peer's address, kept per connection, and each connection with its own", () => {
    const of = clientAddressOf(none);
    const a = { remoteAddress: '::ffff:127.0.0.1' };
    const b = { remoteAddress: '::1' };
    expect(of(request(a))).toBe('127.0.0.1');
    expect(of(request(a, '203.0.113.9'))).toBe('127.0.0.1');
    expect(of(request(b))).toBe('::1');
    expect(of(request({ remoteAddress: 'junk' }))).toBeNull();
  });

  it('still reads X-Forwarded-For on every request when a proxy is trusted', () => {
    const of = clientAddressOf(oneHop);
    const proxy = { remoteAddress: '10.0.0.2' };
    expect(of(request(proxy, '203.0.113.9'))).toBe('203.0.113.9');
    expect(of(request(proxy, '198.51.100.7'))).toBe('198.51.100.7');
    expect(of(request(proxy))).toBe('10.0.0.2');
  });

  it('keeps nothing for a socket without an address', () => {
    const of = clientAddressOf(none);
    const socket: { remoteAddress?: string } = {};
    expect(of(request(socket))).toBeNull();
    socket.remoteAddress = '127.0.0.1';
    expect(of(request(socket))).toBe('127.0.0.1');
  });
});
