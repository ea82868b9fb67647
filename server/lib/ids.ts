import { randomBytes, randomFillSync } from 'node:crypto';

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

// Random bytes drawn from the system's CSPRNG a few kilobytes at a time, not per id: a server
// makes several ids per event, and each small draw cost a call into OpenSSL and a new buffer.
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;

function encodeRandom(bytes: number): string {
  if (used + bytes > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  let out = '';
  for (let i = used; i < used + bytes; i++) out += ALPHABET[(pool[i] as number) & 31];
  used += bytes;
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
