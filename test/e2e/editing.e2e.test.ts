import { describe, expect, it } from 'vitest';
import { connect, dragFromPalette, edgeCount, fieldText, newWorkflow, node, nodeCount, typeInto } from './support/editor.js';
import { useServerAndBrowser } from './support/server-and-browser.js';

/** UI updates land a frame or two after an action: poll instead of reading once. */
const POLL = { timeout: 5_000, interval: 50 };

// Editing as a person does it: mistakes shown live, undo/redo, the clipboard, the keyboard,
// sticky notes, versions and the unsaved-changes guard. Real server, real Chromium.
// A Chromium of its own: it reads the clipboard, which other files' copy buttons write to.
const e2e = useServerAndBrowser({ ownChromium: true });

const issues = (name: string) => e2e.browser.page.getByRole('button', { name: `Issues: ${name}` });
const clickPane = () => e2e.browser.page.locator('.react-flow__pane').click({ position: { x: 12, y: 420 } });

describe('editing a workflow in the browser', () => {
  it('shows validation errors for a broken graph on the nodes and in a list, and refuses to save it', async () => {
    const { page } = e2e.browser;
    await newWorkflow(page, 'Broken on purpose');
    // An empty canvas is not an error yet: a neutral hint.
    await issues('Add a trigger to start').waitFor();
    await dragFromPalette(page, 'HTTP request', 390, 220);
    // The new step's "https://" is not a URL yet: an error on the step, and no trigger.
    await issues('2 errors').waitFor();
    await issues('2 errors').click();
    await page.getByRole('region', { name: 'Issues' }).getByText('Add a trigger: every workflow starts with exactly one.').waitFor();
    await page.getByRole('region', { name: 'Issues' }).getByText('Enter a complete URL', { exact: false }).waitFor();
    await expect.poll(() => node(page, 'http').textContent(), POLL).toContain('Enter a complete URL');

    await node(page, 'http').click();
    // The URL field's editor replaces a plain input once its chunk has loaded: fill the editor.
    await page.locator('.side-panel .cm-content[aria-label="URL"]').waitFor();
    await page.getByRole('textbox', { name: 'URL', exact: true }).fill('');
    await node(page, 'http').locator('.badge-error').waitFor();
    await issues('2 errors').waitFor();
    await page.locator('.field-invalid').getByRole('textbox', { name: 'URL', exact: true }).waitFor();
    await page.getByRole('textbox', { name: 'URL', exact: true }).fill('https://example.test/{{ trigger.body.id ');
    await page.getByRole('textbox', { name: 'URL', exact: true }).fill('https://example.test/{{ trigger.body.id }}{{ }}');
    await page.getByRole('region', { name: 'Issues' }).getByText('An expression is empty').waitFor();

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Fix 2 problems before saving').waitFor();
    expect(new URL(page.url()).pathname).toBe('/workflows/new');

    await dragFromPalette(page, 'Webhook', 125, 220);
    await dragFromPalette(page, 'Filter', 260, 420);
    await connect(page, 'webhook', 'filter');
    await connect(page, 'filter', 'http');
    await expect.poll(() => edgeCount(page), POLL).toBe(2);
    // A loop is refused by the handles: the edge is never made.
    await connect(page, 'http', 'filter');
    await expect.poll(() => edgeCount(page), POLL).toBe(2);

    await node(page, 'http').click();
    await page.getByRole('textbox', { name: 'URL', exact: true }).fill('https://example.test/{{ trigger.body.id }}');
    await issues('No issues').waitFor();
    await expect.poll(() => node(page, 'http').locator('.badge-error').count(), POLL).toBe(0);
  }, 90_000);

  it('undoes and redoes deletes, moves and form edits from the keyboard and the toolbar', async () => {
    const { page } = e2e.browser;
    await node(page, 'filter').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => nodeCount(page), POLL).toBe(2);
    await expect.poll(() => edgeCount(page), POLL).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => nodeCount(page), POLL).toBe(3);
    await expect.poll(() => edgeCount(page), POLL).toBe(2);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => nodeCount(page), POLL).toBe(2);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => nodeCount(page), POLL).toBe(3);

    await node(page, 'http').click();
    const url = page.getByRole('textbox', { name: 'URL', exact: true });
    await url.fill('https://changed.example.test/');
    await clickPane();
    await page.keyboard.press('Control+z');
    await node(page, 'http').click();
    await expect.poll(() => fieldText(url), POLL).toBe('https://example.test/{{ trigger.body.id }}');
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => fieldText(url), POLL).toBe('https://changed.example.test/');
  }, 60_000);

  it('copies the selection to the clipboard as JSON and pastes it into this and another workflow', async () => {
    const { page } = e2e.browser;
    await node(page, 'filter').click();
    await node(page, 'http').click({ modifiers: ['Control'] });
    await page.keyboard.press('Control+c');
    const text = await page.evaluate(() => navigator.clipboard.readText());
    const copied = JSON.parse(text) as { kind: string; nodes: { id: string; type: string }[]; edges: unknown[] };
    expect(copied.kind).toBe('switchyard/nodes');
    expect(copied.nodes.map((n) => n.id).sort()).toEqual(['filter', 'http']);
    expect(copied.edges).toHaveLength(1);

    await clickPane();
    await page.keyboard.press('Control+v');
    await node(page, 'http_2').waitFor();
    await expect.poll(() => nodeCount(page), POLL).toBe(5);
    await expect.poll(() => edgeCount(page), POLL).toBe(3);

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved · v1').waitFor();
    await newWorkflow(page, 'Pasted into');
    await page.locator('.react-flow__pane').click({ position: { x: 300, y: 300 } });
    await page.keyboard.press('Control+v');
    await node(page, 'http').waitFor();
    await expect.poll(() => nodeCount(page), POLL).toBe(2);
    await expect.poll(() => edgeCount(page), POLL).toBe(1);
    await expect.poll(() => node(page, 'http').textContent(), POLL).toContain('https://changed.example.test/');
  }, 60_000);

  it('works from the keyboard: palette search, Enter to add and connect, the shortcuts dialog', async () => {
    const { page } = e2e.browser;
    await newWorkflow(page, 'Keyboard only', { discard: true });
    await clickPane();
    await page.keyboard.press('/');
    await page.keyboard.type('webho');
    await page.keyboard.press('Enter');
    await node(page, 'webhook').waitFor();
    // With the trigger selected, adding a step places it after the trigger and connects them.
    await page.getByRole('searchbox', { name: 'Search node types' }).fill('');
    await page.getByRole('button', { name: 'Add Code', exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await node(page, 'code').waitFor();
    await expect.poll(() => edgeCount(page), POLL).toBe(1);
    await issues('No issues').waitFor();

    await clickPane();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'hidden' });
  }, 60_000);

  it('edits code with the highlighted editor and keeps sticky notes across saves and reloads', async () => {
    const { page } = e2e.browser;
    await node(page, 'code').click();
    const code = page.getByRole('textbox', { name: 'Code', exact: true });
    // A syntax error is an error on the step, not "Needs setup".
    await typeInto(page, code, 'return { total: ');
    await issues('1 error').waitFor();
    await expect.poll(() => node(page, 'code').textContent(), POLL).toContain('Syntax error');
    await typeInto(page, code, 'return { total: trigger.body.amount * 2 };');
    await expect.poll(() => fieldText(code), POLL).toBe('return { total: trigger.body.amount * 2 };');
    await page.locator('.code-editor .cm-lineNumbers').getByText('1', { exact: true }).waitFor();
    await expect.poll(() => node(page, 'code').textContent(), POLL).toContain('return { total: trigger.body.amount * 2 };');

    await clickPane();
    await page.keyboard.press('n');
    const note = page.getByRole('textbox', { name: 'Sticky note' });
    await note.fill('Doubles the amount for the finance team.');
    await issues('No issues').waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved · v1').waitFor();
    // Ctrl+S again with nothing changed: no new version.
    await clickPane();
    await page.keyboard.press('Control+s');
    await page.getByText('No changes to save: this is version 1.').waitFor();
    await page.reload();
    await page.getByRole('textbox', { name: 'Sticky note' }).waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: 'Sticky note' }).inputValue(), POLL).toBe('Doubles the amount for the finance team.');
    await expect.poll(() => node(page, 'code').textContent(), POLL).toContain('trigger.body.amount * 2');
  }, 60_000);

  it('restores an earlier version from the history, and warns before leaving with unsaved changes', async () => {
    const { page } = e2e.browser;
    await page.getByRole('textbox', { name: 'Workflow name' }).fill('Keyboard only, renamed');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved · v2').waitFor();
    await page.getByRole('button', { name: 'Version history' }).click();
    const history = page.getByRole('dialog', { name: 'Version history' });
    await history.getByText('Version 2').waitFor();
    await history.locator('li', { hasText: 'Version 1' }).getByRole('button', { name: 'Restore' }).click();
    await page.getByText('Saved · v3').waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: 'Workflow name' }).inputValue(), POLL).toBe('Keyboard only');

    await page.getByRole('textbox', { name: 'Workflow name' }).fill('Not saved yet');
    await page.getByText('Unsaved changes').waitFor();
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await page.getByRole('link', { name: 'Runs' }).click();
    expect(asked).toMatch(/unsaved changes/);
    expect(new URL(page.url()).pathname).toMatch(/^\/workflows\/wf_/);
  }, 60_000);
});
