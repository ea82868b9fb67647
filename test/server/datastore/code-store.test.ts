import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { runOnce } from '../../support/run-once.js';
import { edge, node } from '../../support/workflows.js';

const env = useAppAndReceiver();

type Run = { status: string; steps: { nodeId: string; output: unknown; error?: { code: string; message: string } }[] };
const codeRun = async (code: string, extra: { nodes?: ReturnType<typeof node>[]; timeoutMs?: number } = {}) => {
  const nodes = [node('hook', 'webhook'), ...(extra.nodes ?? []), node('js', 'code', { code, ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}) })];
  const edges = nodes.slice(1).map((n, i) => edge((nodes[i] as { id: string }).id, n.id));
  const run = (await runOnce(env.t, { name: `code store ${Math.random()}`, nodes, edges }, { id: 5 })) as Run;
  return { run, js: run.steps.find((s) => s.nodeId === 'js') };
};

describe('store.* in code steps', () => {
  it('gets, sets, increments, lists and deletes through the host, asynchronously', async () => {
    const { run, js } = await codeRun(`
      await store.set('order:' + trigger.body.id, { total: 3 }, { ttlSeconds: 60 });
      const first = await store.increment('hits');
      const second = await store.increment('hits', 2);
      const listed = await store.list('order:');
      return {
        order: await store.get('order:5'),
        missing: (await store.get('nope')) === undefined,
        first, second,
        keys: listed.items.map((i) => i.key),
        deleted: await store.delete('order:5'),
        gone: (await store.get('order:5')) === undefined,
      };`);
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    expect(js?.output).toEqual({ order: { total: 3 }, missing: true, first: 1, second: 3, keys: ['order:5'], deleted: true, gone: true });
  });

  it('shares project entries with the datastore step, and keeps workflow entries apart', async () => {
    const { run, js } = await codeRun('return { shared: await store.get("greeting", { scope: "project" }), own: await store.get("greeting") }', {
      nodes: [node('put', 'datastore', { operation: 'set', scope: 'project', key: 'greeting', value: 'hello' })],
    });
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    expect(js?.output).toEqual({ shared: 'hello', own: undefined });
  });

  it('throws a clear error into the code for a value over 64 KB or a bad key, which the code can catch', async () => {
    const { js } = await codeRun(`
      const errors = [];
      try { await store.set('big', 'x'.repeat(70000)); } catch (e) { errors.push(e.message); }
      try { await store.set('', 1); } catch (e) { errors.push(e.message); }
      try { await store.increment('k', 'lots'); } catch (e) { errors.push(e.message); }
      return { errors, stored: await store.get('big') };`);
    const out = js?.output as { errors: string[]; stored: unknown };
    expect(out.errors[0]).toBe('store.set: The value is 70002 bytes as JSON; the data store keeps values up to 65536 bytes (64 KB).');
    expect(out.errors[1]).toBe('store.set: A key must be a non-empty string.');
    expect(out.errors[2]).toContain('"by" must be a number');
    expect(out.stored).toBeUndefined();
    // Far larger arguments stop in the sandbox process, before they cross to the server; uncaught, the step fails.
    const huge = await codeRun("await store.set('huge', 'x'.repeat(200000)); return 1");
    expect(huge.js?.error).toMatchObject({ code: 'code_error' });
    expect(huge.js?.error?.message).toContain('store.set: the arguments are larger than 80 KB as JSON');
  });

  it('keeps the time limit over code that waits on the store', async () => {
    const { run, js } = await codeRun('await store.get("a"); for (;;) {}', { timeoutMs: 200 });
    expect(run.status).toBe('failed');
    expect(js?.error?.code).toBe('timeout');
  });
});
