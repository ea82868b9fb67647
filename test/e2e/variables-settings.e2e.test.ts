import { describe, expect, it } from 'vitest';
import { flowApi } from './support/flow-api.js';
import { shot, useServerAndBrowser } from './support/server-and-browser.js';

// Settings › Variables in a real Chromium at 1280x720 against a real server: variables added,
// changed and deleted through the page are what a run reads as vars.NAME.
const POLL = { timeout: 15_000, interval: 100 };
const SECRET = 'sk_e2e_variable_secret_7731';
const env = useServerAndBrowser({ viewport: { width: 1280, height: 720 } });
const api = flowApi(() => env.browser.page, POLL);

interface RunDetail {
  status: string;
  steps: { nodeId: string; output: unknown }[];
}

describe('Settings › Variables', () => {
  it('adds, edits and deletes variables that runs read as vars.NAME, and never shows a secret again', async () => {
    const page = env.browser.page;
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const section = page.getByRole('region', { name: 'Variables' });
    await section.getByText('No variables').waitFor();

    const name = section.getByRole('textbox', { name: 'New variable name' });
    const value = section.getByRole('textbox', { name: 'New variable value' });
    await name.fill('bad-name');
    await value.fill('x');
    await section.getByRole('button', { name: 'Add variable' }).click();
    await expect.poll(() => section.getByRole('alert').textContent(), POLL).toMatch(/starts with a letter/);

    await name.fill('REGION');
    await value.fill('eu-west');
    await section.getByRole('button', { name: 'Add variable' }).click();
    await section.getByRole('button', { name: 'Edit REGION' }).waitFor();
    await name.fill('API_TOKEN');
    await value.fill(SECRET);
    await section.getByRole('checkbox', { name: 'Secret' }).check();
    await section.getByRole('button', { name: 'Add variable' }).click();
    await section.getByRole('button', { name: 'Edit API_TOKEN' }).waitFor();
    expect(await section.getByText(SECRET).count()).toBe(0);
    await expect.poll(async () => (await section.getByRole('table', { name: 'Variables' }).textContent()) ?? '', POLL).toMatch(/API_TOKEN\s*secret.*REGION\s*eu-west/);

    await section.getByRole('button', { name: 'Edit REGION' }).click();
    await section.getByRole('textbox', { name: 'Value of REGION' }).fill('eu-central');
    await section.getByRole('button', { name: 'Save' }).click();
    await section.getByText('eu-central').waitFor();
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'settings-variables');

    const { id } = await api.api<{ id: string }>('POST', '/api/workflows', {
      name: 'Reads variables',
      nodes: [
        { id: 'start', type: 'manual', position: { x: 0, y: 0 }, config: {} },
        { id: 'read', type: 'code', position: { x: 250, y: 0 }, config: { code: 'return { region: vars.REGION, token: vars.API_TOKEN };' } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'read' }],
    });
    const { runId } = await api.api<{ runId: string }>('POST', `/api/workflows/${id}/run`, { payload: {} });
    let run: RunDetail | undefined;
    await expect.poll(async () => (run = await api.api<RunDetail>('GET', `/api/runs/${runId}`)).status, POLL).toBe('succeeded');
    expect(run?.steps.find((s) => s.nodeId === 'read')?.output).toEqual({ region: 'eu-central', token: '[redacted]' });

    await section.getByRole('button', { name: 'Delete REGION' }).click();
    await expect.poll(() => section.getByRole('button', { name: 'Edit REGION' }).count(), POLL).toBe(0);
    const left = await api.api<{ variables: { name: string }[] }>('GET', '/api/variables');
    expect(left.variables.map((v) => v.name)).toEqual(['API_TOKEN']);
  });
});
