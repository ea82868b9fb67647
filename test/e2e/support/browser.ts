import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from './shared-chromium.js';

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
 * A fresh browser context (no cookie or storage from before) with a fixed window size and
 * clipboard access, on the run's shared headless Chromium (shared-chromium.ts). `ownChromium`
 * launches one for this context alone: for a file that reads the clipboard, which belongs to
 * the browser, not to a context, so that no other file's copy can land in it. A run without the
 * shared Chromium (the browser project's global setup) launches one too. The editor bundles its
 * text fonts, so layout does not depend on the fonts a machine has.
 */
export async function openBrowser(base: string, viewport: Viewport = LAPTOP, opts: { ownChromium?: boolean } = {}): Promise<TestBrowser> {
  const endpoint = opts.ownChromium ? undefined : inject('chromiumEndpoint');
  const browser: Browser = endpoint ? await chromium.connect(endpoint) : await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport, baseURL: base, deviceScaleFactor: 1 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return {
    context,
    page,
    close: async () => {
      await context.close();
      // Disconnects from the shared Chromium, or ends the one launched here.
      await browser.close();
    },
  };
}
