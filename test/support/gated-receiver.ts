import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A receiver on 127.0.0.1 that logs, in order, when each request arrives and when it is
 * answered. Requests to a gated path are held until `release(path)` (or until `holdMs` passes,
 * so a test that waits in vain fails on its order assertions instead of hanging). Order, not
 * time, is what tests assert: "B arrived while A was still held" says B did not wait for A.
 */
export async function startGatedReceiver(gated: readonly string[], holdMs = 8_000) {
  const log: string[] = [];
  const held = new Map<string, ServerResponse[]>();
  const answer = (path: string, res: ServerResponse) => {
    if (res.writableEnded) return;
    log.push(`answered ${path}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path }));
  };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      log.push(`arrived ${path}`);
      if (!gated.includes(path)) return answer(path, res);
      held.set(path, [...(held.get(path) ?? []), res]);
      setTimeout(() => answer(path, res), holdMs).unref();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    log,
    /** Answers every request held on `path`, and lets later ones through at once. */
    release(path: string) {
      for (const res of held.get(path) ?? []) answer(path, res);
      held.delete(path);
      gated = gated.filter((p) => p !== path);
    },
    count: (entry: string) => log.filter((l) => l === entry).length,
    /** Where `entry` first appears in the log (-1 if never). */
    at: (entry: string) => log.indexOf(entry),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
