import { describe, expect, it } from 'vitest';
import { scheduleConfigSchema, scheduleNode } from '../../shared/nodes/schedule.node.js';
import { validateWorkflow } from '../../shared/graph/validate-workflow.js';
import { describeNodeType } from '../../shared/nodes/describe-node-type.js';
import type { NodeTypeDescriptor } from '../../shared/nodes/define-node-type.js';

const issuesOf = (config: unknown) => {
  const r = scheduleConfigSchema.safeParse(config);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('schedule trigger config', () => {
  it('accepts the defaults, 5- and 6-field cron, nicknames and intervals', () => {
    expect(issuesOf(scheduleNode.defaults)).toEqual([]);
    expect(issuesOf({ mode: 'cron', cron: '*/5 * * * * *', timezone: 'Europe/Berlin' })).toEqual([]);
    expect(issuesOf({ mode: 'cron', cron: '@hourly' })).toEqual([]);
    expect(issuesOf({ mode: 'interval', every: '1s', missed: 'skip', payload: { report: 'daily' } })).toEqual([]);
    expect(scheduleConfigSchema.parse({ cron: '0 * * * *' })).toMatchObject({ mode: 'cron', timezone: 'UTC', every: '15m', missed: 'runOnce' });
  });

  it('names what is wrong: an invalid cron, an unknown time zone, a cron that never fires, too short an interval', () => {
    expect(issuesOf({ mode: 'cron', cron: '61 * * * *' })).toEqual([expect.stringMatching(/^cron: Invalid cron expression "61 \* \* \* \*": Invalid value for minute/)]);
    expect(issuesOf({ mode: 'cron', cron: '* * * *' })[0]).toMatch(/^cron: Invalid cron expression/);
    expect(issuesOf({ mode: 'cron', cron: '* * * * * * *' })[0]).toMatch(/^cron: Invalid cron expression.*5 fields/);
    expect(issuesOf({ mode: 'cron', cron: '0 0 31 2 *' })).toEqual(['cron: The cron expression "0 0 31 2 *" never fires (a date such as 31 February).']);
    expect(issuesOf({ mode: 'cron' })).toEqual(['cron: Give a cron expression, e.g. "0 9 * * *".']);
    expect(issuesOf({ mode: 'cron', cron: '0 * * * *', timezone: 'Mars/Olympus' })).toEqual(['timezone: Unknown time zone "Mars/Olympus": use an IANA name such as "Europe/Berlin" or "UTC".']);
    expect(issuesOf({ mode: 'interval', every: '500ms' })).toEqual(['every: An interval must be at least 1 second ("1s").']);
    expect(issuesOf({ mode: 'interval', every: 'soon' })[0]).toMatch(/^every: /);
    expect(issuesOf({ mode: 'interval', payload: [1, 2] })[0]).toMatch(/^payload: /);
  });

  it('an interval schedule does not care about the cron field', () => {
    expect(issuesOf({ mode: 'interval', every: '5m', cron: 'not checked' })).toEqual([]);
  });

  it('is a trigger: a workflow with it alone is valid, and bad config is reported at the node', () => {
    const wf = (config: unknown) => ({ name: 's', nodes: [{ id: 'tick', type: 'schedule', position: { x: 0, y: 0 }, config }], edges: [] });
    expect(validateWorkflow(wf({ mode: 'interval', every: '1m' })).ok).toBe(true);
    const bad = validateWorkflow(wf({ mode: 'cron', cron: '0 9 * * *', timezone: 'Nowhere/City' }));
    expect(bad.ok).toBe(false);
    expect(bad.issues).toContainEqual(expect.objectContaining({ nodeId: 'tick', path: 'config.timezone', severity: 'error' }));
  });

  it('describes itself for the palette with a generated form schema', () => {
    const d = describeNodeType(scheduleNode as unknown as NodeTypeDescriptor);
    expect(d).toMatchObject({ type: 'schedule', kind: 'trigger', category: 'triggers' });
    expect(Object.keys((d.configSchema as { properties: object }).properties)).toEqual(['mode', 'cron', 'timezone', 'every', 'missed', 'payload']);
  });
});
