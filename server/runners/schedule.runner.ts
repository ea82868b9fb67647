import type { ScheduleConfig } from '../../shared/nodes/schedule.node.js';
import type { StepRunner } from './runner.js';

/** Triggers are not executed: a scheduled run's output is its stored tick (payload, scheduledAt, firedAt). */
export const scheduleRunner: StepRunner<ScheduleConfig> = {
  async run(_config, ctx) {
    return { kind: 'succeeded', output: ctx.scope.trigger };
  },
};
