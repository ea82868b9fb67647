import type { CodeConfig } from '../../shared/nodes/code.node.js';
import type { SandboxError, SandboxPool } from '../sandbox/sandbox-types.js';
import type { StepRunner } from './runner.js';
import type { DataStoreService } from '../services/datastore-service.js';
import { codeStoreHandler } from './code-store.js';

/**
 * Whether a failed code step is worth another attempt. The code is deterministic, so its
 * own errors and limits are not. A crash is, only when it was not caused by this code: a
 * child runs one call at a time, so an out-of-memory abort or a hang is this code's doing,
 * while an unexpected exit (killed from outside) or a shutdown is not.
 */
function retryable(error: SandboxError): boolean {
  return error.code === 'sandbox_crashed' && (error.reason === 'exited' || error.reason === 'closed');
}

/**
 * Runs a code step in the sandbox: the code is the body of an async function of `trigger`,
 * `input`, `steps`, with `store.*` reaching the data store when one is given.
 */
export function createCodeRunner({ pool, data }: { pool: SandboxPool; data?: DataStoreService }): StepRunner<CodeConfig> {
  return {
    async run(config, ctx) {
      const result = await pool.runCode({
        code: config.code,
        scope: ctx.scope,
        limits: { memoryMb: config.memoryMb, timeoutMs: config.timeoutMs },
        signal: ctx.signal,
        ...(data ? { store: codeStoreHandler(data, ctx.workflowId) } : {}),
      });
      if (result.ok) {
        // A step that returns nothing has the output null (stored as JSON).
        return { kind: 'succeeded', output: result.value === undefined ? null : result.value, logs: result.logs };
      }
      return { kind: 'failed', error: { ...result.error, retryable: retryable(result.error) }, logs: result.logs };
    },
  };
}
