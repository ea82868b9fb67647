import type { MergeConfig } from '../../shared/nodes/merge.node.js';
import { itemsAt, joinByField } from './merge-by-field.js';
import type { StepRunner } from './runner.js';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Combines the outputs of the branches that arrived. */
export const mergeRunner: StepRunner<MergeConfig> = {
  async run(config, ctx) {
    const arrived = ctx.incoming;
    if (config.mode === 'first') return { kind: 'succeeded', output: arrived[0]?.output ?? null, detail: { from: arrived[0]?.from ?? null } };
    const from = arrived.map((a) => a.from);
    switch (config.combine) {
      case 'list':
        return { kind: 'succeeded', output: arrived.map((a) => a.output), detail: { from } };
      case 'byStep': {
        // A null-prototype object: a step id such as "__proto__" is only a key here.
        const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
        for (const a of arrived) out[a.from] = a.output;
        return { kind: 'succeeded', output: { ...out }, detail: { from } };
      }
      case 'merge': {
        const out: Record<string, unknown> = {};
        for (const a of arrived) {
          if (!isPlainObject(a.output)) {
            return { kind: 'failed', error: { code: 'merge_not_an_object', message: `"merge" combines objects, but the output of "${a.from}" is not one. Use "byStep" or "list".`, retryable: false } };
          }
          for (const [k, v] of Object.entries(a.output)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
        }
        return { kind: 'succeeded', output: out, detail: { from } };
      }
      case 'byField': {
        if (!config.byField) return { kind: 'failed', error: { code: 'config_invalid', message: 'byField: say which field of input 1 and of input 2 to match on.', retryable: false } };
        // Input 1 and 2 are the first and second incoming edges; a branch that did not run brings no items.
        const beyond = arrived.find((a, i) => (a.input ?? i) > 1);
        if (beyond) {
          return {
            kind: 'failed',
            error: { code: 'merge_too_many_inputs', message: `"byField" joins two inputs, but "${beyond.from}" comes in on a third edge. Merge the others first.`, retryable: false },
          };
        }
        const outputAt = (n: number) => arrived.find((a, i) => (a.input ?? i) === n)?.output;
        const by = config.byField;
        return { kind: 'succeeded', output: joinByField(itemsAt(outputAt(0), by.items1), itemsAt(outputAt(1), by.items2), by), detail: { from } };
      }
      default: {
        const unreachable: never = config.combine;
        return unreachable;
      }
    }
  },
};
