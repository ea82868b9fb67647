import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** A credential's data as stored: AES-256-GCM ciphertext with its IV and tag, and which key sealed it. */
export interface SealedValue {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** Encrypts and decrypts credential data with the server's secret key. */
export interface CredentialCipher {
  /** A short fingerprint of the key (not the key): tells "sealed with another key" from "tampered". */
  readonly keyId: string;
  seal(credentialId: string, plaintext: Buffer): SealedValue;
  /** Throws CredentialKeyError when the value was sealed with another key or was altered. */
  open(credentialId: string, sealed: SealedValue): Buffer;
}

/** A stored credential that this key cannot open. */
export class CredentialKeyError extends Error {
  constructor(
    readonly credentialId: string,
    readonly reason: 'other_key' | 'tampered',
  ) {
    super(
      reason === 'other_key'
        ? `Credential ${credentialId} was encrypted with a different SWITCHYARD_SECRET_KEY; restore that key or enter the credential again.`
        : `Credential ${credentialId} could not be decrypted: the stored value was altered.`,
    );
    this.name = 'CredentialKeyError';
  }
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The associated data binds a ciphertext to its credential id: a value moved to another row fails to open. */
const aad = (credentialId: string) => Buffer.from(`switchyard:credential:v1:${credentialId}`, 'utf8');

/**
 * AES-256-GCM with a fresh random 12-byte IV per value. `random` is injectable for tests; it
 * must be a CSPRNG in production, since a repeated IV under one key breaks GCM.
 */
export function createCredentialCipher(key: Buffer, random: (n: number) => Buffer = randomBytes): CredentialCipher {
  if (key.length !== 32) {
    throw new Error(`SWITCHYARD_SECRET_KEY must be 32 bytes (64 hex characters or 44 base64 characters); it decodes to ${key.length} bytes.`);
  }
  const keyId = createHmac('sha256', key).update('switchyard key id').digest('hex').slice(0, 16);
  return {
    keyId,
    seal(credentialId, plaintext) {
      const iv = random(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad(credentialId));
      const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return { keyId, iv, ciphertext, tag: cipher.getAuthTag() };
    },
    open(credentialId, sealed) {
      if (sealed.keyId !== keyId) throw new CredentialKeyError(credentialId, 'other_key');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(aad(credentialId));
        decipher.setAuthTag(sealed.tag);
        return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
      } catch {
        throw new CredentialKeyError(credentialId, 'tampered');
      }
    },
  };
}
