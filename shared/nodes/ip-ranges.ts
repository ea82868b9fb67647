import ipaddr from 'ipaddr.js';

/**
 * IP addresses and CIDR ranges for a trigger's allow list, with ipaddr.js. A module of its own
 * so the editor can load ipaddr.js after its first screen (see client/lazy/).
 */

/** An IPv4 or IPv6 address or CIDR range; IPv4 in plain four-part decimal only. */
export function isIpOrCidr(text: string): boolean {
  const [addr = '', bits, extra] = text.trim().split('/');
  if (extra !== undefined || (bits !== undefined && !/^\d{1,3}$/.test(bits))) return false;
  if (ipaddr.IPv4.isValidFourPartDecimal(addr)) return bits === undefined || Number(bits) <= 32;
  if (!addr.includes(':') || !ipaddr.IPv6.isValid(addr) || Number(bits ?? 128) > 128) return false;
  // A range of IPv4-mapped addresses must stay inside ::ffff:0:0/96, or it would mix families.
  return !ipaddr.IPv6.parse(addr).isIPv4MappedAddress() || Number(bits ?? 128) >= 96;
}
