import { describe, expect, it } from 'vitest';
import { fieldText, node, typeInto } from './support/editor.js';
import { at, flowApi } from './support/flow-api.js';
import { shot, useServerAndBrowser } from './support/server-and-browser.js';

/** UI updates land a frame or two after an action: poll instead of reading once. */
const POLL = { timeout: 10_000, interval: 100 };

// The code step's editor and the `{{ }}` fields are CodeMirror: completion from the step's real
// data (a run of the workflow) and the sandbox helpers, and the server's syntax checks inline.
// Real server, real Chromium, built client (npm run build).
const e2e = useServerAndBrowser();

const options = () => e2e.browser.page.getByRole('listbox').getByRole('option');
/**
 * Takes an option with the mouse. (Enter takes the highlighted one too, but CodeMirror ignores
 * an Enter that comes right after the list changed, which a loaded machine can make happen.)
 */
const pick = (label: string) =>
  e2e.browser.page
    .getByRole('listbox')
    .getByRole('option', { name: new RegExp(`^${label}`) })
    .click();
const optionLabels = () => options().evaluateAll((els) => els.map((el) => el.querySelector('.cm-completionLabel')?.textContent ?? ''));

describe('the code editor and templated fields', () => {
  let workflowId = '';

  it('completes trigger., steps.<id>. and input. from the last run, and the helpers', async () => {
    const { page } = e2e.browser;
    const api = flowApi(() => page, POLL);
    const { id, url } = await api.createActive({
      name: 'Completion',
      nodes: [
        { id: 'hook', type: 'webhook', position: at(0, 0), config: {} },
        { id: 'lookup', type: 'code', position: at(300, 0), config: { code: "return { email: trigger.body.customer.email, plan: 'pro' };" } },
        { id: 'check', type: 'filter', position: at(600, 0), config: { combinator: 'and', rules: [{ field: 'trigger.body.amount', operator: 'greater_than', value: 0 }] } },
        { id: 'shape', type: 'code', position: at(900, 0), config: { code: 'return input;' } },
      ],
      edges: [
        { id: 'e1', source: 'hook', target: 'lookup' },
        { id: 'e2', source: 'lookup', target: 'check' },
        { id: 'e3', source: 'check', target: 'shape' },
      ],
    });
    workflowId = id;
    await api.trigger(url, { amount: 5, customer: { email: 'ada@example.test', tier: 'gold' } });
    await api.newestRun(id, 'succeeded');

    await page.goto(`/workflows/${id}`);
    // Selecting the trigger loads its sample event; the last run gives the steps' outputs.
    await node(page, 'hook').click();
    await node(page, 'shape').click();
    const code = page.getByRole('textbox', { name: 'Code', exact: true });
    await code.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('return steps.');
    await expect.poll(optionLabels, POLL).toEqual(expect.arrayContaining(['hook', 'lookup', 'check']));
    await page.keyboard.type('lookup.');
    await expect.poll(optionLabels, POLL).toEqual(['email', 'plan']);
    await shot(page, 'code-completion');
    await page.keyboard.type('pl');
    await expect.poll(optionLabels, POLL).toEqual(['plan']);
    await pick('plan');
    await expect.poll(() => fieldText(code), POLL).toBe('return steps.lookup.plan');

    await page.keyboard.type(' + trigger.body.customer.');
    await expect.poll(optionLabels, POLL).toEqual(['email', 'tier']);
    await page.keyboard.press('Escape');
    await page.keyboard.type(' + crypto.');
    await expect.poll(optionLabels, POLL).toEqual(['hash', 'hmac', 'randomUUID', 'timingSafeEqual']);
    await page.keyboard.press('Escape');
    await page.keyboard.type(' + text.slug');
    await expect.poll(optionLabels, POLL).toEqual(['slugify']);
    await pick('slugify');
    await expect.poll(() => fieldText(code), POLL).toMatch(/slugify$/);
    await expect.poll(() => fieldText(code), POLL).toBe('return steps.lookup.plan + trigger.body.customer. + crypto. + text.slugify');
  }, 90_000);

  it('completes data inside {{ }} in a templated field, and marks {{ }}', async () => {
    const { page } = e2e.browser;
    await node(page, 'check').click();
    const value = page.getByRole('textbox', { name: 'Condition 1 value' });
    await typeInto(page, value, '');
    await page.keyboard.type('{{ ');
    await expect.poll(optionLabels, POLL).toEqual(expect.arrayContaining(['trigger', 'input', 'steps', 'dayjs']));
    await page.keyboard.type('steps.lookup.em');
    await expect.poll(optionLabels, POLL).toEqual(['email']);
    await pick('email');
    await page.keyboard.type(' }}');
    await expect.poll(() => fieldText(value), POLL).toBe('{{ steps.lookup.email }}');
    // input is the output of the step before: here the lookup's.
    await page.keyboard.type(' {{ input.');
    await expect.poll(optionLabels, POLL).toEqual(['email', 'plan']);
    await typeInto(page, value, '{{ steps.lookup.email }}');
    await page.locator('.template-editor .cm-template', { hasText: '{{ steps.lookup.email }}' }).waitFor();
    // One line: Enter adds no line break.
    await page.keyboard.press('Enter');
    await expect.poll(() => fieldText(value), POLL).toBe('{{ steps.lookup.email }}');
  }, 60_000);

  it("shows the server's syntax checks inline, in code and in {{ }}", async () => {
    const { page } = e2e.browser;
    await node(page, 'shape').click();
    const code = page.getByRole('textbox', { name: 'Code', exact: true });
    await typeInto(page, code, 'const a = 1;\nreturn { ok: a +');
    const mark = page.locator('.code-editor .cm-lintRange-error');
    await mark.first().waitFor();
    await mark.first().hover();
    await page
      .locator('.cm-tooltip-lint')
      .getByText(/^Syntax error\. Line 2, column \d+: Unexpected token\.$/)
      .waitFor();
    await page.locator('.code-editor .cm-lint-marker-error').waitFor({ state: 'attached' });
    await shot(page, 'code-lint');
    // Validation says the same below the field and on the step.
    await page
      .getByText(/Syntax error\. Line 2/)
      .first()
      .waitFor();
    await typeInto(page, code, 'return { ok: true };');
    await expect.poll(() => mark.count(), POLL).toBe(0);

    await node(page, 'check').click();
    const value = page.getByRole('textbox', { name: 'Condition 1 value' });
    await typeInto(page, value, 'x {{ trigger.body. }}');
    const bad = page.locator('.template-editor .cm-lintRange-error');
    await bad.first().waitFor();
    await bad.first().hover();
    await page
      .locator('.cm-tooltip-lint')
      .getByText(/^Unexpected token/)
      .waitFor();
    await typeInto(page, value, '{{ trigger.body.amount }}');
    await expect.poll(() => bad.count(), POLL).toBe(0);
    expect(workflowId).not.toBe('');
  }, 60_000);

  it('resizes, goes full screen and comes back with Escape', async () => {
    const { page } = e2e.browser;
    await node(page, 'shape').click();
    await page.getByRole('button', { name: 'Full screen' }).click();
    const frame = page.locator('.code-editor.is-full');
    await frame.waitFor();
    const box = await frame.boundingBox();
    expect(box?.width).toBeGreaterThan(1000);
    await shot(page, 'code-full-screen');
    await page.keyboard.press('Escape');
    await frame.waitFor({ state: 'detached' });
    expect(await page.locator('.code-editor-host').evaluate((el) => getComputedStyle(el).resize)).toBe('vertical');
  }, 60_000);
});
