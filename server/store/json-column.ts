// How a JSON text column is read and written, by every storage implementation (SQLite and PostgreSQL
// both store JSON as text, byte for byte what JSON.stringify wrote).
import type { z } from 'zod';
import { CorruptRowError } from './ports/corrupt-row.js';

// The error is part of the ports' contract (callers tell it apart): one class for every implementation.
export { CorruptRowError };

/** Parses a nullable JSON text column; undefined for NULL. */
export function readJson(text: string | null, table: string, key: string): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CorruptRowError(table, key, e);
  }
}

/** Parses a JSON column and checks it against a schema. */
export function readJsonAs<T>(schema: z.ZodType<T>, text: string, table: string, key: string): T {
  const parsed = schema.safeParse(readJson(text, table, key));
  if (!parsed.success) throw new CorruptRowError(table, key, parsed.error);
  return parsed.data;
}

/** Serialises a value for a JSON column; undefined becomes NULL. */
export const writeJson = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
