import { describe, expect, it } from 'vitest';
import type { LoopItemsPage } from '../../client/api/run-control.js';
import { stepSchema, type Step } from '../../client/api/types.js';
import { CAPTION_ROOM, GROUP_PAD, loopGroups, loopMembers } from '../../client/editor/loop-bounds.js';
import { enclosingLoops, loopSamples } from '../../client/editor/inspector/loop-picker-data.js';
import { bulkRequest } from '../../client/runs/bulk-replay.js';
import { countFinishedItems, FIRST_PAGE } from '../../client/runs/loop-count.js';
import { childRunIdOf, frameCrumbs, isCancellable, itemFrame, loopCounts, loopProgressText, parentFrame } from '../../client/runs/run-frames.js';

const step = (s: Record<string, unknown>): Step => stepSchema.parse({ status: 'succeeded', ...s });
const n = (id: string, nodeType: string) => ({ id, nodeType });
const e = (source: string, target: string, sourceHandle?: string) => ({ id: `${source}-${target}`, source, target, ...(sourceHandle ? { sourceHandle } : {}) });

// hook -> outer (loop); outer.item -> inner (loop) -> inner.item -> work; inner.done -> sum; outer.done -> report
const nodes = [n('hook', 'webhook'), n('outer', 'loop'), n('inner', 'loop'), n('work', 'code'), n('sum', 'code'), n('report', 'code')];
const edges = [e('hook', 'outer'), e('outer', 'inner', 'item'), e('inner', 'work', 'item'), e('inner', 'sum', 'done'), e('outer', 'report', 'done')];

describe('loop bodies on the canvas', () => {
  it('lists what each loop repeats, nested bodies included, and leaves the rest out', () => {
    const m = loopMembers(nodes, edges);
    expect(m.get('outer')).toEqual({ depth: 0, members: expect.arrayContaining(['inner', 'work', 'sum']) });
    expect(m.get('outer')?.members).toHaveLength(3);
    expect(m.get('inner')).toEqual({ depth: 1, members: ['work'] });
    expect(loopMembers([n('hook', 'webhook'), n('c', 'code')], [e('hook', 'c')]).size).toBe(0);
  });

  it('draws a box around a body with room for its caption, and an outer box around the inner one', () => {
    const box = (x: number, y: number) => ({ x, y, width: 200, height: 60 });
    const placed = [
      { id: 'inner', nodeType: 'loop', box: box(300, 0) },
      { id: 'work', nodeType: 'code', box: box(600, 0) },
      { id: 'sum', nodeType: 'code', box: box(600, 200) },
    ];
    const [outer, inner] = loopGroups(loopMembers(nodes, edges), placed);
    expect(inner).toMatchObject({ loopId: 'inner', box: { x: 600 - GROUP_PAD, y: -GROUP_PAD - CAPTION_ROOM, width: 200 + 2 * GROUP_PAD, height: 60 + 2 * GROUP_PAD + CAPTION_ROOM } });
    expect(outer?.loopId).toBe('outer');
    // The outer box holds the inner loop node, its box, and "sum".
    expect(outer?.box.x).toBe(300 - GROUP_PAD);
    expect(outer?.box.y).toBe((inner?.box.y ?? 0) - GROUP_PAD - CAPTION_ROOM);
    expect((outer?.box.y ?? 0) + (outer?.box.height ?? 0)).toBe(260 + GROUP_PAD);
  });

  it('skips a loop with nothing on "Each item"', () => {
    expect(loopGroups(loopMembers([n('l', 'loop'), n('c', 'code')], [e('l', 'c', 'done')]), [])).toEqual([]);
  });
});

