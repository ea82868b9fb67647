import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** HMAC over the parts in order (raw bytes stay raw; text is UTF-8). */
export function hmac(algorithm: HmacAlgorithm, key: Buffer | string, parts: ReadonlyArray<Buffer | string>): Buffer {
  const mac = createHmac(algorithm, key);
  for (const p of parts) mac.update(p);
  return mac.digest();
}

/** SHA-256 of bytes, hex. */
export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Constant-time equality of two texts; the length check comes first (lengths of signatures are public). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Constant-time equality of secrets whose length is itself secret (passwords, tokens): both
 * sides are hashed first, so neither the comparison nor the length check leaks anything.
 */
export function secretEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a, 'utf8').digest(), createHash('sha256').update(b, 'utf8').digest());
}

/** True when any provided signature equals any expected one; every pair is compared in constant time. */
export function anyMatch(expected: readonly string[], provided: readonly string[]): boolean {
  let found = false;
  for (const e of expected) for (const p of provided) if (safeEqual(e, p)) found = true;
  return found;
}
