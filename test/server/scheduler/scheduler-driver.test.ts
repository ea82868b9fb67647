import { afterEach, describe, expect, it } from 'vitest';
import { tickDedupeKey } from '../../../server/scheduler/fire-tick.js';
import { schedulerWorld } from './support.js';

const T0 = Date.parse('2024-01-01T10:00:00.250Z');
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const minute = (n: number) => Date.parse('2024-01-01T10:00:00Z') + n * MIN;

let world: ReturnType<typeof schedulerWorld>;
afterEach(async () => world.close());

describe('the schedule driver (fake clock, real SQLite)', () => {
  it('arms one timer for the earliest next tick across every schedule and fires ticks as they fall due', async () => {
    world = schedulerWorld(T0);
    world.saveWorkflow('wf_a', { mode: 'interval', every: '1m', payload: { report: 'a' } });
    world.saveWorkflow('wf_b', { mode: 'cron', cron: '30 * * * * *' });
    world.saveWorkflow('wf_off', { mode: 'interval', every: '1s' }, false);
    await world.scheduler.start();
    expect(world.ticks('wf_a')).toEqual([]);
    expect(world.scheduler.wakeAt()).toBe(Date.parse('2024-01-01T10:00:30Z'));
    expect(world.timers.armed()).toEqual([30_000 - 250]);

    world.clock.set(Date.parse('2024-01-01T10:00:30.004Z'));
    await world.scheduler.plan();
    expect(world.ticks('wf_b')).toEqual(['2024-01-01T10:00:30.000Z']);
    expect(world.scheduler.wakeAt()).toBe(minute(1));
    expect(world.timers.armed()).toHaveLength(1);

    world.clock.set(minute(1) + 3);
    await world.scheduler.plan();
    expect(world.ticks('wf_a')).toEqual([iso(minute(1))]);
    expect(world.ticks('wf_off')).toEqual([]);
    expect(world.queued()).toBe(2);

    const ev = world.db.prepare(`SELECT * FROM events WHERE workflow_id = 'wf_a'`).get() as { method: string; dedupe_key: string; body: Buffer };
    expect(ev.method).toBe('SCHEDULE');
    expect(ev.dedupe_key).toBe(tickDedupeKey('wf_a', 'tick', minute(1)));
    expect(JSON.parse(ev.body.toString())).toEqual({ report: 'a', scheduledAt: iso(minute(1)), firedAt: iso(minute(1) + 3) });
    expect(world.repos.schedules.get('wf_a', 'tick')).toMatchObject({ cursor: minute(1), lastTick: minute(1) });
  });

  it('planning again at the same moment, or a new process at that moment, never fires a tick twice', async () => {
    world = schedulerWorld(T0);
    world.saveWorkflow('wf', { mode: 'interval', every: '1m' });
    await world.scheduler.start();
    world.clock.set(minute(1) + 10);
    await Promise.all([world.scheduler.plan(), world.scheduler.plan()]);
    await world.scheduler.plan();
    await world.restart();
    await world.scheduler.start();
    expect(world.ticks('wf')).toEqual([iso(minute(1))]);
  });

  it('a cursor behind what already ran (a lost write) is caught by the dedupe key: still one run per tick', async () => {
    world = schedulerWorld(T0);
    world.saveWorkflow('wf', { mode: 'interval', every: '1m' });
    await world.scheduler.start();
    world.clock.set(minute(1) + 10);
    await world.scheduler.plan();
    await world.restart();
    const st = world.repos.schedules.get('wf', 'tick');
    if (!st) throw new Error('no state');
    world.repos.schedules.upsert({ ...st, cursor: minute(0) });
    await world.scheduler.start();
    expect(world.ticks('wf')).toEqual([iso(minute(1))]);
    expect(world.repos.schedules.get('wf', 'tick')?.cursor).toBe(minute(1));
  });

  it('runOnce: after downtime, exactly one run for the latest missed tick', async () => {
    world = schedulerWorld(T0);
    world.saveWorkflow('wf', { mode: 'interval', every: '1m', missed: 'runOnce' });
    await world.scheduler.start();
    world.clock.set(minute(1));
    await world.scheduler.plan();
    await world.restart();
    world.clock.set(minute(10) + 20_000);
    await world.scheduler.start();
    expect(world.ticks('wf')).toEqual([iso(minute(1)), iso(minute(10))]);
    expect(world.scheduler.wakeAt()).toBe(minute(11));
  });

  it('skip: after downtime, no catch-up run; the next regular tick runs', async () => {
    world = schedulerWorld(T0);
    world.saveWorkflow('wf', { mode: 'interval', every: '1m', missed: 'skip' });
    await world.scheduler.start();
    world.clock.set(minute(1));
    await world.scheduler.plan();
    await world.restart();
    world.clock.set(minute(10) + 20_000);
    await world.scheduler.start();
    expect(world.ticks('wf')).toEqual([iso(minute(1))]);
    world.clock.set(minute(11));
    await world.scheduler.plan();
    expect(world.ticks('wf')).toEqual([iso(minute(1)), iso(minute(11))]);
  });

  it('while running, a late wake coalesces bunched ticks into the latest; a wake long after a tick applies the policy', async () => {
    world = schedulerWorld(T0);
    world.saveWorkflow('fast', { mode: 'interval', every: '1s', missed: 'skip' });
    world.saveWorkflow('skip', { mode: 'interval', every: '5m', missed: 'skip' });
    world.saveWorkflow('once', { mode: 'interval', every: '5m', missed: 'runOnce' });
    await world.scheduler.start();
    world.clock.set(minute(0) + 3_500);
    await world.scheduler.plan();
    expect(world.ticks('fast')).toEqual([iso(minute(0) + 3_000)]);
    world.clock.set(minute(5) + 20);
    await world.scheduler.plan();
    expect(world.ticks('skip')).toEqual([iso(minute(5))]);
    // The machine slept: the 10:15 tick is 2.5 minutes old when the timer finally runs.
    world.clock.set(minute(17) + 30_000);
    await world.scheduler.plan();
    expect(world.ticks('skip')).toEqual([iso(minute(5))]);
    expect(world.ticks('once')).toEqual([iso(minute(5)), iso(minute(15))]);
    expect(world.scheduler.wakeAt()).toBe(minute(17) + 31_000);
  });

  it('deactivation stops a schedule at once; activating again does not catch up on the time it was off', async () => {
    world = schedulerWorld(T0);
    world.saveWorkflow('wf', { mode: 'interval', every: '1m', missed: 'runOnce' });
    await world.scheduler.start();
    world.repos.workflows.setActive('wf', false, world.clock.now());
    world.scheduler.changed('wf');
    await world.scheduler.plan();
    expect(world.scheduler.wakeAt()).toBeNull();
    expect(world.timers.armed()).toEqual([]);
    world.clock.set(minute(30) + 5);
    await world.scheduler.plan();
    expect(world.ticks('wf')).toEqual([]);
    world.repos.workflows.setActive('wf', true, world.clock.now());
    world.scheduler.changed('wf');
    await world.scheduler.plan();
    expect(world.ticks('wf')).toEqual([]);
    world.clock.set(minute(31));
    await world.scheduler.plan();
    expect(world.ticks('wf')).toEqual([iso(minute(31))]);
  });

  it('a deactivation that commits before a due tick is stored wins: the tick finds the workflow off and fires nothing', async () => {
    world = schedulerWorld(T0);
    world.saveWorkflow('wf', { mode: 'interval', every: '1m' });
    await world.scheduler.start();
    world.clock.set(minute(1));
    world.repos.workflows.setActive('wf', false, world.clock.now());
    await world.scheduler.plan();
    expect(world.ticks('wf')).toEqual([]);
  });

  it('a changed timetable starts over from the change instead of catching up', async () => {
    world = schedulerWorld(T0);
    world.saveWorkflow('wf', { mode: 'interval', every: '1h', missed: 'runOnce' });
    await world.scheduler.start();
    world.clock.set(minute(30));
    world.saveWorkflow('wf', { mode: 'interval', every: '1m', missed: 'runOnce' });
    world.scheduler.changed('wf');
    await world.scheduler.plan();
    expect(world.ticks('wf')).toEqual([]);
    expect(world.scheduler.wakeAt()).toBe(minute(31));
  });

  it('a deleted workflow loses its cursor and its timer', async () => {
    world = schedulerWorld(T0);
    world.saveWorkflow('wf', { mode: 'interval', every: '1m' });
    await world.scheduler.start();
    expect(world.repos.schedules.get('wf', 'tick')).toBeDefined();
    world.repos.workflows.remove('wf');
    world.scheduler.changed('wf');
    await world.scheduler.plan();
    expect(world.repos.schedules.all()).toEqual([]);
    expect(world.scheduler.wakeAt()).toBeNull();
  });
});
