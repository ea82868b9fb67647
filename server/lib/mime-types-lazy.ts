// mime-types, loaded on first use where it matters. When it loads, mime-types builds its maps
// from extensions to types (for lookup() and extension()) out of mime-db's 2,500 types: about
// 10 ms of every start, measured in the bundle. A running server needs those maps only
// to name a file's type (the editor's static files, res.type('html'), req.accepts('json')).
// Express also calls mime-types on every JSON answer, but only contentType() of a full type
// ('application/json'), which needs mime-db alone.
//
// The server's bundle hands this module to every package that requires mime-types
// (server/rolldown.config.mjs). contentType() of a full type and charset() answer from mime-db,
// as mime-types 3 does (its two functions, below); everything else is mime-types itself, loaded
// the first time it is asked. test/server/lib/mime-types-lazy.test.ts holds the two to the same
// answers for every type mime-db knows.
import { createRequire } from 'node:module';

interface MimeTypes {
  charset(type: string): string | false;
  contentType(type: string): string | false;
  extension(type: string): string | false;
  lookup(path: string): string | false;
}

const load = createRequire(import.meta.url);
// mime-db is already loaded at start by compressible (the compression middleware).
const db = load('mime-db') as Record<string, { charset?: string }>;
let full: MimeTypes | undefined;
const mimeTypes = (): MimeTypes => (full ??= load('mime-types') as MimeTypes);

const EXTRACT_TYPE = /^\s*([^;\s]*)(?:;|\s|$)/;
const TEXT_TYPE = /^text\//i;

/** The default charset of a media type (mime-types' charset()). */
export function charset(type: unknown): string | false {
  if (!type || typeof type !== 'string') return false;
  const match = EXTRACT_TYPE.exec(type);
  const known = match && db[match[1]!.toLowerCase()];
  if (known && known.charset) return known.charset;
  if (match && TEXT_TYPE.test(match[1]!)) return 'UTF-8';
  return false;
}

/** A full Content-Type for a type or an extension (mime-types' contentType()). */
export function contentType(str: unknown): string | false {
  if (!str || typeof str !== 'string') return false;
  let type = str.indexOf('/') === -1 ? mimeTypes().lookup(str) : str;
  if (!type) return false;
  if (type.indexOf('charset') === -1) {
    const set = charset(type);
    if (set) type += '; charset=' + set.toLowerCase();
  }
  return type;
}

export const charsets = { lookup: charset };
export const lookup = (path: string): string | false => mimeTypes().lookup(path);
export const extension = (type: string): string | false => mimeTypes().extension(type);
// mime-types' maps (`types`, `extensions`) are left out: no package in the bundle reads them, and
// offering them would mean building them at start again.
