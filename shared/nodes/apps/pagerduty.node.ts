import { z } from 'zod';
import { defineNodeType, singleOutput } from '../define-node-type.js';
import { appRetry, credentialIdField, optionalText, primary, requireFor } from './app-fields.js';
import { lazySchema } from '../../lazy-schema.js';

export const pagerdutyActions = ['trigger', 'acknowledge', 'resolve'] as const;
export const pagerdutySeverities = ['critical', 'error', 'warning', 'info'] as const;

export const pagerdutyConfigSchema = lazySchema(() =>
  z
    .object({
      credentialId: credentialIdField('A PagerDuty credential with an Events API v2 routing key'),
      action: z.enum(pagerdutyActions).meta({ title: 'Action', description: 'Open an alert, or acknowledge or resolve the one with this dedup key.' }),
      dedupKey: optionalText(
        'Dedup key',
        'Names the alert: required to acknowledge or resolve. For a trigger, events with the same key group into one alert (default: one per run and step).',
        255,
        primary,
      ),
      summary: optionalText('Summary', "trigger: what is wrong, as the alert's title.", 1024, primary),
      source: optionalText('Source', 'trigger: the affected system, e.g. a host name or service.', 255, primary),
      severity: z
        .enum(pagerdutySeverities)
        .optional()
        .meta({ title: 'Severity', description: 'trigger: how bad it is.', ...primary }),
      component: optionalText('Component', 'trigger: the part of the source that is affected.', 255),
      group: optionalText('Group', 'trigger: a logical grouping, e.g. app-stack.', 255),
      customDetails: z.record(z.string(), z.unknown()).optional().meta({ title: 'Details', description: 'trigger: a JSON object of your choice, shown with the alert.' }),
      retry: appRetry,
    })
    .superRefine((c, ctx) => {
      if (c.action !== 'trigger') {
        requireFor(ctx, c.dedupKey, 'dedupKey', `To ${c.action} an alert, give its dedup key.`);
        return;
      }
      requireFor(ctx, c.summary, 'summary', 'A trigger needs a summary.');
      requireFor(ctx, c.source, 'source', 'A trigger needs a source.');
      if (c.severity === undefined) ctx.addIssue({ code: 'custom', path: ['severity'], message: 'A trigger needs a severity.' });
    }),
);
export type PagerdutyConfig = z.infer<typeof pagerdutyConfigSchema>;

export const pagerdutyNode = defineNodeType({
  type: 'pagerduty',
  version: 1,
  title: 'PagerDuty alert',
  description: 'Triggers, acknowledges or resolves an alert through the PagerDuty Events API v2.',
  category: 'apps',
  icon: '🚨',
  kind: 'step',
  outputs: singleOutput,
  configSchema: pagerdutyConfigSchema,
  defaults: { credentialId: '', action: 'trigger', summary: '{{ trigger.body.summary }}', source: 'switchyard', severity: 'error' },
  summarize: (c) => (c.action === 'trigger' ? `trigger (${c.severity ?? '?'})` : `${c.action} ${c.dedupKey ?? ''}`.trim()),
});
