import { describe, expect, it } from 'vitest';
import { headingLevels, headingProblems, seriousViolations } from './support/axe.js';
import { node } from './support/editor.js';
import { at, flowApi } from './support/flow-api.js';
import { useServerAndBrowser } from './support/server-and-browser.js';

const POLL = { timeout: 10_000, interval: 100 };

// axe-core on each page of the app, as a person reaches it: no serious or critical findings.
// Real server, real Chromium.
const e2e = useServerAndBrowser();

describe('accessibility (axe-core)', () => {
  let runId = '';

  it('the editor, with a step selected', async () => {
    const { page } = e2e.browser;
    const api = flowApi(() => page, POLL);
    const { id, url } = await api.createActive({
      name: 'Reachable',
      nodes: [
        { id: 'hook', type: 'webhook', position: at(0, 0), config: {} },
        { id: 'shape', type: 'code', position: at(300, 0), config: { code: 'return { ok: true };' } },
      ],
      edges: [{ id: 'e1', source: 'hook', target: 'shape' }],
    });
    await api.trigger(url, { n: 1 });
    runId = (await api.newestRun(id, 'succeeded')).id;
    await page.goto(`/workflows/${id}`);
    await node(page, 'shape').click();
    await page.locator('.code-editor .cm-content').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // One h1 naming the workflow, and no level skipped below it.
    await page.getByRole('heading', { level: 1, name: 'Reachable: editor' }).waitFor({ state: 'attached' });
    expect(await headingProblems(page)).toEqual([]);
    expect((await headingLevels(page)).filter((l) => l === 1)).toHaveLength(1);

    // The palette is one Tab stop (after its search box and its Hide button), with the arrow keys inside it.
    await page.getByRole('searchbox', { name: 'Search node types' }).focus();
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName ?? '');
    expect(await focused()).toBe('Hide the palette');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Add Webhook');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('Add Manual trigger');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.palette') === null)).toBe(true);
    await page.keyboard.press('Shift+Tab');
    // Back in, on the item last used.
    expect(await focused()).toBe('Add Manual trigger');
  }, 60_000);

  it('the run detail page', async () => {
    const { page } = e2e.browser;
    await page.goto(`/runs/${runId}`);
    await page.locator('.react-flow__node').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // h1 the run, h2 its steps, h3 the selected step: no level skipped.
    await page.locator('.step-detail h3').waitFor();
    expect(await headingProblems(page)).toEqual([]);
    const levels = await headingLevels(page);
    expect(levels[0]).toBe(1);
    expect(levels.every((l, i) => i === 0 || l <= (levels[i - 1] ?? 0) + 1)).toBe(true);
  }, 60_000);

  it('the workflows list, with the Import from n8n dialog, and the runs list', async () => {
    const { page } = e2e.browser;
    await page.goto('/workflows');
    await page.getByRole('heading', { name: 'Workflows', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Reachable' }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await headingProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Import from n8n' }).click();
    await page.getByRole('dialog', { name: 'Import from n8n' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.goto('/runs');
    await page.getByRole('heading', { name: 'Runs', exact: true }).waitFor();
    await page.locator('.status-succeeded').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await headingProblems(page)).toEqual([]);
  }, 60_000);

  it('the template gallery and the wizard', async () => {
    const { page } = e2e.browser;
    await page.goto('/templates');
    await page.getByRole('heading', { name: 'Templates', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Use template Stripe payment succeeded → Slack' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await headingProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Use template Stripe payment succeeded → Slack' }).click();
    await page.getByRole('dialog', { name: /^Use template/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('the settings page', async () => {
    const { page } = e2e.browser;
    await page.goto('/settings');
    await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await headingProblems(page)).toEqual([]);
  }, 60_000);

  it('the sign-in page', async () => {
    const { page } = e2e.browser;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: /^Sign in/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await headingProblems(page)).toEqual([]);
  }, 60_000);
});
