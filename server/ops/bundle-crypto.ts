import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { z } from 'zod';
import { lazySchema } from '../../shared/lazy-schema.js';

/** Encrypted content of a bundle: scrypt derives the key from a passphrase, AES-256-GCM seals. */
export const sealedSchema = lazySchema(() =>
  z.object({
    kdf: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(1024)
      .max(2 ** 20),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: z.string().min(1),
    cipher: z.literal('aes-256-gcm'),
    iv: z.string().min(1),
    tag: z.string().min(1),
    ciphertext: z.string(),
  }),
);
export type Sealed = z.infer<typeof sealedSchema>;

/** The passphrase does not open the sealed content (or the content was altered). */
export class WrongPassphraseError extends Error {
  constructor() {
    super('The passphrase does not open the encrypted credentials of this bundle (or the file was altered); nothing was imported.');
    this.name = 'WrongPassphraseError';
  }
}

export const MIN_PASSPHRASE = 8;
const COST = { N: 2 ** 15, r: 8, p: 1 };
// Node's default scrypt memory cap (32 MiB) is just below what N=2^15, r=8 needs.
const maxmem = (N: number, r: number) => 256 * N * r;

const keyOf = (passphrase: string, salt: Buffer, c: { N: number; r: number; p: number }) => scryptSync(passphrase.normalize('NFC'), salt, 32, { N: c.N, r: c.r, p: c.p, maxmem: maxmem(c.N, c.r) });

/** Seals `plain` with a key derived from `passphrase`; `aad` (the bundle's header) is bound to it. */
export function seal(plain: Buffer, passphrase: string, aad: string): Sealed {
  if (passphrase.length < MIN_PASSPHRASE) throw new Error(`The passphrase must have at least ${MIN_PASSPHRASE} characters.`);
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(passphrase, salt, COST), iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    kdf: 'scrypt',
    ...COST,
    salt: salt.toString('base64'),
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

/** Opens what `seal` made; throws WrongPassphraseError when the passphrase (or the data) is wrong. */
export function open(sealed: Sealed, passphrase: string, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', keyOf(passphrase, Buffer.from(sealed.salt, 'base64'), sealed), Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
  } catch {
    throw new WrongPassphraseError();
  }
}
