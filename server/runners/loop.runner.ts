import type { LoopConfig } from '../../shared/nodes/loop.node.js';
import type { StepRunner } from './runner.js';

/**
 * Works out the loop's list; the engine then runs the body once per item. The list is
 * fixed when the loop starts, stored with the step, so a restart walks the same items.
 */
export const loopRunner: StepRunner<LoopConfig> = {
  async run(config, ctx) {
    const rendered = await ctx.render(config.items);
    if (!rendered.ok) return { kind: 'failed', error: rendered.error };
    const items = rendered.value;
    if (!Array.isArray(items)) {
      const got = items === null ? 'null' : typeof items;
      return {
        kind: 'failed',
        error: { code: 'loop_items_not_a_list', message: `"items" must give a list, but it gave ${got}. Point it at an array, e.g. {{ trigger.body.lines }}.`, retryable: false },
      };
    }
    if (items.length > config.maxItems) {
      return {
        kind: 'failed',
        error: { code: 'loop_too_many_items', message: `The list has ${items.length} items; this loop takes at most ${config.maxItems} (raise "maxItems", up to 100000).`, retryable: false },
      };
    }
    return { kind: 'iterate', items, detail: { total: items.length } };
  },
};
