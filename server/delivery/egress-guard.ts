import { lookup as dnsLookup } from 'node:dns/promises';
import { classifyAddress, parseAddress } from './address-class.js';
import { addressAllowed, hostAllowed, normalizeHost, type EgressAllowList } from './egress-allow-list.js';

/** Refused by the SSRF guard: never retried, since the same request would be refused again. */
export class EgressBlockedError extends Error {
  readonly code = 'egress_blocked';
  constructor(
    message: string,
    readonly host: string,
    readonly address?: string,
    readonly range?: string,
  ) {
    super(message);
    this.name = 'EgressBlockedError';
  }
}

/** One resolved address, as `dns.lookup({ all: true })` gives it. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address it has; injected so tests can map names to loopback. */
export type Lookup = (hostname: string) => Promise<ResolvedAddress[]>;

/** The system resolver (getaddrinfo: /etc/hosts, then DNS). */
export const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Decides, before and after connecting, whether an outbound connection may happen. */
export interface EgressGuard {
  /** Checks the scheme and, for an IP literal in any notation, the address: no DNS, no socket. */
  checkUrl(url: URL): EgressBlockedError | null;
  /** Resolves a host and vets every address; resolves to the one to connect to, or throws EgressBlockedError. */
  resolve(hostname: string): Promise<ResolvedAddress>;
  /** The backstop: the connected socket's peer must pass too (DNS rebinding, odd resolvers). */
  checkConnected(hostname: string, remoteAddress: string | undefined): EgressBlockedError | null;
}

const rangeWords: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private-network address',
  linkLocal: 'a link-local address (cloud metadata lives there)',
  carrierGradeNat: 'a carrier-grade NAT address',
  uniqueLocal: 'a unique-local address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  unspecified: 'an unspecified address (0.0.0.0 or ::)',
  reserved: 'a reserved or documentation address',
};

const unhost = (h: string): string => (h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h);

/**
 * Creates the guard from the operator's allow-list (empty: only public addresses). Given a
 * function, the guard asks it on every check, so a list changed at run time (Settings) applies
 * to the very next request.
 */
export function createEgressGuard(deps: { allowList: EgressAllowList | (() => EgressAllowList); lookup?: Lookup }): EgressGuard {
  const listOf = deps.allowList;
  const currentList = typeof listOf === 'function' ? listOf : () => listOf;
  const lookup = deps.lookup ?? systemLookup;

  const blocked = (host: string, address: string, range: string): EgressBlockedError =>
    new EgressBlockedError(
      `Outbound request to ${host} blocked by the SSRF guard: ${address} is ${rangeWords[range] ?? `an address in the ${range} range`}, which steps are not allowed to reach. An owner can allow it in Settings › Egress (or the operator with EGRESS_ALLOW).`,
      host,
      address,
      range,
    );

  /** null when the address may be reached from this host name. */
  const judge = (host: string, address: string): EgressBlockedError | null => {
    const allowList = currentList();
    if (hostAllowed(allowList, host)) return null;
    const cls = classifyAddress(address);
    if (!cls) return blocked(host, address, 'unknown');
    if (cls.public || addressAllowed(allowList, cls.address)) return null;
    return blocked(host, cls.address, cls.range);
  };

  // Verdicts on URL hosts, cached: the same few endpoints are checked on every delivery.
  // Only literals and names are cached here, never DNS answers (those are checked per connection).
  // They belong to one list: a changed list (a new object) starts the cache afresh.
  const verdicts = new Map<string, EgressBlockedError | null>();
  let cachedFor = currentList();
  return {
    checkUrl(url) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return new EgressBlockedError(`Outbound request blocked: only http and https URLs are allowed, not ${url.protocol}`, url.hostname);
      }
      const host = unhost(url.hostname);
      const list = currentList();
      if (list !== cachedFor) {
        verdicts.clear();
        cachedFor = list;
      }
      const cached = verdicts.get(host);
      if (cached !== undefined) return cached;
      const verdict = parseAddress(host) ? judge(host, host) : null;
      if (verdicts.size >= 1024) verdicts.clear();
      verdicts.set(host, verdict);
      return verdict;
    },

    async resolve(hostname) {
      const host = normalizeHost(unhost(hostname));
      if (parseAddress(host)) {
        const err = judge(host, host);
        if (err) throw err;
        return { address: host, family: host.includes(':') ? 6 : 4 };
      }
      const addresses = await lookup(host);
      if (addresses.length === 0) throw Object.assign(new Error(`${host} has no address`), { code: 'ENOTFOUND' });
      // Every address must pass: a name with one public and one private record is an attack.
      for (const a of addresses) {
        const err = judge(host, a.address);
        if (err) throw err;
      }
      return addresses[0] as ResolvedAddress;
    },

    checkConnected(hostname, remoteAddress) {
      if (remoteAddress === undefined) return new EgressBlockedError('Outbound connection has no peer address', hostname);
      return judge(normalizeHost(unhost(hostname)), remoteAddress);
    },
  };
}