describe('loop frames in the run view', () => {
  it('reads frame keys as a path and builds them back', () => {
    expect(frameCrumbs('')).toEqual([]);
    expect(frameCrumbs('outer:1/inner:0')).toEqual([
      { loopId: 'outer', index: 1, frame: 'outer:1' },
      { loopId: 'inner', index: 0, frame: 'outer:1/inner:0' },
    ]);
    expect(frameCrumbs('not a frame')).toEqual([]);
    expect(itemFrame('', 'each', 3)).toBe('each:3');
    expect(itemFrame('outer:1', 'inner', 0)).toBe('outer:1/inner:0');
    expect(parentFrame('outer:1/inner:0')).toBe('outer:1');
  });

  it('says how far a loop got, running or finished', () => {
    const running = step({ nodeId: 'each', type: 'loop', status: 'running', attempts: [{ attempt: 1, status: 'running', detail: { total: 5 } }] });
    expect(loopCounts(running)).toEqual({ total: 5 });
    expect(loopProgressText({ ...loopCounts(running), done: 2 }, true)).toBe('2 of 5 items done');
    const done = step({ nodeId: 'each', type: 'loop', attempts: [{ attempt: 1, status: 'succeeded', detail: { total: 5, succeeded: 3, failed: 1, dropped: 1 } }] });
    expect(loopProgressText(loopCounts(done), false)).toBe('5 of 5 items ran · 1 failed · 1 dropped');
    expect(loopProgressText({ total: 1, succeeded: 1 }, false)).toBe('1 of 1 item ran');
    expect(loopProgressText({}, true)).toBe('Working out the items…');
  });

  it('finds the child run of a sub-workflow step wherever it was recorded', () => {
    expect(childRunIdOf(step({ nodeId: 's', output: { runId: 'run_a' } }))).toBe('run_a');
    expect(childRunIdOf(step({ nodeId: 's', output: { greeting: 'hi' }, attempts: [{ attempt: 1, status: 'succeeded', detail: { childRunId: 'run_b' } }] }))).toBe('run_b');
    expect(childRunIdOf(step({ nodeId: 's', status: 'failed', error: { code: 'subworkflow_failed', message: 'x', childRunId: 'run_c' } }))).toBe('run_c');
    expect(childRunIdOf(step({ nodeId: 'c', output: { n: 1 } }))).toBeUndefined();
  });

  it('offers cancel only while a run has not ended', () => {
    expect(['queued', 'waiting', 'running'].every(isCancellable)).toBe(true);
    expect(['succeeded', 'failed', 'cancelled'].some(isCancellable)).toBe(false);
  });
});

describe('counting the finished items of a running loop', () => {
  /** The finished items of a loop, paged the way the API pages them. */
  const pages = (finished: number, failedAt: number[] = []) => {
    const calls: [number, number][] = [];
    const page = async (offset: number, limit: number): Promise<LoopItemsPage> => {
      calls.push([offset, limit]);
      const end = Math.min(finished, offset + limit);
      const items = Array.from({ length: Math.max(0, end - offset) }, (_, k) => ({
        index: offset + k,
        frame: `each:${offset + k}`,
        status: failedAt.includes(offset + k) ? ('failed' as const) : ('succeeded' as const),
        dropped: false,
      }));
      return { items, nextOffset: end < finished ? end : null };
    };
    return { page, calls };
  };

  it('counts a small loop from one page, failures included', async () => {
    const p = pages(7, [2]);
    expect(await countFinishedItems(p.page, 10)).toEqual({ done: 7, failed: 1, dropped: 0 });
    expect(p.calls).toHaveLength(1);
  });

  it('narrows a big loop down with one-item probes', async () => {
    for (const finished of [FIRST_PAGE + 1, 1234, 9999, 10_000]) {
      const p = pages(finished);
      expect((await countFinishedItems(p.page, 10_000)).done).toBe(finished);
      expect(p.calls.length).toBeLessThanOrEqual(1 + Math.ceil(Math.log2(10_000)) + 1);
    }
  });
});

describe('the data picker inside a loop body', () => {
  it('knows which loops a step sits in, outermost first', () => {
    expect(enclosingLoops('work', nodes, edges)).toEqual(['outer', 'inner']);
    expect(enclosingLoops('report', nodes, edges)).toEqual([]);
  });

  it('shows each loop as {item, index, total} from its first item, and the body steps before the selected one', () => {
    const top = { outer: step({ nodeId: 'outer', type: 'loop', attempts: [{ attempt: 1, status: 'succeeded', detail: { total: 2 } }] }) };
    const outerItem = { inner: step({ nodeId: 'inner', type: 'loop', input: { lines: [1, 2, 3] }, attempts: [{ attempt: 1, status: 'succeeded', detail: { total: 3 } }] }) };
    const innerItem = { work: step({ nodeId: 'work', input: 1, output: { n: 2 } }), inner: step({ nodeId: 'inner', output: { n: 2 } }) };
    const samples = loopSamples(['outer', 'inner'], top, [outerItem, innerItem], edges, new Set(['hook', 'outer', 'inner', 'work']));
    expect(samples).toEqual({ outer: { item: { lines: [1, 2, 3] }, index: 0, total: 2 }, inner: { item: 1, index: 0, total: 3 }, work: { n: 2 } });
  });
});

describe('bulk replay', () => {
  it('sends only the filters the person set, with times as ISO', () => {
    const req = bulkRequest({ workflowId: '', status: 'failed', errorCode: ' http_server_error ', from: '2024-03-01T10:00:00', to: '', replayFrom: 'failedStep', version: 'current' }, true);
    expect(req).toMatchObject({ status: 'failed', errorCode: 'http_server_error', replayFrom: 'failedStep', version: 'current', dryRun: true });
    expect(req.workflowId).toBeUndefined();
    expect(req.to).toBeUndefined();
    expect(Date.parse(req.from ?? '')).toBe(new Date('2024-03-01T10:00:00').getTime());
  });
});
