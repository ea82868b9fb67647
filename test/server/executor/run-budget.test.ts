import { describe, expect, it } from 'vitest';
import { createRunBudget, triggerBytes } from '../../../server/executor/run-budget.js';

const MB = 1_048_576;

describe('run budget', () => {
  it('leaves the slots alone when no budget is set', () => {
    const b = createRunBudget(undefined);
    b.claimed().held(10 * MB);
    expect(b.room(256, 1)).toBe(256);
  });

  it('takes one run first, to learn how large the events are, and waits for its size before taking more', () => {
    const b = createRunBudget(64 * MB);
    expect(b.room(256, 0)).toBe(1);
    const first = b.claimed();
    expect(b.room(255, 1)).toBe(0);
    first.held(1_000);
    expect(b.room(255, 1)).toBe(255);
  });

  it('claims as many runs as fit beside the ones held, counting the unloaded ones at the typical size', () => {
    const b = createRunBudget(10 * MB);
    const a = b.claimed();
    a.held(2 * MB);
    // 8 MB left at 2 MB each.
    expect(b.room(100, 1)).toBe(4);
    b.claimed();
    b.claimed();
    // Two claimed, sizes unknown: counted at 2 MB each.
    expect(b.heldBytes).toBe(6 * MB);
    expect(b.room(100, 3)).toBe(2);
    a.ended();
    expect(b.heldBytes).toBe(4 * MB);
    expect(b.room(100, 2)).toBe(3);
  });

  it('runs a run larger than the whole budget alone, and nothing beside it', () => {
    const b = createRunBudget(1 * MB);
    const big = b.claimed();
    big.held(3 * MB);
    expect(b.room(100, 1)).toBe(0);
    big.ended();
    expect(b.room(100, 0)).toBe(1);
    expect(b.heldBytes).toBe(0);
  });

  it('counts a size once and an end once', () => {
    const b = createRunBudget(100 * MB);
    const t = b.claimed();
    t.held(MB);
    t.held(50 * MB);
    expect(b.heldBytes).toBe(MB);
    t.ended();
    t.ended();
    expect(b.heldBytes).toBe(0);
    // A run that ends before it was loaded (its run was missing) gives its place back too.
    b.claimed().ended();
    expect(b.heldBytes).toBe(0);
  });

  it('follows the sizes seen: after a change to large events it soon counts them at their size', () => {
    const b = createRunBudget(1_000 * MB);
    for (let i = 0; i < 20; i++) b.claimed().held(1_000);
    const large = Array.from({ length: 12 }, () => b.claimed());
    for (const t of large) t.held(MB);
    b.claimed();
    // The last, unloaded claim counts at the typical size, which is now most of a large event's.
    const unloaded = b.heldBytes - 12 * MB - 20 * 1_000;
    expect(unloaded).toBeGreaterThan(0.9 * MB);
  });

  it('estimates trigger data as the body twice and the headers', () => {
    expect(triggerBytes(1_000, { 'content-type': 'application/json' })).toBe(512 + 2_000 + 'content-type'.length + 'application/json'.length + 16);
  });
});
