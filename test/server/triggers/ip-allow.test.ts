import { describe, expect, it } from 'vitest';
import { canonicalIp, compileAllowList, parseIp, parseIpRange } from '../../../server/ingest/ip-allow.js';
import { isIpOrCidr } from '../../../shared/nodes/webhook.node.js';

describe('IP parsing (strict, pure)', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['  203.0.113.7 ', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:cb00:7107', '203.0.113.7'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['::1', '::1'],
  ])('reads %s as %s', (text, canonical) => {
    expect(canonicalIp(text)).toBe(canonical);
  });

  it.each(['2130706433', '0x7f.0.0.1', '127.1', '127.0.0.1.', '256.1.1.1', 'localhost', '', '1.2.3.4/8', '::ffff:1.2.3', 'not an ip'])('refuses %j', (text) => {
    expect(parseIp(text)).toBeNull();
  });
});

describe('allow-list ranges', () => {
  it('matches IPv4 CIDRs, whatever form the client address comes in', () => {
    const allow = compileAllowList(['203.0.113.0/24']);
    expect(allow('203.0.113.200')).toBe(true);
    expect(allow('::ffff:203.0.113.200')).toBe(true);
    expect(allow('203.0.114.1')).toBe(false);
    expect(allow('2001:db8::1')).toBe(false);
  });

  it('matches IPv6 CIDRs and single addresses, and never crosses families', () => {
    const allow = compileAllowList(['2001:db8:abcd::/48', '198.51.100.9']);
    expect(allow('2001:db8:abcd:12::1')).toBe(true);
    expect(allow('2001:db8:abce::1')).toBe(false);
    expect(allow('198.51.100.9')).toBe(true);
    expect(allow('198.51.100.10')).toBe(false);
    // ::c633:6409 is the deprecated IPv4-compatible form of 198.51.100.9: a different address.
    expect(allow('::c633:6409')).toBe(false);
  });

  it('turns an IPv4-mapped IPv6 range into the IPv4 range it covers', () => {
    expect(parseIpRange('::ffff:10.0.0.0/104')?.map(String)).toEqual(['10.0.0.0', '8']);
    const allow = compileAllowList(['::ffff:10.0.0.0/104']);
    expect(allow('10.20.30.40')).toBe(true);
    expect(allow('::ffff:10.20.30.40')).toBe(true);
    expect(allow('11.0.0.1')).toBe(false);
    expect(parseIpRange('::ffff:0:0/64')).toBeNull();
  });

  it('fails closed on an unknown or unparsable client address', () => {
    const allow = compileAllowList(['0.0.0.0/0', '::/0']);
    expect(allow('192.0.2.1')).toBe(true);
    expect(allow('2001:db8::5')).toBe(true);
    expect(allow(null)).toBe(false);
    expect(allow('garbage')).toBe(false);
  });

  it('refuses bad ranges in the node schema and the server alike', () => {
    for (const bad of ['10.0.0.0/33', '2001:db8::/129', '10.0.0.0/8/8', '10.0.0.0/x', '127.1', '::ffff:0:0/64', 'example.com', '']) {
      expect(isIpOrCidr(bad), bad).toBe(false);
      expect(parseIpRange(bad), bad).toBeNull();
    }
    for (const good of ['10.0.0.0/8', '192.0.2.1', '2001:db8::/32', '::1', '::ffff:10.0.0.0/104']) {
      expect(isIpOrCidr(good), good).toBe(true);
      expect(parseIpRange(good), good).not.toBeNull();
    }
  });
});
