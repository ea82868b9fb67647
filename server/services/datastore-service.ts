import type { Store } from '../store/ports/store.js';
import type { DataEntry } from '../store/ports/datastore.js';
import type { Clock } from '../lib/clock.js';
import { MAX_DATA_KEY_CHARS, MAX_DATA_TTL_SECONDS, MAX_DATA_VALUE_BYTES, type DataScope } from '../../shared/nodes/datastore.node.js';

/** A data store failure a person can act on: `code` is stable, `message` says what to change. */
export interface DataError {
  code: 'invalid_key' | 'invalid_value' | 'value_too_large' | 'not_a_number' | 'invalid_ttl' | 'invalid_scope' | 'invalid_cursor';
  message: string;
}
export type DataResult<T> = { ok: true; value: T } | { ok: false; error: DataError };

/** An entry as callers see it: the value parsed. */
export interface DataItem {
  scope: string;
  key: string;
  value: unknown;
  expiresAt: number | null;
  updatedAt: number;
}

const SCOPE = /^(dedupe:)?(global|wf:[A-Za-z0-9_-]{1,128})$/;

/** The stored scope of a step's entries: `global` (project) or `wf:<id>`. */
export const scopeOf = (scope: DataScope, workflowId: string): string => (scope === 'project' ? 'global' : `wf:${workflowId}`);

/** Whether a scope string names entries (or dedupe marks) of the project or of one workflow. */
export const isDataScope = (scope: string): boolean => SCOPE.test(scope);

const fail = <T>(code: DataError['code'], message: string): DataResult<T> => ({ ok: false, error: { code, message } });

function checkKey(key: unknown): DataError | undefined {
  if (typeof key !== 'string' || key.length === 0) return { code: 'invalid_key', message: 'A key must be a non-empty string.' };
  if (key.length > MAX_DATA_KEY_CHARS) return { code: 'invalid_key', message: `A key is at most ${MAX_DATA_KEY_CHARS} characters; this one has ${key.length}.` };
  return undefined;
}

/** The expiry time of a TTL in seconds (none: null). */
function expiryOf(ttlSeconds: unknown, now: number): DataResult<number | null> {
  if (ttlSeconds === undefined || ttlSeconds === null) return { ok: true, value: null };
  if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0 || ttlSeconds > MAX_DATA_TTL_SECONDS) {
    return fail('invalid_ttl', `A TTL is a number of seconds from 1 to ${MAX_DATA_TTL_SECONDS}.`);
  }
  return { ok: true, value: now + Math.round(ttlSeconds * 1000) };
}

/** The value as stored JSON text, refused when it is not JSON or larger than 64 KB. */
export function encodeDataValue(value: unknown): DataResult<string> {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (json === undefined) return fail('invalid_value', 'The value must be JSON data (a string, number, boolean, null, array or object).');
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_DATA_VALUE_BYTES) return fail('value_too_large', `The value is ${bytes} bytes as JSON; the data store keeps values up to ${MAX_DATA_VALUE_BYTES} bytes (64 KB).`);
  return { ok: true, value: json };
}

const toItem = (e: DataEntry): DataItem => ({ scope: e.scope, key: e.key, value: JSON.parse(e.value) as unknown, expiresAt: e.expiresAt, updatedAt: e.updatedAt });

const encodeCursor = (e: DataEntry) => Buffer.from(JSON.stringify([e.scope, e.key])).toString('base64url');
function decodeCursor(cursor: string): { scope: string; key: string } | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' ? { scope: v[0], key: v[1] } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The data store as steps, code and the API use it: keys and values checked (keys up to 512
 * characters, values JSON up to 64 KB), TTLs turned into expiry times on the injected clock.
 * Failures are values; the store's own operations are atomic (ports/datastore.ts).
 */
export function createDataStoreService(deps: { store: Pick<Store, 'datastore'>; clock: Clock }) {
  const { store, clock } = deps;
  return {
    async get(scope: string, key: unknown): Promise<DataResult<DataItem | undefined>> {
      const bad = checkKey(key);
      if (bad) return { ok: false, error: bad };
      const e = await store.datastore.get(scope, key as string, clock.now());
      return { ok: true, value: e && toItem(e) };
    },
    async set(scope: string, key: unknown, value: unknown, ttlSeconds?: unknown): Promise<DataResult<DataItem>> {
      const bad = checkKey(key);
      if (bad) return { ok: false, error: bad };
      const json = encodeDataValue(value);
      if (!json.ok) return json;
      const now = clock.now();
      const expiry = expiryOf(ttlSeconds, now);
      if (!expiry.ok) return expiry;
      await store.datastore.set(scope, key as string, json.value, expiry.value, now);
      return { ok: true, value: { scope, key: key as string, value: JSON.parse(json.value) as unknown, expiresAt: expiry.value, updatedAt: now } };
    },
    async increment(scope: string, key: unknown, by: unknown = 1, ttlSeconds?: unknown): Promise<DataResult<number>> {
      const bad = checkKey(key);
      if (bad) return { ok: false, error: bad };
      const amount = typeof by === 'string' && by.trim() !== '' ? Number(by) : by;
      if (typeof amount !== 'number' || !Number.isFinite(amount)) return fail('not_a_number', `"by" must be a number; got ${JSON.stringify(by)?.slice(0, 100)}.`);
      const now = clock.now();
      const expiry = expiryOf(ttlSeconds, now);
      if (!expiry.ok) return expiry;
      const r = await store.datastore.increment(scope, key as string, amount, expiry.value, now);
      return r.ok ? { ok: true, value: r.value } : fail('not_a_number', `The entry "${String(key).slice(0, 100)}" holds a value that is not a number, so it cannot be incremented.`);
    },
    async remove(scope: string, key: unknown): Promise<DataResult<boolean>> {
      const bad = checkKey(key);
      if (bad) return { ok: false, error: bad };
      return { ok: true, value: await store.datastore.remove(scope, key as string, clock.now()) };
    },
    async list(q: { scope: string | null; prefix?: string; cursor?: string; limit?: number }): Promise<DataResult<{ items: DataItem[]; nextCursor: string | null }>> {
      const after = q.cursor ? decodeCursor(q.cursor) : null;
      if (after === undefined) return fail('invalid_cursor', 'The cursor is not one this API gave out.');
      const limit = Math.min(Math.max(1, Math.floor(q.limit ?? 100)), 1_000);
      const rows = await store.datastore.list({ scope: q.scope, prefix: q.prefix ?? '', after, limit: limit + 1, now: clock.now() });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { ok: true, value: { items: page.map(toItem), nextCursor: rows.length > limit && last ? encodeCursor(last) : null } };
    },
    /** Marks `key` seen for `windowMs` unless a live mark exists; `owner` (the run) recognises its own mark on a retry. */
    async firstSighting(scope: string, key: unknown, windowMs: number, owner: string): Promise<DataResult<boolean>> {
      const bad = checkKey(key);
      if (bad) return { ok: false, error: bad };
      const now = clock.now();
      const mark = JSON.stringify({ runId: owner, at: now });
      if (await store.datastore.claim(scope, key as string, mark, now + windowMs, now)) return { ok: true, value: true };
      // Our own mark: an earlier attempt of this step claimed it and did not get to record its result.
      const held = await store.datastore.get(scope, key as string, now);
      const heldBy = held ? (JSON.parse(held.value) as { runId?: unknown }).runId : undefined;
      return { ok: true, value: heldBy === owner };
    },
  };
}
export type DataStoreService = ReturnType<typeof createDataStoreService>;
