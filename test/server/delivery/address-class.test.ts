import { describe, expect, it } from 'vitest';
import { classifyAddress } from '../../../server/delivery/address-class.js';
import { addressAllowed, hostAllowed, parseEgressAllowList } from '../../../server/delivery/egress-allow-list.js';

// Pure classification only: nothing here opens a socket, so private ranges are safe to name.
describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['2130706433', 'loopback'],
    ['0x7f.1', 'loopback'],
    ['127.1', 'loopback'],
    ['0177.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['::ffff:10.0.0.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['fd00::1', 'uniqueLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'reserved'],
    ['198.51.100.1', 'reserved'],
    ['203.0.113.9', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['2001::1', 'teredo'],
    ['::7f00:1', 'reserved'],
  ])('%s is %s and not public', (ip, range) => {
    const c = classifyAddress(ip);
    expect(c).toMatchObject({ range, public: false });
  });

  it.each(['93.184.216.34', '1.1.1.1', '8.8.8.8', '2606:4700::1111', '2a00:1450:4001:80b::200e'])('%s is public', (ip) => {
    expect(classifyAddress(ip)).toMatchObject({ range: 'unicast', public: true });
  });

  it('normalises a v4-mapped address to the IPv4 it reaches', () => {
    expect(classifyAddress('::ffff:169.254.169.254')).toEqual({ address: '169.254.169.254', family: 4, range: 'linkLocal', public: false });
  });

  it('returns null for host names and garbage', () => {
    expect(classifyAddress('example.com')).toBeNull();
    expect(classifyAddress('localhost')).toBeNull();
    expect(classifyAddress('')).toBeNull();
  });
});

describe('parseEgressAllowList', () => {
  it('reads CIDRs, bare addresses and host names, comma or space separated', () => {
    const list = parseEgressAllowList(' 127.0.0.1/32, ::1/128 10.1.0.0/16,crm.internal,*.corp.example , 192.168.0.7 ');
    expect(list.entries).toHaveLength(6);
    expect(addressAllowed(list, '127.0.0.1')).toBe(true);
    expect(addressAllowed(list, '127.0.0.2')).toBe(false);
    expect(addressAllowed(list, '::1')).toBe(true);
    expect(addressAllowed(list, '::ffff:127.0.0.1')).toBe(true);
    expect(addressAllowed(list, '10.1.200.3')).toBe(true);
    expect(addressAllowed(list, '10.2.0.1')).toBe(false);
    expect(addressAllowed(list, '192.168.0.7')).toBe(true);
    expect(hostAllowed(list, 'CRM.internal.')).toBe(true);
    expect(hostAllowed(list, 'a.b.corp.example')).toBe(true);
    expect(hostAllowed(list, 'corp.example')).toBe(false);
    expect(hostAllowed(list, 'evilcrm.internal')).toBe(false);
  });

  it('is empty by default', () => {
    const list = parseEgressAllowList('');
    expect(list.entries).toEqual([]);
    expect(addressAllowed(list, '127.0.0.1')).toBe(false);
  });

  it.each(['10.0.0.0/33', '::1/129', 'not a host!', '10.0.0.0/x', 'http://x'])('refuses %s with a message naming it', (bad) => {
    expect(() => parseEgressAllowList(bad)).toThrow(/EGRESS_ALLOW/);
  });
});
