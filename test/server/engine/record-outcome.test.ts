import { describe, expect, it } from 'vitest';
import { recordOutcome } from '../../../server/engine/record-outcome.js';
import { deliveryRetry, noRetry } from '../../../server/engine/retry-policy.js';

const facts = { runId: 'r', nodeId: 'n', attempt: 1, input: { a: 1 }, startedAt: 1_000, finishedAt: 1_100, random: () => 0.5 };

describe('recordOutcome', () => {
  it('records a success with the outputs that fired, the default output when none is named', () => {
    const r = recordOutcome({ kind: 'succeeded', output: { ok: true } }, { ...facts, policy: noRetry });
    expect(r).toEqual({ kind: 'record', record: expect.objectContaining({ status: 'succeeded', ports: ['out'], output: { ok: true }, input: { a: 1 } }) });
    const none = recordOutcome({ kind: 'succeeded', output: null, ports: [] }, { ...facts, policy: noRetry });
    expect(none.kind === 'record' && none.record.ports).toEqual([]);
  });

  it('schedules a retryable failure by the policy and says why on the attempt', () => {
    const r = recordOutcome({ kind: 'failed', error: { code: 'http_5xx', message: '503', retryable: true } }, { ...facts, policy: deliveryRetry });
    expect(r.kind).toBe('record');
    if (r.kind !== 'record') return;
    expect(r.record.status).toBe('retrying');
    expect(r.record.nextAttemptAt).toBe(1_100 + 5_000);
    expect(r.record.detail?.retry).toEqual({ reason: expect.any(String), nextAttemptAt: 6_100 });
  });

  it('fails for good when the error is permanent or the attempts are used up', () => {
    const permanent = recordOutcome({ kind: 'failed', error: { code: 'egress_blocked', message: 'blocked', retryable: false } }, { ...facts, policy: deliveryRetry });
    expect(permanent.kind === 'record' && permanent.record.status).toBe('failed');
    const last = recordOutcome({ kind: 'failed', error: { code: 'http_5xx', message: '503', retryable: true } }, { ...facts, attempt: 8, policy: deliveryRetry });
    expect(last.kind === 'record' && last.record.status).toBe('failed');
    expect(last.kind === 'record' && String(last.record.detail?.retry && (last.record.detail.retry as { reason: string }).reason)).toContain('8 attempts');
  });

  it('turns a deferral into no record at all, so it spends no attempt', () => {
    expect(recordOutcome({ kind: 'deferred', until: 9_999, reason: 'circuit open' }, { ...facts, policy: deliveryRetry })).toEqual({ kind: 'deferred', until: 9_999, reason: 'circuit open' });
  });
});
