import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';

// Headers that carry a credential or a signature: never in a log line.
const SECRET_HEADERS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-auth-token',
  'stripe-signature',
  'x-hub-signature',
  'x-hub-signature-256',
  'x-shopify-hmac-sha256',
  'x-slack-signature',
  'x-twilio-signature',
  'x-pagerduty-signature',
  'webhook-signature',
  'svix-signature',
  'x-signature',
];
// `*.headers` covers req.headers, res.headers and any other holder one level down: pino compiles
// every path when a logger is made, at each start, so the list names no path twice.
const HEADER_HOLDERS = ['headers', '*.headers'];
// Fields of credentials (and of anything shaped like one) that hold the secret itself.
const SECRET_FIELDS = ['password', 'secret', 'previousSecret', 'token', 'apiKey', 'accessToken', 'refreshToken', 'clientSecret', 'authToken', 'privateKey', 'passphrase', 'key'];

/** Every redact path: secret headers under the usual holders, secret fields at the top and one level down, credential data. */
export const redactPaths: readonly string[] = [
  ...HEADER_HOLDERS.flatMap((h) => SECRET_HEADERS.map((name) => `${h}["${name}"]`)),
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]),
  'data',
  'credential.data',
  '*.credential.data',
];

/** How logs are written: JSON lines, lines for a person, or the first when stdout is not a terminal (LOG_FORMAT). */
export type LogFormat = 'auto' | 'json' | 'pretty';

/** True when the output is for a person: `pretty`, or `auto` on a terminal. */
export function wantsHumanOutput(format: LogFormat, isTTY = process.stdout.isTTY === true): boolean {
  return format === 'pretty' || (format === 'auto' && isTTY);
}

/**
 * Pretty lines for a person, only if pino-pretty is installed (it is a development dependency):
 * forced by `pretty`; with `auto`, at a terminal outside production.
 */
function prettyTransport(format: LogFormat): pino.TransportSingleOptions | undefined {
  if (!wantsHumanOutput(format)) return undefined;
  if (format === 'auto' && process.env.NODE_ENV === 'production') return undefined;
  const require = createRequire(import.meta.url);
  try {
    require.resolve('pino-pretty');
  } catch {
    return undefined;
  }
  // pino is bundled into the server (its code then loads from the code cache at start), but a
  // transport's worker thread starts from a file: thread-stream's own, through the hook pino and
  // thread-stream offer bundlers.
  const g = globalThis as { __bundlerPathsOverrides?: Record<string, string> };
  g.__bundlerPathsOverrides = { ...g.__bundlerPathsOverrides, 'thread-stream-worker': require.resolve('thread-stream/lib/worker.js') };
  return { target: 'pino-pretty', options: { colorize: process.stdout.isTTY === true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' } };
}

/**
 * Structured JSON logs (pino) at `level` (LOG_LEVEL); secrets are redacted wherever they might
 * appear in logged objects. Runs and steps log through child loggers carrying runId,
 * workflowId and nodeId. `destination` is for tests; without it, stdout (pretty for a person, see LOG_FORMAT).
 */
export function createLogger(level: string, destination?: DestinationStream, format: LogFormat = 'auto'): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'switchyard' },
    redact: { paths: [...redactPaths], censor: '[redacted]' },
  };
  if (destination) return pino(options, destination);
  const transport = prettyTransport(format);
  return transport ? pino({ ...options, transport }) : pino(options);
}
