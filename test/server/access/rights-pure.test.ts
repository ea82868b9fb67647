import { describe, expect, it } from 'vitest';
import { createRightsMatcher } from '../../../server/http/rights-match.js';
import { rightsTable } from '../../../server/http/rights.js';
import { refusal } from '../../../server/http/rights-check.js';
import { diffDefinitions } from '../../../server/services/audit-diff.js';
import { createSignInThrottle } from '../../../server/services/auth-throttle.js';
import { createManualClock } from '../../../server/lib/clock.js';
import type { Principal } from '../../../server/services/auth-principal.js';

describe('the rights matcher', () => {
  const match = createRightsMatcher(rightsTable);
  it('prefers literal segments, ignores case and a trailing slash, and decodes params', () => {
    expect(match('POST', '/runs/replay')?.right.path).toBe('/runs/replay');
    expect(match('POST', '/runs/run_1/replay')?.right.path).toBe('/runs/:id/replay');
    expect(match('GET', '/Credentials/Types/')?.right.path).toBe('/credentials/types');
    expect(match('HEAD', '/workflows')?.right.method).toBe('GET');
    expect(match('GET', '/workflows/a%2Fb')?.params).toEqual({ id: 'a/b' });
    expect(match('GET', '/workflows/%E0%A4%A')).toBeUndefined();
    expect(match('PATCH', '/workflows/x')).toBeUndefined();
  });
  it('takes the lower of role and key scope', () => {
    const p = (role: Principal['role'], scope: Principal['scope']): Principal => ({ kind: 'api-key', userId: 'u', role, scope, name: 'k', userName: 'U' });
    const edit = { kind: 'role', role: 'editor', writes: true } as const;
    expect(refusal(p('owner', 'full'), edit)).toBeNull();
    expect(refusal(p('owner', 'read'), edit)?.status).toBe(403);
    expect(refusal(p('viewer', 'full'), edit)?.message).toContain('viewer');
    expect(refusal(p('viewer', 'read'), { kind: 'role', role: 'viewer', writes: false })).toBeNull();
  });
});

describe('the workflow diff', () => {
  const def = (nodes: Array<{ id: string; url?: string }>) => ({ name: 'w', nodes: nodes.map((n) => ({ id: n.id, type: 'http', config: { url: n.url ?? 'x' } })), edges: [] });
  it('keys nodes by id, so reordering is no change and an insert is one addition', () => {
    expect(diffDefinitions(def([{ id: 'a' }, { id: 'b' }]), def([{ id: 'b' }, { id: 'a' }]))).toEqual([]);
    const added = diffDefinitions(def([{ id: 'a' }]), def([{ id: 'c' }, { id: 'a' }]));
    expect(added).toEqual([{ op: 'add', path: 'nodes.c', after: { id: 'c', type: 'http', config: { url: 'x' } } }]);
  });
  it('shortens huge values and caps the number of changes', () => {
    const big = 'y'.repeat(5000);
    const [change] = diffDefinitions(def([{ id: 'a' }]), def([{ id: 'a', url: big }]));
    expect(String(change?.after)).toMatch(/… \(5002 characters\)$/);
    const many = (v: string) => def(Array.from({ length: 300 }, (_, i) => ({ id: `n${i}`, url: v })));
    expect(diffDefinitions(many('a'), many('b'))).toHaveLength(200);
  });
});

describe('the sign-in throttle', () => {
  it('keeps memory bounded under a flood of distinct accounts', () => {
    const clock = createManualClock();
    const t = createSignInThrottle(clock, { windowMs: 60_000, perAccount: 3, perIp: 1_000_000, maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) t.failed(`10.0.${i % 250}.${i % 7}`, `user${i}@x`);
    expect(t.size()).toBeLessThanOrEqual(100);
    for (let i = 0; i < 3; i++) t.failed('1.1.1.1', 'a@x');
    expect(t.retryAfterMs('1.1.1.1', 'a@x')).toBeGreaterThan(0);
    clock.advance(60_001);
    expect(t.retryAfterMs('1.1.1.1', 'a@x')).toBe(0);
  });
});
