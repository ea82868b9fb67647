import type { ManualConfig } from '../../shared/nodes/manual.node.js';
import type { StepRunner } from './runner.js';

/** Triggers are not executed: a manual run's output is the stored payload, like a webhook's request. */
export const manualRunner: StepRunner<ManualConfig> = {
  async run(_config, ctx) {
    return { kind: 'succeeded', output: ctx.scope.trigger };
  },
};
