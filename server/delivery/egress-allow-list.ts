import ipaddr from 'ipaddr.js';
import { parseAddress } from './address-class.js';

/** What the operator lets outbound steps reach although it is not public (`EGRESS_ALLOW`). */
export interface EgressAllowList {
  cidrs: ReadonlyArray<[ipaddr.IPv4 | ipaddr.IPv6, number]>;
  /** Exact host names, lower case, without a trailing dot. */
  hosts: ReadonlySet<string>;
  /** `*.corp.example` entries, stored as ".corp.example". */
  suffixes: readonly string[];
  /** The entries as given, for logs and docs. */
  entries: readonly string[];
}

/** The empty allow-list: only public addresses are reachable. */
export const emptyAllowList: EgressAllowList = { cidrs: [], hosts: new Set(), suffixes: [], entries: [] };

const hostPattern = /^(\*\.)?([a-z0-9_]([a-z0-9_-]{0,62})?)(\.[a-z0-9_]([a-z0-9_-]{0,62})?)*$/;

/** Lower case, no trailing dot: how host names are compared. */
export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * Parses `EGRESS_ALLOW`: comma- (or space-) separated CIDRs, IP addresses and host names
 * (`*.example.com` for every subdomain). Throws an Error naming the bad entry, so a typo
 * stops the server at start instead of silently allowing nothing.
 */
export function parseEgressAllowList(value: string): EgressAllowList {
  const entries = value.split(/[\s,]+/).map((e) => e.trim()).filter((e) => e.length > 0);
  const cidrs: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> = [];
  const hosts = new Set<string>();
  const suffixes: string[] = [];
  for (const entry of entries) {
    if (entry.includes('/')) {
      const [addr, bits] = entry.split('/');
      const parsed = parseAddress(addr ?? '');
      const prefix = Number(bits);
      const max = parsed?.kind() === 'ipv4' ? 32 : 128;
      if (!parsed || !/^\d{1,3}$/.test(bits ?? '') || prefix > max) {
        throw new Error(`EGRESS_ALLOW: "${entry}" is not a valid CIDR (e.g. 10.0.0.0/8 or fd00::/8)`);
      }
      cidrs.push([parsed, prefix]);
      continue;
    }
    const asIp = parseAddress(entry);
    if (asIp) {
      cidrs.push([asIp, asIp.kind() === 'ipv4' ? 32 : 128]);
      continue;
    }
    const host = normalizeHost(entry);
    if (!hostPattern.test(host)) throw new Error(`EGRESS_ALLOW: "${entry}" is neither a CIDR, an IP address nor a host name`);
    if (host.startsWith('*.')) suffixes.push(host.slice(1));
    else hosts.add(host);
  }
  return { cidrs, hosts, suffixes, entries };
}

/** True when the operator allowed this address (v4-mapped IPv6 is matched as IPv4). */
export function addressAllowed(list: EgressAllowList, address: string): boolean {
  const parsed = parseAddress(address);
  if (!parsed) return false;
  return list.cidrs.some(([net, bits]) => net.kind() === parsed.kind() && parsed.match(net, bits));
}

/** True when the operator allowed this host name (exactly or through a `*.` entry). */
export function hostAllowed(list: EgressAllowList, host: string): boolean {
  const h = normalizeHost(host);
  return list.hosts.has(h) || list.suffixes.some((s) => h.endsWith(s));
}
