import type { buildConnector } from 'undici';
import type { EgressGuard } from './egress-guard.js';

/**
 * An undici connector that lets the egress guard vet each new connection: the host is
 * resolved and every address checked BEFORE connecting, the socket is pinned to the vetted
 * address (so a second DNS answer cannot swap it), and the connected peer is checked again
 * before a single request byte is written. IP literals never reach DNS, so they are judged
 * directly. `base` is the plain connector, undici's (or another, for the backstop test).
 */
export function createGuardedConnector(opts: { guard: EgressGuard; base: buildConnector.connector }): buildConnector.connector {
  const base = opts.base;
  return (options, callback) => {
    opts.guard.resolve(options.hostname).then(
      (target) => {
        // `host` keeps the original name, so TLS SNI and certificate checks use it, not the IP.
        base({ ...options, hostname: target.address }, (err, socket) => {
          if (err !== null) return callback(err, null);
          const refused = opts.guard.checkConnected(options.hostname, socket.remoteAddress);
          if (refused) {
            socket.destroy();
            return callback(refused, null);
          }
          callback(null, socket);
        });
      },
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), null),
    );
  };
}
