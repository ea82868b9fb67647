import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createManualClock } from '../../../server/lib/clock.js';
import { createDelivery, type DeliveryDeps } from '../../../server/delivery/create-delivery.js';
import type { DeliveryRequest } from '../../../server/delivery/deliver.js';

/** One request a receiver got. */
export interface Received {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A receiver on 127.0.0.1 that records requests and TCP connections; `handle` answers (or not). */
export async function startReceiver(handle: (req: IncomingMessage, res: ServerResponse, body: Buffer, n: number) => void) {
  const got: Received[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      got.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handle(req, res, body, got.length);
    });
  });
  server.on('connection', (s: Socket) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    got,
    connections: () => connections,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** Delivery wired as main.ts wires it, with a manual clock; loopback allowed unless told otherwise. */
export function testDelivery(over: Partial<DeliveryDeps> = {}) {
  const clock = createManualClock();
  const delivery = createDelivery({ clock, egressAllow: '127.0.0.1/32', ...over });
  return { clock, ...delivery };
}

let n = 0;
/** A delivery request with test defaults. */
export function req(url: string, over: Partial<DeliveryRequest> = {}): DeliveryRequest {
  n++;
  return {
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from('{"hello":"world"}'),
    idempotencyKey: `key-${n}`,
    timeoutMs: 5_000,
    followRedirects: false,
    maxRedirects: 5,
    responseLimitBytes: 64 * 1024,
    deferKey: `run-${n}:out`,
    ...over,
  };
}
