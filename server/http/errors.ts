import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { CorruptRowError } from '../store/ports/corrupt-row.js';
import { EmailTakenError } from '../store/ports/email-taken.js';

/** Parses untrusted input with a schema; a mismatch is a 400 that lists each problem. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what = 'request body'): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = issues[0];
  throw new AppError('BAD_REQUEST', 400, `The ${what} is not valid${first ? `: ${first.path ? `${first.path}: ` : ''}${first.message}` : '.'}`, { issues });
}

/** Body-parser failures carry a `type`; each becomes a clear 4xx. */
function fromBodyParser(err: unknown): AppError | undefined {
  if (typeof err !== 'object' || err === null || !('type' in err)) return undefined;
  switch ((err as { type: unknown }).type) {
    case 'entity.parse.failed':
      return new AppError('MALFORMED_BODY', 400, 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', 413, 'The request body is too large.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 415, 'Send the body as UTF-8 JSON.');
    case 'request.aborted':
    case 'request.size.invalid':
      return new AppError('BAD_REQUEST', 400, 'The request body was cut short.');
    default:
      return undefined;
  }
}

/** Every error leaves as `{"error": {...}}` with a fitting status; unexpected ones are logged, never shown. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    // Express throws a URIError (status 400) for a path parameter with broken percent-encoding.
    const badUrl = err instanceof URIError ? new AppError('BAD_REQUEST', 400, 'The URL has a malformed percent-encoding.') : undefined;
    // An account made for the same email at the same moment by another process (the service's check passed in both).
    const taken = err instanceof EmailTakenError ? new AppError('CONFLICT', 409, `${err.email} already has an account.`) : undefined;
    const known = err instanceof AppError ? err : (badUrl ?? taken ?? fromBodyParser(err));
    if (known) return void res.status(known.status).json(known.toBody());
    if (err instanceof CorruptRowError) logger.error({ err, path: req.path }, 'corrupt row');
    else logger.error({ err, method: req.method, path: req.path }, 'unexpected error');
    const internal = new AppError('INTERNAL', 500, 'Something went wrong on the server; the log has details.');
    res.status(500).json(internal.toBody());
  };
}

/** The JSON 404 for unknown API routes. */
export const notFound: RequestHandler = (req, res) => {
  res.status(404).json(new AppError('NOT_FOUND', 404, `No route ${req.method} ${req.path}.`).toBody());
};
