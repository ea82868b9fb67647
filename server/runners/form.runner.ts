import type { FormConfig } from '../../shared/nodes/form.node.js';
import type { StepRunner } from './runner.js';

/** Like a webhook: the trigger is not executed; its output is the stored submission (`trigger.body` holds the checked values). */
export const formRunner: StepRunner<FormConfig> = {
  async run(_config, ctx) {
    return { kind: 'succeeded', output: ctx.scope.trigger };
  },
};
