import { describe, expect, it } from 'vitest';
import { createSecretRedactor, redactSecrets, secretPattern } from '../../../server/credentials/redact-secrets.js';

describe('redacting credential values', () => {
  it('replaces every occurrence inside nested strings, arrays and keys, and leaves the input alone', () => {
    const pattern = secretPattern(['s3cr3t-token', 'xoxb-123-456']);
    const input = { headers: { authorization: 'Bearer s3cr3t-token' }, list: ['a', 'xoxb-123-456 and s3cr3t-token'], n: 5, ok: true, none: null, 's3cr3t-token': 1 };
    const out = redactSecrets(input, pattern);
    expect(out).toEqual({ headers: { authorization: 'Bearer [redacted]' }, list: ['a', '[redacted] and [redacted]'], n: 5, ok: true, none: null, '[redacted]': 1 });
    expect(input.headers.authorization).toBe('Bearer s3cr3t-token');
  });

  it('prefers the longest secret, skips very short values and escapes regex characters', () => {
    expect(redactSecrets('key: abcd1234efgh', secretPattern(['abcd', 'abcd1234efgh']))).toBe('key: [redacted]');
    expect(redactSecrets('a b c', secretPattern(['a', 'b']))).toBe('a b c');
    expect(redactSecrets('price $1.00+(tax)', secretPattern(['$1.00+(tax)']))).toBe('price [redacted]');
    expect(redactSecrets({ x: 1 }, null)).toEqual({ x: 1 });
  });

  it('cuts cycles instead of looping', () => {
    const a: Record<string, unknown> = { v: 'secret-value' };
    a.self = a;
    expect(redactSecrets(a, secretPattern(['secret-value']))).toEqual({ v: '[redacted]', self: '[cycle]' });
  });

  it('rebuilds its pattern when the credentials change', () => {
    let values = ['first-secret'];
    let notify = () => {};
    const r = createSecretRedactor({ secretValues: () => values, onChange: (l) => ((notify = l), () => {}) });
    expect(r.redactText('first-secret second-secret')).toBe('[redacted] second-secret');
    values = ['second-secret'];
    notify();
    expect(r.redactText('first-secret second-secret')).toBe('first-secret [redacted]');
  });
});
