import { connect } from 'node:net';
import type { SMTPTransportGetSocket } from 'nodemailer/lib/smtp-transport';
import type { EgressGuard } from '../../delivery/egress-guard.js';

/**
 * Opens the SMTP connection under the same egress policy as HTTP delivery: the host is
 * resolved and every address vetted BEFORE connecting, the socket goes to the vetted address
 * (a second DNS answer cannot swap it), and the connected peer is checked again before
 * nodemailer writes a byte. TLS (port 465 or STARTTLS) still uses the host name for SNI and
 * the certificate check, since nodemailer keeps `host`.
 */
export function guardedSmtpSocket(guard: EgressGuard, connectTimeoutMs: number): SMTPTransportGetSocket {
  return (options, callback) => {
    const host = options.host ?? 'localhost';
    const port = Number(options.port) || (options.secure ? 465 : 587);
    let done = false;
    const finish = (err: Error | null, socket?: ReturnType<typeof connect>) => {
      if (done) return;
      done = true;
      callback(err, socket ? { connection: socket } : undefined);
    };
    guard.resolve(host).then(
      (target) => {
        const socket = connect({ host: target.address, port, family: target.family });
        const timer = setTimeout(() => {
          socket.destroy();
          finish(Object.assign(new Error(`Could not connect to ${host}:${port} within ${connectTimeoutMs} ms`), { code: 'ETIMEDOUT' }));
        }, connectTimeoutMs);
        const onError = (err: Error) => {
          clearTimeout(timer);
          finish(err);
        };
        socket.once('error', onError);
        socket.once('connect', () => {
          clearTimeout(timer);
          socket.removeListener('error', onError);
          const refused = guard.checkConnected(host, socket.remoteAddress);
          if (refused) {
            socket.destroy();
            return finish(refused);
          }
          finish(null, socket);
        });
      },
      (err: unknown) => finish(err instanceof Error ? err : new Error(String(err))),
    );
  };
}
