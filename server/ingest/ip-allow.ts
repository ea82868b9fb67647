import ipaddr from 'ipaddr.js';

/** An IP address parsed and normalised: an IPv4-mapped IPv6 address (::ffff:a.b.c.d) becomes its IPv4 form. */
export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;
/** A CIDR range: network address and prefix length, in the same family as the addresses it matches. */
export type IpRange = [IpAddress, number];

const fromMapped = (a: IpAddress): IpAddress => (a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress() ? (a as ipaddr.IPv6).toIPv4Address() : a);

/**
 * Parses one address strictly: IPv4 only in four-part decimal (no `127.1`, `0x7f.1` or `2130706433`:
 * proxies and sockets never write those, so they would only be a way to confuse a check), IPv6 in
 * any standard form, with optional brackets; an IPv6 zone id is dropped. Pure; null when not an address.
 */
export function parseIp(text: string): IpAddress | null {
  let t = text.trim();
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1);
  t = t.replace(/%[0-9A-Za-z._~-]*$/, '');
  try {
    if (ipaddr.IPv4.isValidFourPartDecimal(t)) return ipaddr.IPv4.parse(t);
    if (t.includes(':') && ipaddr.IPv6.isValid(t)) return fromMapped(ipaddr.IPv6.parse(t));
  } catch {
    // isValid and parse disagree on some exotic input: treat it as not an address
  }
  return null;
}

/**
 * Parses an allow-list entry: a CIDR range (`203.0.113.0/24`, `2001:db8::/32`) or a single address
 * (a /32 or /128). An IPv4-mapped IPv6 range (`::ffff:10.0.0.0/104`) becomes the IPv4 range it
 * covers, so it matches IPv4 clients however the socket reports them. Pure; null when invalid.
 */
export function parseIpRange(text: string): IpRange | null {
  const t = text.trim();
  const slash = t.lastIndexOf('/');
  if (slash === -1) {
    const addr = parseIp(t);
    return addr ? [addr, addr.kind() === 'ipv4' ? 32 : 128] : null;
  }
  const addr = parseIp(t.slice(0, slash));
  const bitsText = t.slice(slash + 1);
  if (!addr || !/^\d{1,3}$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  const raw = parseRawV6(t.slice(0, slash));
  // The mapped block ::ffff:0:0/96 holds IPv4: a range inside it is an IPv4 range.
  if (raw?.isIPv4MappedAddress() && bits >= 96 && bits <= 128) return [raw.toIPv4Address(), bits - 96];
  if (raw?.isIPv4MappedAddress()) return null; // wider than the mapped block: mixes families, refuse rather than guess
  const max = addr.kind() === 'ipv4' ? 32 : 128;
  return bits <= max ? [addr, bits] : null;
}

function parseRawV6(text: string): ipaddr.IPv6 | null {
  const t = text.trim().replace(/^\[|\]$/g, '');
  try {
    return t.includes(':') && ipaddr.IPv6.isValid(t) ? ipaddr.IPv6.parse(t) : null;
  } catch {
    return null;
  }
}

/** True when the address lies in the range (an IPv4 address never matches an IPv6 range, and the other way round). */
export function inRange(addr: IpAddress, range: IpRange): boolean {
  return addr.kind() === range[0].kind() && addr.match(range);
}

/** A compiled allow-list: says whether a client address (text, as `clientAddress` gives it) may call. */
export type AllowCheck = (address: string | null) => boolean;

/**
 * Compiles an allow-list once (the resolver caches it with the trigger). Entries that do not parse
 * are skipped (the node schema refuses them on save, so this only guards stored data). A client
 * whose address is unknown or unparsable is refused: the list is a fence, it fails closed.
 */
export function compileAllowList(entries: readonly string[]): AllowCheck {
  const ranges = entries.map(parseIpRange).filter((r): r is IpRange => r !== null);
  return (address) => {
    const addr = address === null ? null : parseIp(address);
    return addr !== null && ranges.some((r) => inRange(addr, r));
  };
}

/** The canonical text of an address (IPv4 dotted, IPv6 RFC 5952), or null when the text is not one. */
export function canonicalIp(text: string): string | null {
  const addr = parseIp(text);
  if (!addr) return null;
  return addr.kind() === 'ipv4' ? addr.toString() : (addr as ipaddr.IPv6).toRFC5952String();
}
