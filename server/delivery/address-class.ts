import ipaddr from 'ipaddr.js';

/** What an IP address is, for the egress guard. */
export interface AddressClass {
  /** Canonical text of the address (an IPv4-mapped IPv6 address as its IPv4 form). */
  address: string;
  family: 4 | 6;
  /** ipaddr.js range name ("loopback", "private", "linkLocal", "uniqueLocal", ...) or "unicast". */
  range: string;
  /** True only for globally routable unicast: the one kind a user's step may reach unasked. */
  public: boolean;
}

// Global unicast IPv6 is 2000::/3; ipaddr.js calls everything it has no name for "unicast",
// including the deprecated IPv4-compatible ::a.b.c.d block, so the prefix is checked too.
const globalUnicast6 = ipaddr.parseCIDR('2000::/3');

/** Parses an address in any notation ipaddr.js knows (2130706433, 0x7f.1, 127.1, [::1], fe80::1%eth0). */
export function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  let t = text.trim();
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1);
  if (!ipaddr.isValid(t)) return null;
  try {
    const parsed = ipaddr.parse(t);
    // IPv4 hidden in IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it reaches.
    if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
      return (parsed as ipaddr.IPv6).toIPv4Address();
    }
    return parsed;
  } catch {
    return null;
  }
}

/**
 * Classifies an IP address (any notation). Pure; `null` when the text is not an address.
 * Loopback, private, link-local (169.254.169.254 included), CGNAT, unique-local, multicast,
 * reserved, documentation, NAT64/6to4/Teredo and unspecified addresses are not public.
 */
export function classifyAddress(text: string): AddressClass | null {
  const addr = parseAddress(text);
  if (!addr) return null;
  const range = addr.range();
  if (addr.kind() === 'ipv4') {
    return { address: addr.toString(), family: 4, range, public: range === 'unicast' };
  }
  const v6 = addr as ipaddr.IPv6;
  const isPublic = range === 'unicast' && v6.match(globalUnicast6);
  return { address: v6.toString().replace(/%.*$/, ''), family: 6, range: isPublic || range !== 'unicast' ? range : 'reserved', public: isPublic };
}
