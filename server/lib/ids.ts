import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

function encodeTime(ms: number): string {
  let out = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}

function encodeRandom(bytes: number): string {
  let out = '';
  for (const b of randomBytes(bytes)) out += ALPHABET[b & 31];
  return out;
}

/** A ULID-like id: sorts by creation time, then 80 random bits; `prefix` says what it names. */
export function newId(prefix: string, now = Date.now()): string {
  return `${prefix}_${encodeTime(now)}${encodeRandom(16)}`;
}

/** An unguessable URL-safe token (trigger URLs, session cookies, API keys): 192 random bits. */
export function newToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
