import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../../server/lib/bounded-memo.js';

describe('boundedMemo', () => {
  it('computes each key once, undefined answers included, and forgets the oldest key past its bound', () => {
    const asked: string[] = [];
    const lengthOf = boundedMemo((key: string) => (asked.push(key), key.length > 1 ? key.length : undefined), 2);
    expect([lengthOf('ab'), lengthOf('ab'), lengthOf('a'), lengthOf('a')]).toEqual([2, 2, undefined, undefined]);
    expect(asked).toEqual(['ab', 'a']);
    lengthOf('abc');
    lengthOf('ab');
    expect(asked).toEqual(['ab', 'a', 'abc', 'ab']);
  });
});
