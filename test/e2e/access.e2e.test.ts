import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type TestBrowser } from './support/browser.js';
import { connect, dragFromPalette, newWorkflow, node, setupOwner } from './support/editor.js';
import { startServer, type TestServer } from './support/server.js';

// Accounts in a real Chromium against a real server: the owner builds a workflow under the
// content security policy, invites a viewer by link, and the viewer signs up and sees no edit
// controls, while the server refuses the edit the viewer tries anyway.
const POLL = { timeout: 5_000, interval: 50 };
const shots = join(import.meta.dirname, '..', '..', 'test-results', 'e2e');
let server: TestServer;
let owner: TestBrowser;
let viewer: TestBrowser;
const problems: string[] = [];

/** Collects CSP violations and errors the page logs, so the test can insist there are none. */
async function watch(b: TestBrowser, who: string) {
  await b.context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  b.page.on('console', (m) => {
    if (m.type() === 'error' && /CSP|Content Security Policy|Refused/.test(m.text())) problems.push(`${who}: ${m.text()}`);
  });
  b.page.on('pageerror', (e) => problems.push(`${who}: ${e.message}`));
}

beforeAll(async () => {
  server = await startServer();
  owner = await openBrowser(server.base);
  viewer = await openBrowser(server.base);
  await watch(owner, 'owner');
  await watch(viewer, 'viewer');
  mkdirSync(shots, { recursive: true });
}, 60_000);

afterAll(async () => {
  await owner?.close();
  await viewer?.close();
  await server?.stop();
});

const settingsSection = (page: Page, name: string) => page.getByRole('region', { name });

describe('teams in the editor', () => {
  let workflowUrl = '';
  let inviteUrl = '';

  it('lets the owner build and save a workflow under the content security policy', async () => {
    const page = owner.page;
    await setupOwner(page);
    const csp = (await page.request.get('/')).headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    await newWorkflow(page, 'Shared flow');
    await dragFromPalette(page, 'Manual trigger', 200, 200);
    await dragFromPalette(page, 'Code', 520, 200);
    await connect(page, 'manual', 'code');
    await expect.poll(() => page.locator('.react-flow__edge').count(), POLL).toBe(1);
    await node(page, 'code').click();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByText('Saved · v1').count(), POLL).toBe(1);
    workflowUrl = new URL(page.url()).pathname;
    expect(workflowUrl).toMatch(/^\/workflows\/wf_/);
  });

  it('invites a viewer with a one-time link from Settings', async () => {
    const page = owner.page;
    await page.getByRole('link', { name: 'Settings' }).click();
    const people = settingsSection(page, 'People');
    await people.getByLabel('Email to invite').fill('val@example.test');
    await people.getByLabel('Role for the invitation').selectOption('viewer');
    await people.getByRole('button', { name: 'Create invitation' }).click();
    const link = people.getByLabel('Invitation link');
    await link.waitFor();
    inviteUrl = await link.inputValue();
    expect(inviteUrl).toMatch(new RegExp(`^${server.base}/invite/[\\w-]{32}$`));
    await expect.poll(() => people.getByRole('table', { name: 'Pending invitations' }).getByText('val@example.test').count(), POLL).toBe(1);
    await people.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'access-invite.png') });
  });

  it('signs the viewer up from the link, and shows them no edit controls', async () => {
    const page = viewer.page;
    await page.goto(inviteUrl);
    await page.getByRole('heading', { name: 'Join Switchyard' }).waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe('val@example.test');
    await page.getByLabel('Your name').fill('Val Viewer');
    await page.getByLabel('Password').fill('val picks a password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Workflows', exact: true }).waitFor();

    await page.getByRole('link', { name: 'Shared flow' }).waitFor();
    expect(await page.getByRole('button', { name: 'New workflow' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete Shared flow' }).count()).toBe(0);
    expect(await page.getByRole('switch').count()).toBe(0);
    await page.screenshot({ path: join(shots, 'access-viewer-workflows.png') });

    await page.getByRole('link', { name: 'Shared flow' }).click();
    await page.getByText('View only: your role cannot change workflows').waitFor();
    await expect.poll(() => page.locator('.react-flow__node').count(), POLL).toBe(2);
    for (const name of ['Save', 'Test run', 'Undo', 'Add sticky note']) expect(await page.getByRole('button', { name, exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add Code', exact: true }).count()).toBe(0);
    await page.screenshot({ path: join(shots, 'access-viewer-editor.png') });

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();
    expect(await page.getByRole('heading', { name: 'People' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Audit log' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'New credential' }).count()).toBe(0);
    expect(await page.getByText('viewer', { exact: true }).count()).toBeGreaterThan(0);
  });

  it('refuses the viewer’s edit on the server all the same, with the session’s CSRF token', async () => {
    const page = viewer.page;
    const id = workflowUrl.split('/').pop() ?? '';
    const res = await page.evaluate(async (wf) => {
      const token = /sy_csrf=([\w-]+)/.exec(document.cookie)?.[1] ?? '';
      const r = await fetch(`/api/workflows/${wf}/deactivate`, { method: 'POST', headers: { 'x-csrf-token': token } });
      return { status: r.status, body: await r.json() };
    }, id);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('viewer');
  });

  it('shows the owner who did what in the audit log', async () => {
    const page = owner.page;
    await page.reload();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor({ timeout: 30_000 });
    const audit = settingsSection(page, 'Audit log');
    await audit.scrollIntoViewIfNeeded();
    await expect.poll(() => audit.getByText('invite.accept').count(), POLL).toBe(1);
    await expect.poll(() => audit.getByText('workflow.create').count(), POLL).toBe(1);
    await audit.getByText('invite.accept').click();
    await page.screenshot({ path: join(shots, 'access-audit.png') });
  });

  it('logged no content security policy violation or page error in either browser', () => {
    expect(problems).toEqual([]);
  });
});
