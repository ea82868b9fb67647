import { openSync, closeSync, fstatSync, readSync } from 'node:fs';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from '../lib/json-depth.js';

/** Largest file `workflow import` reads (a bundle of many workflows fits; the API takes 5 MB per workflow). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a JSON file a person hands to the CLI, with errors that say what to fix: not a regular
 * file, too large, not UTF-8, not JSON (with the position), or nested absurdly deep. A UTF-8 byte
 * order mark (Windows editors write one) is allowed.
 */
export function readJsonFile(file: string, maxBytes = MAX_IMPORT_BYTES): unknown {
  const fd = openSync(file, 'r');
  let bytes: Buffer;
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Error(`${file} is not a regular file.`);
    if (st.size > maxBytes) throw new Error(`${file} is ${st.size} bytes; the largest file this command reads is ${maxBytes} bytes.`);
    bytes = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, bytes, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    bytes = bytes.subarray(0, off);
  } finally {
    closeSync(fd);
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new Error(`${file} is not UTF-8 text; save it as UTF-8 JSON.`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) throw new Error(`${file} nests deeper than ${MAX_JSON_DEPTH} levels; it is not a workflow.`);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}
