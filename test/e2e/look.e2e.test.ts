import { describe, expect, it } from 'vitest';
import { newWorkflow, node } from './support/editor.js';
import { at, flowApi } from './support/flow-api.js';
import { shot, useServerAndBrowser } from './support/server-and-browser.js';
import { SMALL } from './support/browser.js';
import { seriousViolations } from './support/axe.js';

/** UI updates land a frame or two after an action: poll instead of reading once. */
const POLL = { timeout: 10_000, interval: 100 };

// How the editor looks on any machine: SVG icons (no emoji font needed) and the light and dark
// themes, following the system until a person picks one. Real server, real Chromium, 1280x720.
const e2e = useServerAndBrowser({ viewport: SMALL });

const theme = () => e2e.browser.page.evaluate(() => document.documentElement.dataset.theme);
const pageBackground = () => e2e.browser.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const themeButton = () => e2e.browser.page.getByRole('button', { name: /^Theme: / });

describe('the look of the editor', () => {
  it('draws node types as SVG icons, apps with their brand mark where there is one', async () => {
    const { page } = e2e.browser;
    await newWorkflow(page, 'Icons');
    const icons = page.locator('.palette .node-icon');
    await expect.poll(() => icons.count(), POLL).toBeGreaterThan(15);
    // No text glyphs (emoji): every icon is an SVG.
    const glyphs = await icons.evaluateAll((els) => els.map((el) => ({ svg: el.querySelector('svg') !== null, text: (el.textContent ?? '').trim() })));
    expect(glyphs.filter((g) => !g.svg || g.text !== '')).toEqual([]);
    await page.locator('.palette-item[data-type="discord"] svg.brand-icon').waitFor();
    await page.locator('.palette-item[data-type="webhook"] svg.lucide-webhook').waitFor();
  }, 60_000);

  it('follows the system theme, and a switch picks light or dark and keeps it across reloads', async () => {
    const { page } = e2e.browser;
    const api = flowApi(() => page, POLL);
    const { id } = await api.api<{ id: string }>('POST', '/api/workflows', {
      name: 'Themes',
      nodes: [
        { id: 'hook', type: 'webhook', position: at(0, 0), config: {} },
        { id: 'shape', type: 'code', position: at(300, 0), config: { code: 'return { ok: true };' } },
        { id: 'check', type: 'filter', position: at(600, 0), config: { combinator: 'and', rules: [{ field: 'trigger.body.amount', operator: 'greater_than', value: 0 }] } },
      ],
      edges: [
        { id: 'e1', source: 'hook', target: 'shape' },
        { id: 'e2', source: 'shape', target: 'check' },
      ],
    });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`/workflows/${id}`);
    await node(page, 'shape').waitFor();
    expect(await theme()).toBe('dark');
    const dark = await pageBackground();
    await expect.poll(() => themeButton().getAttribute('aria-label'), POLL).toBe('Theme: system (dark). Switch to light');
    await node(page, 'shape').click();
    await page.locator('.code-editor .cm-content').waitFor();
    await shot(page, 'editor-dark');
    // The dark theme passes axe too (contrast is checked per theme: a colour fine on white can fail on black).
    expect(await seriousViolations(page)).toEqual([]);

    // The system changes while the page is open: the page follows.
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(theme, POLL).toBe('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(theme, POLL).toBe('dark');

    await themeButton().click();
    await expect.poll(theme, POLL).toBe('light');
    expect(await pageBackground()).not.toBe(dark);
    await shot(page, 'editor-light');
    expect(await seriousViolations(page)).toEqual([]);
    // Kept: a reload with the system still dark stays light.
    await page.reload();
    await node(page, 'shape').waitFor();
    expect(await theme()).toBe('light');
    await expect.poll(() => themeButton().getAttribute('aria-label'), POLL).toBe('Theme: light. Switch to dark');

    await themeButton().click();
    await expect.poll(theme, POLL).toBe('dark');
    expect(await pageBackground()).toBe(dark);
    await themeButton().click();
    // Back to the system's, which is dark, and no longer stored.
    await expect.poll(() => themeButton().getAttribute('aria-label'), POLL).toBe('Theme: system (dark). Switch to light');
    expect(await page.evaluate(() => localStorage.getItem('switchyard.theme'))).toBeNull();
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(theme, POLL).toBe('light');
  }, 90_000);
});
