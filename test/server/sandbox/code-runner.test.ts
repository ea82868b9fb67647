import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../server/lib/clock.js';
import { createCodeRunner } from '../../../server/runners/code.runner.js';
import type { StepContext } from '../../../server/runners/runner.js';
import { createSandboxPool } from '../../../server/sandbox/sandbox-pool.js';
import type { SandboxPool } from '../../../server/sandbox/sandbox-types.js';
import { codeConfigSchema } from '../../../shared/nodes/code.node.js';
import { scopeOf } from './support.js';

let pool: SandboxPool;
beforeAll(() => {
  pool = createSandboxPool({ size: 1 });
});
afterAll(() => pool.close());

function context(signal = new AbortController().signal): StepContext {
  return {
    runId: 'run_1',
    workflowId: 'wf_1',
    nodeId: 'shape',
    attempt: 1,
    scope: scopeOf(),
    idempotencyKey: 'run_1:shape',
    clock: createManualClock(),
    signal,
    render: async (value) => ({ ok: true, value }),
    incoming: [],
    replyToTrigger: () => {},
  };
}
const config = (code: string, limits: { memoryMb?: number; timeoutMs?: number } = {}) => codeConfigSchema.parse({ code, ...limits });

describe('the code runner', () => {
  it('succeeds with the returned value as output and the console as logs', async () => {
    const outcome = await createCodeRunner({ pool }).run(config('console.log("shaping", trigger.body.id);\nreturn { text: `Order ${trigger.body.id} paid` }'), context());
    expect(outcome).toEqual({ kind: 'succeeded', output: { text: 'Order 7 paid' }, logs: ['shaping 7'] });
  });

  it('stores null for a step that returns nothing', async () => {
    expect(await createCodeRunner({ pool }).run(config('const x = 1;'), context())).toMatchObject({ kind: 'succeeded', output: null });
  });

  it('fails without retry on an error of the code, naming its line', async () => {
    const outcome = await createCodeRunner({ pool }).run(config('console.log("a");\nreturn input.nothing.here'), context());
    expect(outcome).toEqual({
      kind: 'failed',
      error: { code: 'code_error', message: "TypeError at line 2: Cannot read properties of undefined (reading 'here')", line: 2, column: 22, retryable: false },
      logs: ['a'],
    });
  });

  it("applies the step's own limits", async () => {
    const outcome = await createCodeRunner({ pool }).run(config('for (;;) {}', { timeoutMs: 50 }), context());
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'timeout', message: 'The code ran longer than its 50 ms time limit and was stopped.', retryable: false } });
  });

  it('does not retry a crash the code caused itself', async () => {
    const outcome = await createCodeRunner({ pool }).run(config('return new Array(2 ** 28).fill(0).length', { timeoutMs: 20_000 }), context());
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'sandbox_crashed', reason: 'out_of_memory', retryable: false } });
  });
});
