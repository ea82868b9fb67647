import type { WebhookConfig } from '../../shared/nodes/webhook.node.js';
import type { StepRunner } from './runner.js';

/** Triggers are not executed: their output is the stored request. This runner exists for manual re-evaluation. */
export const webhookRunner: StepRunner<WebhookConfig> = {
  async run(_config, ctx) {
    return { kind: 'succeeded', output: ctx.scope.trigger };
  },
};
