import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from '../../../server/sandbox/sandbox-limits.js';

/** An object nested `depth` levels: depth 0 is a plain value, 1 an object holding one. */
const nested = (depth: number, wrap: (inner: unknown) => unknown = (inner) => ({ a: inner })): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = wrap(v);
  return v;
};

describe('nestsDeeperThan', () => {
  it('counts objects and arrays, not plain values, up to the limit and past it', () => {
    expect(nestsDeeperThan(1, 0)).toBe(false);
    expect(nestsDeeperThan(null, 0)).toBe(false);
    expect(nestsDeeperThan(nested(3), 3)).toBe(false);
    expect(nestsDeeperThan(nested(4), 3)).toBe(true);
    expect(
      nestsDeeperThan(
        nested(4, (inner) => [0, inner]),
        3,
      ),
    ).toBe(true);
    expect(
      nestsDeeperThan(
        nested(3, (inner) => [inner, 'x']),
        3,
      ),
    ).toBe(false);
  });

  it('finds the deep branch among wide, shallow ones', () => {
    const wide = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`k${i}`, { v: i }]));
    expect(nestsDeeperThan({ ...wide, deep: nested(10) }, 8)).toBe(true);
    expect(nestsDeeperThan(wide, 8)).toBe(false);
  });

  it('walks a hostile depth without overflowing the stack', () => {
    expect(nestsDeeperThan(nested(200_000), 64)).toBe(true);
    expect(
      nestsDeeperThan(
        nested(200_000, (inner) => [inner]),
        300_000,
      ),
    ).toBe(false);
  });
});
