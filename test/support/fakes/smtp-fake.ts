import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it. */
export interface ReceivedMail {
  mailFrom: string;
  rcptTo: string[];
  /** The raw message (headers and body) as sent in DATA. */
  raw: string;
  /** Header values by lower-case name (the first of each). */
  headers: Record<string, string>;
  user: string | undefined;
}

function headersOf(raw: string): Record<string, string> {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const out: Record<string, string> = {};
  // Folded lines continue the header above them.
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0) out[line.slice(0, at).trim().toLowerCase()] ??= line.slice(at + 1).trim();
  }
  return out;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 that requires AUTH with one user. Recipients
 * at `bounce.test` are refused with 550 (permanent); the first `tempFailures` messages get
 * 451 (try again later). STARTTLS is off: the client has no certificate to trust here.
 */
export async function startSmtpFake(opts: { username: string; password: string; tempFailures?: number }) {
  const messages: ReceivedMail[] = [];
  let tempFailures = opts.tempFailures ?? 0;
  let connections = 0;
  const server = new SMTPServer({
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === opts.username && auth.password === opts.password) return callback(null, { user: auth.username });
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@bounce.test')) return callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (tempFailures > 0) {
          tempFailures -= 1;
          return callback(Object.assign(new Error('4.3.0 Temporary system problem, try again later'), { responseCode: 451 }));
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        messages.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw,
          headers: headersOf(raw),
          user: typeof session.user === 'string' ? session.user : undefined,
        });
        callback(null, 'Message queued as 4XYZ1');
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    messages,
    /** Connections opened so far (the egress guard must stop them before this counts). */
    get connections() {
      return connections;
    },
    /** The next `n` messages get 451. */
    tempFail(n: number) {
      tempFailures += n;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
export type SmtpFake = Awaited<ReturnType<typeof startSmtpFake>>;
