import { afterAll, beforeAll } from 'vitest';
import { startReceiver, type Answer, type Received } from './receiver.js';
import { startTestApp } from './test-app.js';

/**
 * The usual fixture of engine tests: a whole Switchyard on a temp SQLite file and a receiver
 * on 127.0.0.1, started before the file's tests and stopped after them. Read `t` and `rcv`
 * inside tests (they exist once `beforeAll` ran).
 */
export function useAppAndReceiver(respond?: (r: Received, n: number) => Answer) {
  const env = {} as { t: Awaited<ReturnType<typeof startTestApp>>; rcv: Awaited<ReturnType<typeof startReceiver>> };
  beforeAll(async () => {
    env.t = await startTestApp();
    env.rcv = await startReceiver(respond);
  });
  afterAll(async () => {
    await env.t?.stop();
    await env.rcv?.close();
  });
  return env;
}
