import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCredentialCipher, CredentialKeyError } from '../../../server/credentials/credential-cipher.js';

const key = randomBytes(32);
const plaintext = Buffer.from(JSON.stringify({ secret: 'whsec_top_secret_value' }));

describe('credential cipher (AES-256-GCM)', () => {
  it('round-trips, with a fresh 12-byte IV each time and no plaintext in the ciphertext', () => {
    const c = createCredentialCipher(key);
    const a = c.seal('cred_a', plaintext);
    const b = c.seal('cred_a', plaintext);
    expect(a.iv).toHaveLength(12);
    expect(a.tag).toHaveLength(16);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(a.ciphertext.includes(Buffer.from('whsec_top_secret_value'))).toBe(false);
    expect(c.open('cred_a', a).equals(plaintext)).toBe(true);
  });

  it('binds a value to its credential id: moved to another row it does not open', () => {
    const c = createCredentialCipher(key);
    const sealed = c.seal('cred_a', plaintext);
    expect(() => c.open('cred_b', sealed)).toThrow(CredentialKeyError);
  });

  it('detects altered bytes and tells another key apart from tampering', () => {
    const c = createCredentialCipher(key);
    const sealed = c.seal('cred_a', plaintext);
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => c.open('cred_a', { ...sealed, ciphertext: flipped })).toThrow(/altered/);
    const other = createCredentialCipher(randomBytes(32));
    expect(other.keyId).not.toBe(c.keyId);
    expect(() => other.open('cred_a', sealed)).toThrow(/different SWITCHYARD_SECRET_KEY/);
    expect(() => other.open('cred_a', { ...sealed, keyId: other.keyId })).toThrow(/altered/);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createCredentialCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
