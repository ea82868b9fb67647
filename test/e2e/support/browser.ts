import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; playwright-core never downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

export interface Viewport {
  width: number;
  height: number;
}

/** The laptop-sized window every editor test gets unless it asks for another. */
export const LAPTOP: Viewport = { width: 1440, height: 900 };
/** The small screens the editor must work on. */
export const SMALL: Viewport = { width: 1280, height: 720 };
export const FULL_HD: Viewport = { width: 1920, height: 1080 };

/**
 * A headless Chromium with a fresh profile, a fixed window size and clipboard access.
 * The editor bundles its text fonts, so layout does not depend on the fonts a machine has.
 */
export async function openBrowser(base: string, viewport: Viewport = LAPTOP): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'switchyard-chromium-'));
  // A persistent context is how Playwright takes a fresh --user-data-dir (it refuses the flag in args).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport,
    baseURL: base,
    deviceScaleFactor: 1,
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
