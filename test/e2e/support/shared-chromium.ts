// One headless Chromium for every browser test file of a run, instead of one per file: each file
// connects to it and gets a fresh browser context of its own (no cookie, storage or cache shared
// with another file). Launching Chromium took 2 to 3 s of a loaded 2-core machine per file;
// connecting takes about 1 s. The clipboard belongs to the browser, not to a context: a file that
// reads it opens a Chromium of its own (openBrowser's `ownChromium`).
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';

/** Debian's Chromium; playwright-core never downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The switches every test browser runs with: no sandbox (root in CI), nothing fetched from outside. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared Chromium's Playwright endpoint; absent when a run has no browser project. */
    chromiumEndpoint?: string;
  }
}

/** The browser project's global setup: launches the shared Chromium and closes it after the run. */
export default async function launchSharedChromium(project: TestProject) {
  const server = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  project.provide('chromiumEndpoint', server.wsEndpoint());
  return async () => {
    await server.close();
  };
}
