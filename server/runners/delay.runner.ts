import { delayMs, MAX_DELAY_MS, type DelayConfig } from '../../shared/nodes/delay.node.js';
import type { StepRunner } from './runner.js';

/** Parses what an `until` template rendered to: epoch milliseconds or a date string. */
function toTime(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = /^\d+$/.test(value.trim()) ? Number(value) : Date.parse(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/**
 * Parks the run until a time. The wait is a stored step state and a scheduled job, not a
 * timer in memory, so it survives restarts; when due, the engine resumes the step with its input.
 */
export const delayRunner: StepRunner<DelayConfig> = {
  async run(config, ctx) {
    const now = ctx.clock.now();
    let until = now + delayMs(config);
    if (config.mode === 'until') {
      const rendered = await ctx.render(config.until ?? '');
      if (!rendered.ok) return { kind: 'failed', error: rendered.error };
      const at = toTime(rendered.value);
      if (at === undefined) {
        return { kind: 'failed', error: { code: 'invalid_time', message: `"until" rendered to ${JSON.stringify(rendered.value)}, which is not a date or epoch milliseconds.` } };
      }
      if (at - now > MAX_DELAY_MS) return { kind: 'failed', error: { code: 'delay_too_long', message: 'A delay can wait at most 365 days.' } };
      until = at;
    }
    if (until <= now) return { kind: 'succeeded', output: ctx.scope.input };
    return { kind: 'wait', until, output: ctx.scope.input, detail: { resumesAt: new Date(until).toISOString() } };
  },
};
