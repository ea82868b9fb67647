import { describe, expect, it } from 'vitest';
import { connect, dragFromPalette, fieldText, node } from './support/editor.js';
import { at, flowApi, type Created, type Hooked } from './support/flow-api.js';
import { shot, useServerAndBrowser } from './support/server-and-browser.js';
import { doubling } from './support/workflows.js';

/** UI updates land a frame or two after an action, runs a moment later: poll instead of reading once. */
const POLL = { timeout: 20_000, interval: 100 };

// Editing flow control in the browser, on a real server: the loop's body as a group and an edge
// that crosses it, the loop, merge and sub-workflow forms, the error workflow setting, and the
// links between a run and the sub-workflow run it started.
const e2e = useServerAndBrowser();
const flow = flowApi(() => e2e.browser.page, POLL);

let doublingId = '';

describe('editing loops, merges and sub-workflows', () => {
  it('shows an edge that crosses a loop’s boundary in the issues list, on the edge', async () => {
    const { page } = e2e.browser;
    doublingId = (await flow.api<Created>('POST', '/api/workflows', doubling)).id;
    await page.goto(`/workflows/${doublingId}`);
    await node(page, 'double').waitFor();
    // It opens at the readable zoom with its start in view; Fit view brings both ends of the new edge on screen.
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await connect(page, 'double', 'total');
    const issues = page.getByRole('button', { name: 'Issues: 1 error' });
    await issues.waitFor();
    await issues.click();
    // "total" now hangs off the body too, so the edge from "Done" into it is the one crossing the boundary.
    const entry = page.getByRole('region', { name: 'Issues' }).getByRole('button', { name: /Edge each → total/ });
    await entry.getByText(/crosses the boundary of loop "each"/).waitFor();
    await entry.click();
    await page.locator('.react-flow__edge.selected.edge-error').waitFor();
    await shot(page, 'loop-boundary-issue');
    await page.keyboard.press('Control+z');
    await page.getByRole('button', { name: 'Issues: No issues' }).waitFor();
  }, 60_000);

  it('edits loop, merge and sub-workflow steps with their own forms, and links a parent run to its child', async () => {
    const { page } = e2e.browser;
    // The loop's form: items, items at a time, what a failed item does.
    await page.goto(`/workflows/${doublingId}`);
    await node(page, 'each').click();
    const config = page.getByRole('region', { name: 'Configuration' });
    await expect.poll(() => fieldText(config.getByRole('textbox', { name: 'Items' })), POLL).toBe('{{ trigger.body.lines }}');
    await config.getByRole('spinbutton', { name: 'Items at a time' }).fill('3');
    await node(page, 'each')
      .getByText(/3 at a time/)
      .waitFor();
    await config.getByRole('radio', { name: /Collect the error and go on/ }).check();
    await shot(page, 'loop-form');
    await page.keyboard.press('Control+s');
    await page.getByText('Saved · v2').waitFor();

    const callee = await flow.api<Created>('POST', '/api/workflows', {
      name: 'Greeter',
      nodes: [
        { id: 'called', type: 'subworkflowTrigger', position: at(0, 0), config: {} },
        { id: 'reply', type: 'code', position: at(300, 0), config: { code: 'return { greeting: `hi ${trigger.body.name}` };' } },
      ],
      edges: [{ id: 'e1', source: 'called', target: 'reply' }],
    });
    const paid = { id: 'paid', label: 'Paid', rules: [{ field: 'trigger.body.type', operator: 'equals', value: 'invoice.paid' }] };
    const failedCase = { id: 'failed', label: 'Failed', rules: [{ field: 'trigger.body.type', operator: 'equals', value: 'invoice.payment_failed' }] };
    const { id } = await flow.api<Created>('POST', '/api/workflows', {
      name: 'Route and join',
      nodes: [
        { id: 'hook', type: 'webhook', position: at(0, 150), config: {} },
        { id: 'sw', type: 'switch', position: at(300, 150), config: { cases: [paid, failedCase] } },
        { id: 'a', type: 'code', position: at(620, 40), config: { code: 'return { paid: true };' } },
        { id: 'b', type: 'code', position: at(620, 260), config: { code: 'return { failed: true };' } },
        { id: 'join', type: 'merge', position: at(920, 150), config: {} },
      ],
      edges: [
        { id: 'e1', source: 'hook', target: 'sw' },
        { id: 'e2', source: 'sw', sourceHandle: 'paid', target: 'a' },
        { id: 'e3', source: 'sw', sourceHandle: 'failed', target: 'b' },
        { id: 'e4', source: 'a', target: 'join' },
        { id: 'e5', source: 'b', target: 'join' },
      ],
    });
    await page.goto(`/workflows/${id}`);
    // The switch still draws one output per case and "Otherwise"; the merge says it joins two branches.
    for (const label of ['Paid', 'Failed', 'Otherwise']) await node(page, 'sw').getByText(label, { exact: true }).waitFor();
    await node(page, 'join').getByText('2 branches in · waits for all').waitFor();
    await node(page, 'join').click();
    await config.getByRole('radio', { name: /The first to arrive/ }).check();
    await node(page, 'join').getByText('2 branches in · first wins').waitFor();
    await expect.poll(() => config.getByRole('radio', { name: /^List/ }).isDisabled(), POLL).toBe(true);
    await config.getByRole('radio', { name: /All branches/ }).check();
    await config.getByRole('radio', { name: /^List/ }).check();
    await shot(page, 'merge-form');
    // Matched by field: says which edge is input 1 and 2, starts from "id" on both, and offers the joins.
    await config.getByRole('radio', { name: /^Matched by field/ }).check();
    await config.getByText('Input 1 is').waitFor();
    await expect.poll(() => config.getByRole('textbox', { name: 'Field in input 1' }).inputValue(), POLL).toBe('id');
    await config.getByRole('textbox', { name: 'Field in input 2' }).fill('ref');
    await config.getByRole('radio', { name: /^Every item of input 1/ }).check();
    await node(page, 'join')
      .getByText(/left join on id = ref/)
      .waitFor();
    await shot(page, 'merge-by-field-form');
    await config.getByRole('radio', { name: /^List/ }).check();

    // A sub-workflow step from the palette: the workflow to call is picked, not typed. The
    // workflow opened at the readable zoom with its start in view; Fit view shows all of it.
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await dragFromPalette(page, 'Sub-workflow', 560, 600);
    await connect(page, 'join', 'subworkflow');
    await node(page, 'subworkflow').click();
    const picker = config.getByRole('combobox', { name: 'Workflow to call' });
    await expect.poll(() => picker.locator('option').allTextContents(), POLL).toContain('Greeter (inactive)');
    await picker.selectOption({ label: 'Greeter (inactive)' });
    await config.getByRole('textbox', { name: 'Input' }).fill('{"name": "{{ trigger.body.name }}"}');
    await shot(page, 'subworkflow-form');
    // The workflow's own settings: an error workflow.
    await page.locator('.react-flow__pane').click({ position: { x: 12, y: 420 } });
    await page.getByRole('combobox', { name: 'Error workflow' }).selectOption({ label: 'Greeter (inactive)' });
    // Searchable paths: one a line; a path outside the trigger body is refused at the field.
    const searchPaths = page.getByRole('textbox', { name: 'Searchable paths' });
    await searchPaths.fill('trigger.query.type');
    await page.getByRole('alert').filter({ hasText: 'a search path is a path into the trigger body' }).waitFor();
    await searchPaths.fill('trigger.body.type\n');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'search path' }).count(), POLL).toBe(0);
    await page.keyboard.press('Control+s');
    await page.getByText('Saved · v2').waitFor();
    const saved = await flow.api<{ definition: { nodes: { id: string; config: Record<string, unknown> }[]; settings: Record<string, unknown> } }>('GET', `/api/workflows/${id}`);
    expect(saved.definition.settings.errorWorkflowId).toBe(callee.id);
    expect(saved.definition.settings.searchPaths).toEqual(['trigger.body.type']);
    expect(saved.definition.nodes.find((n) => n.id === 'subworkflow')?.config.workflowId).toBe(callee.id);
    expect(saved.definition.nodes.find((n) => n.id === 'join')?.config).toMatchObject({ mode: 'all', combine: 'list' });

    // A run calls the sub-workflow; its step links to the child run, which links back.
    const { hooks } = await flow.api<Hooked>('POST', `/api/workflows/${id}/activate`);
    await flow.trigger(hooks[0]?.url ?? '', { type: 'invoice.paid', name: 'Ada' });
    const run = await flow.newestRun(id, 'succeeded');
    const found = await flow.api<{ runs: { id: string }[]; truncated: boolean }>('GET', `/api/runs?workflowId=${id}&where=${encodeURIComponent('trigger.body.type=invoice.paid')}`);
    expect(found).toMatchObject({ runs: [{ id: run.id }], truncated: false });
    await page.goto(`/runs/${run.id}`);
    const side = page.getByRole('complementary', { name: 'Steps' });
    await side.getByRole('button', { name: /Sub-workflow/ }).click();
    await side.getByLabel('Output', { exact: true }).getByText('"hi Ada"').waitFor();
    await side.getByRole('link', { name: /open it/ }).click();
    await page.getByRole('heading', { name: /Greeter/ }).waitFor();
    await page.getByText(`Called by ${run.id.slice(0, 16)} (step subworkflow)`).waitFor();
    await shot(page, 'child-run');
  }, 120_000);
});
