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

type ParsedEntry = { kind: 'cidr'; cidr: [ipaddr.IPv4 | ipaddr.IPv6, number] } | { kind: 'host'; host: string } | { kind: 'suffix'; suffix: string };

/**
 * Reads one allow-list entry: a CIDR, an IP address or a host name (`*.example.com` for every
 * subdomain). Returns why it is not one, as a sentence, instead of throwing.
 */
export function parseEgressEntry(entry: string): { ok: true; value: ParsedEntry } | { ok: false; message: string } {
  if (entry.includes('/')) {
    const [addr, bits] = entry.split('/');
    const parsed = parseAddress(addr ?? '');
    const prefix = Number(bits);
    const max = parsed?.kind() === 'ipv4' ? 32 : 128;
    if (!parsed || !/^\d{1,3}$/.test(bits ?? '') || prefix > max) return { ok: false, message: `"${entry}" is not a valid CIDR (e.g. 10.0.0.0/8 or fd00::/8)` };
    return { ok: true, value: { kind: 'cidr', cidr: [parsed, prefix] } };
  }
  const asIp = parseAddress(entry);
  if (asIp) return { ok: true, value: { kind: 'cidr', cidr: [asIp, asIp.kind() === 'ipv4' ? 32 : 128] } };
  const host = normalizeHost(entry);
  if (!hostPattern.test(host)) return { ok: false, message: `"${entry}" is neither a CIDR, an IP address nor a host name` };
  return { ok: true, value: host.startsWith('*.') ? { kind: 'suffix', suffix: host.slice(1) } : { kind: 'host', host } };
}

/** Builds the list from entries already split; throws an Error naming the first bad one, prefixed with `source`. */
export function allowListFromEntries(entries: readonly string[], source = 'EGRESS_ALLOW'): EgressAllowList {
  const cidrs: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> = [];
  const hosts = new Set<string>();
  const suffixes: string[] = [];
  for (const entry of entries) {
    const parsed = parseEgressEntry(entry);
    if (!parsed.ok) throw new Error(`${source}: ${parsed.message}`);
    const v = parsed.value;
    if (v.kind === 'cidr') cidrs.push(v.cidr);
    else if (v.kind === 'host') hosts.add(v.host);
    else suffixes.push(v.suffix);
  }
  return { cidrs, hosts, suffixes, entries: [...entries] };
}

/** Splits `EGRESS_ALLOW`: comma- or space-separated entries, blanks dropped. */
export function splitEgressAllow(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
}

/**
 * Parses `EGRESS_ALLOW`: comma- (or space-) separated CIDRs, IP addresses and host names
 * (`*.example.com` for every subdomain). Throws an Error naming the bad entry, so a typo
 * stops the server at start instead of silently allowing nothing.
 */
export function parseEgressAllowList(value: string): EgressAllowList {
  return allowListFromEntries(splitEgressAllow(value));
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
