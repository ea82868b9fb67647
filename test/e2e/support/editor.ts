import { createServer } from 'node:http';
import type { Locator, Page } from 'playwright-core';

/** First run: the setup page creates the owner and signs them in. */
export async function setupOwner(page: Page, who = { name: 'Ada Owner', email: 'ada@example.test', password: 'correct horse battery' }) {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Welcome to Switchyard' }).waitFor();
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Create owner account' }).click();
  await page.getByRole('heading', { name: 'Workflows', exact: true }).waitFor();
  return who;
}

/** Opens a new workflow; `discard` accepts the unsaved-changes question if it comes. */
export async function newWorkflow(page: Page, name?: string, opts: { discard?: boolean } = {}) {
  const accept = (d: { accept: () => Promise<void> }) => void d.accept();
  if (opts.discard) page.once('dialog', accept);
  await page.getByRole('link', { name: 'Workflows', exact: true }).click();
  page.off('dialog', accept);
  await page.getByRole('button', { name: 'New workflow' }).click();
  await page.getByRole('textbox', { name: 'Workflow name' }).waitFor();
  if (name) await page.getByRole('textbox', { name: 'Workflow name' }).fill(name);
}

export const node = (page: Page, id: string): Locator => page.locator(`.react-flow__node[data-id="${id}"]`);

/** Drags a palette item onto the canvas at a point relative to the canvas' top-left corner. */
export async function dragFromPalette(page: Page, title: string, x: number, y: number) {
  await page.getByRole('button', { name: `Add ${title}`, exact: true }).dragTo(page.locator('.editor-canvas'), { targetPosition: { x, y } });
}

/** Drags with the mouse from one node's output handle to another node's input. */
export async function connect(page: Page, from: string, to: string, output?: string) {
  const source = output
    ? page.locator(`.react-flow__node[data-id="${from}"] .react-flow__handle.source[data-handleid="${output}"]`)
    : page.locator(`.react-flow__node[data-id="${from}"] .react-flow__handle.source`).first();
  const target = page.locator(`.react-flow__node[data-id="${to}"] .react-flow__handle.target`).first();
  await source.dragTo(target);
}

export const edgeCount = (page: Page) => page.locator('.react-flow__edge').count();
export const nodeCount = (page: Page) => page.locator('.react-flow__node').count();

/** A receiver on 127.0.0.1 that records what the http step sends. */
export async function receiver() {
  const got: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ received: true, n: got.length }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    got,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * The nodes a person could not click: for each node on the canvas, its centre and four points
 * just inside its corners must hit the node itself, not a panel, the minimap or the controls.
 */
export function coveredNodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const covered: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('.react-flow__node'))) {
      const r = el.getBoundingClientRect();
      const points = [
        [r.left + r.width / 2, r.top + r.height / 2],
        [r.left + 8, r.top + 8],
        [r.right - 8, r.top + 8],
        [r.left + 8, r.bottom - 8],
        [r.right - 8, r.bottom - 8],
      ];
      const ok = points.every(([x, y]) => document.elementFromPoint(x ?? 0, y ?? 0)?.closest('.react-flow__node') === el);
      if (!ok) covered.push(el.dataset.id ?? '?');
    }
    return covered;
  });
}

/** Drags a node by its middle with the mouse, in small steps as a hand does. */
export async function dragNodeBy(page: Page, id: string, dx: number, dy: number) {
  const box = await node(page, id).boundingBox();
  if (!box) throw new Error(`node ${id} is not on screen`);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 });
  await page.mouse.move(x + dx, y + dy, { steps: 4 });
  await page.mouse.up();
}

/**
 * Replaces the text of a code or `{{ }}` field (CodeMirror) as a person does: click into it,
 * select all, type. Brackets close themselves while typing and a typed closer steps over them,
 * so the result is exactly `text`.
 */
export async function typeInto(page: Page, field: Locator, text: string) {
  await field.click();
  await page.keyboard.press('ControlOrMeta+a');
  if (text === '') await page.keyboard.press('Backspace');
  else await page.keyboard.type(text);
  // Close a completion list the typing may have opened, so it covers nothing.
  await page.keyboard.press('Escape');
}

/** The text of a field: an input's value, or a CodeMirror field's lines. */
export const fieldText = (field: Locator): Promise<string> =>
  field.evaluate((el) =>
    el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement
      ? el.value
      : Array.from(el.querySelectorAll('.cm-line'), (l) => (l.querySelector('.cm-placeholder') ? '' : (l.textContent ?? ''))).join('\n'),
  );
