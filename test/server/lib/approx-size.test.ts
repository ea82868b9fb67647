// The bounded size estimate that decides what the executor keeps in memory.
import { describe, expect, it } from 'vitest';
import { approxSizeWithin } from '../../../server/lib/approx-size.js';

describe('approxSizeWithin', () => {
  it('counts strings by length, keys, and other leaves at 8 bytes', () => {
    expect(approxSizeWithin('abcd', 1_000)).toBe(6);
    expect(approxSizeWithin({ ab: 'xyz', n: 1, ok: true, none: null }, 1_000)).toBe(2 + 4 + 5 + 1 + 4 + 8 + 2 + 4 + 8 + 4 + 4 + 8);
    expect(approxSizeWithin([1, 2], 1_000)).toBe(2 + 16);
    expect(approxSizeWithin(Buffer.alloc(100), 1_000)).toBe(100);
  });

  it('stops at its limit: a large value answers Infinity', () => {
    expect(approxSizeWithin({ body: 'x'.repeat(5_000) }, 1_000)).toBe(Infinity);
    expect(
      approxSizeWithin(
        Array.from({ length: 10_000 }, (_, i) => i),
        1_000,
      ),
    ).toBe(Infinity);
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(approxSizeWithin(deep, 1_000_000)).toBe(100_000 * 2 + 6);
  });
});
