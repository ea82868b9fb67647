import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core in the page with the given options and returns its violations. axe is evaluated
 * through the DevTools protocol, which the page's content security policy does not govern.
 */
async function axeViolations(page: Page, options: object): Promise<AxeFinding[]> {
  await page.evaluate(`${axeSource}\n;undefined`);
  return page.evaluate(async (opts) => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }
    ).axe;
    const result = await axe.run(document, { ...opts, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  }, options);
}

/** axe-core's serious and critical violations on the page. */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  return (await axeViolations(page, {})).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * The page's outline problems, whatever axe's impact: a missing h1 and skipped heading levels
 * ("moderate" in axe, so seriousViolations leaves them out).
 */
export const headingProblems = (page: Page): Promise<AxeFinding[]> => axeViolations(page, { runOnly: ['page-has-heading-one', 'heading-order'] });

/** The levels of the page's visible and screen-reader headings, in document order. */
export const headingLevels = (page: Page): Promise<number[]> => page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((els) => els.map((el) => Number(el.tagName.slice(1))));
