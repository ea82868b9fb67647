import { describe, expect, it } from 'vitest';
import { everyText, missedText, needsSeconds, tickText, untilText } from '../../client/editor/schedule-text.js';
import { fieldsOf, type JsonSchema } from '../../client/editor/inspector/form-schema.js';
import { describeNodeType } from '../../shared/nodes/describe-node-type.js';
import { scheduleNode } from '../../shared/nodes/schedule.node.js';
import type { NodeTypeDescriptor } from '../../shared/nodes/define-node-type.js';

describe('schedule panel words', () => {
  it('says intervals in words', () => {
    expect(everyText('15m')).toBe('every 15 minutes');
    expect(everyText('1s')).toBe('every second');
    expect(everyText(1500)).toBe('every 1500 milliseconds');
    expect(everyText('1d')).toBe('every day');
  });

  it('says how long until a tick', () => {
    const now = Date.parse('2024-01-01T10:00:00Z');
    expect(untilText('2024-01-01T10:00:05Z', now)).toBe('in 5 s');
    expect(untilText('2024-01-01T10:03:00Z', now)).toBe('in 3 min');
    expect(untilText('2024-01-01T12:00:00Z', now)).toBe('in 2 h');
    expect(untilText('2024-01-05T10:00:00Z', now)).toBe('in 4 days');
    expect(untilText('2024-01-01T09:59:00Z', now)).toBe('now');
  });

  it('shows a tick in the trigger time zone, with seconds only when they matter', () => {
    expect(tickText('2024-03-31T01:00:00Z', 'Europe/Berlin', false)).toMatch(/03:00/);
    expect(tickText('2024-03-31T01:00:00Z', 'Asia/Kolkata', true)).toMatch(/06:30:00/);
    expect(needsSeconds(['2024-01-01T10:00:00Z', '2024-01-01T10:01:00Z'])).toBe(false);
    expect(needsSeconds(['2024-01-01T10:00:00Z', '2024-01-01T10:00:15Z'])).toBe(true);
    expect(missedText('skip')).toMatch(/skipped/);
    expect(missedText('runOnce')).toMatch(/once for the latest/);
  });

  it('the generated form has a field per setting with readable labels', () => {
    const schema = describeNodeType(scheduleNode as unknown as NodeTypeDescriptor).configSchema as JsonSchema;
    const fields = fieldsOf('schedule', schema);
    expect(fields.map((f) => [f.key, f.label, f.kind])).toEqual([
      ['mode', 'Runs', 'select'],
      ['cron', 'Cron expression', 'text'],
      ['timezone', 'Time zone', 'text'],
      ['every', 'Interval', 'text'],
      ['missed', 'Missed runs', 'select'],
      ['payload', 'Payload', 'json'],
    ]);
  });
});
