// Cancels told to a worker before the run they name started there (pure: a manual clock).
import { describe, expect, it } from 'vitest';
import { createEarlyCancels } from '../../../server/executor/early-cancels.js';

describe('early cancels', () => {
  it('hands a cancel told before the run started to its start, once', () => {
    let now = 1_000;
    const early = createEarlyCancels(() => now);
    early.remember('run_a');
    now += 5;
    expect(early.take('run_b')).toBe(false);
    expect(early.take('run_a')).toBe(true);
    expect(early.take('run_a')).toBe(false);
    expect(early.size).toBe(0);
  });

  it('forgets a cancel once it is older than a run could take to start after its claim', () => {
    let now = 1_000;
    const early = createEarlyCancels(() => now, { keepMs: 10_000 });
    early.remember('run_old');
    now += 9_000;
    early.remember('run_new');
    now += 2_000;
    // Aged out: not handed to a start, and dropped when the next cancel is told.
    expect(early.take('run_old')).toBe(false);
    early.remember('run_newer');
    expect(early.size).toBe(2);
    expect(early.take('run_new')).toBe(true);
  });

  it('holds at most `max` cancels, dropping the oldest first', () => {
    const early = createEarlyCancels(() => 1_000, { max: 3 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) early.remember(id);
    expect(early.size).toBe(3);
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => early.take(id))).toEqual([false, false, true, true, true]);
  });
});
