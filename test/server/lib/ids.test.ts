import { describe, expect, it } from 'vitest';
import { newId } from '../../../server/lib/ids.js';

describe('newId', () => {
  it('makes distinct ids of the documented shape, across many refills of its random pool', () => {
    const ids = Array.from({ length: 20_000 }, () => newId('run', 1_700_000_000_000));
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^run_[0-9abcdefghjkmnpqrstvwxyz]{26}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // The random part uses the whole alphabet, not a few letters of it.
    expect(new Set(ids.flatMap((id) => [...id.slice(14)])).size).toBe(32);
  });

  it('sorts by creation time first', () => {
    const earlier = newId('evt', 1_700_000_000_000);
    const later = newId('evt', 1_700_000_000_001);
    expect(earlier < later).toBe(true);
  });
});
