import express, { type RequestHandler } from 'express';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../../shared/errors.js';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from '../lib/json-depth.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Checks the raw bytes before body-parser decodes them: strict UTF-8 and a bounded depth. Throws a 400. */
function verify(_req: IncomingMessage, _res: unknown, buf: Buffer): void {
  let text: string;
  try {
    text = utf8.decode(buf);
  } catch {
    throw new AppError('MALFORMED_BODY', 400, 'The request body is not valid UTF-8.');
  }
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw new AppError('MALFORMED_BODY', 400, `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  }
}

const hasBody = (req: IncomingMessage) => req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
const isJson = (req: IncomingMessage) => /^application\/(?:[\w.+-]*\+)?json\s*(?:;|$)/i.test(req.headers['content-type'] ?? '');

/**
 * The API's body parsing: JSON only (a body of another type is a 415, not silently ignored and
 * then reported as a missing field), UTF-8 only, at most `limit`, nested at most 64 deep.
 */
export function jsonBody(limit = '5mb'): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    if (hasBody(req) && !isJson(req)) {
      return next(new AppError('UNSUPPORTED_MEDIA_TYPE', 415, 'Send the request body as JSON, with "Content-Type: application/json".'));
    }
    next();
  };
  return [requireJson, express.json({ limit, verify })];
}
