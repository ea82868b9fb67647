import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { openBrowser, type TestBrowser, type Viewport } from './browser.js';
import { receiver, setupOwner } from './editor.js';
import { startServer, type TestServer } from './server.js';

/** test-results: where a failing test leaves a screenshot of its page. */
export const RESULTS = join(import.meta.dirname, '..', '..', '..', 'test-results');
/** test-results/e2e: the screenshots tests take on purpose (some are copied into docs). */
export const SHOTS = join(RESULTS, 'e2e');

/** Saves a screenshot of the page as test-results/e2e/<name>.png. */
export const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

/**
 * The usual fixture of editor tests: a real server, a headless Chromium on it, a receiver on
 * 127.0.0.1 when asked for, the window size asked for (else the laptop default), a Chromium of the file's own when asked for
 * (`ownChromium`, see openBrowser), and the owner set up (unless `owner: false`), started before the
 * file's tests and stopped after them; a failing test leaves a screenshot in test-results.
 * Read the fields inside tests (they exist once `beforeAll` ran; `rcv` only with `receiver: true`).
 */
export function useServerAndBrowser(opts: { receiver?: boolean; owner?: boolean; viewport?: Viewport; ownChromium?: boolean } = {}) {
  const env = {} as { server: TestServer; browser: TestBrowser; rcv: Awaited<ReturnType<typeof receiver>> };
  beforeAll(async () => {
    env.server = await startServer();
    env.browser = await openBrowser(env.server.base, opts.viewport, { ownChromium: opts.ownChromium });
    if (opts.receiver) env.rcv = await receiver();
    mkdirSync(SHOTS, { recursive: true });
    if (opts.owner !== false) await setupOwner(env.browser.page);
  }, 60_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await env.browser.page.screenshot({ path: join(RESULTS, `failed-${ctx.task.name.slice(0, 40)}.png`) });
  });

  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
    await env.rcv?.close();
  });
  return env;
}
