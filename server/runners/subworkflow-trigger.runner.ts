import type { SubworkflowTriggerConfig } from '../../shared/nodes/subworkflow-trigger.node.js';
import type { StepRunner } from './runner.js';

/** Triggers are not executed: a called run's output is the caller's input, stored as its event. */
export const subworkflowTriggerRunner: StepRunner<SubworkflowTriggerConfig> = {
  async run(_config, ctx) {
    return { kind: 'succeeded', output: ctx.scope.trigger };
  },
};
