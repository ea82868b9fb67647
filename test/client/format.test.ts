import { describe, expect, it } from 'vitest';
import { shortId } from '../../client/ui/format.js';
import { newId } from '../../server/lib/ids.js';

describe('shortId', () => {
  it('tells apart runs started in the same millisecond, which share the whole time part', () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5);
    const ids = Array.from({ length: 50 }, () => newId('run', at));
    const shown = ids.map((id) => shortId(id));
    expect(new Set(shown).size).toBe(50);
    for (const [i, s] of shown.entries()) {
      expect(s).toMatch(/^run_…[0-9A-Za-z]{6}$/);
      expect(ids[i]?.endsWith(s.slice('run_…'.length))).toBe(true);
    }
  });

  it('leaves short ids whole', () => {
    expect(shortId('run_ABC')).toBe('run_ABC');
    expect(shortId('plain')).toBe('plain');
  });
});
