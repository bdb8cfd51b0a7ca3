/** One error shape for the JSON API, `{ error, details }`, and the central error handler. */
import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../infra/logger';
import { ConflictError, InvalidInputError, NotFoundError } from '../domain/errors';

export type ErrorDetail = { path: string; message: string };

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export function zodDetails(error: ZodError): ErrorDetail[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/** Maps known errors to a status; anything else is a 500 that is logged with its stack. */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof ZodError) return new HttpError(400, 'invalid input', zodDetails(err));
  if (err instanceof InvalidInputError) return new HttpError(400, 'invalid input', err.details);
  if (err instanceof NotFoundError) return new HttpError(404, 'not found');
  if (err instanceof ConflictError) return new HttpError(409, err.message, err.details);
  // The router could not percent-decode a path segment (`/versions/%EA`): the sender's mistake.
  if (err instanceof URIError && (err as { status?: unknown }).status === 400) {
    return new HttpError(400, 'malformed URL', [{ path: 'url', message: 'invalid percent-encoding' }]);
  }
  return bodyParserError(err) ?? new HttpError(500, 'internal error');
}

/**
 * What the body parsers (body-parser 2 and raw-body, under `express.json`/`express.urlencoded`) throw,
 * by their `type`: each is the sender's mistake, so a 4xx naming it, never a 500 with a stack trace.
 * These run before any signature or login check, so they must stay cheap and quiet.
 * `stream.encoding.set` and `stream.not.readable` are left out on purpose: they mean another
 * middleware of ours read the body first, a bug of ours (500).
 */
export const BODY_PARSER_ERRORS: Readonly<Record<string, { status: number; message: string }>> = {
  'charset.unsupported': { status: 415, message: 'unsupported charset: send UTF-8' },
  'encoding.unsupported': { status: 415, message: 'unsupported content encoding' },
  // Only the JSON parser throws this one in practice (the form parser accepts any text).
  'entity.parse.failed': { status: 400, message: 'malformed JSON body' },
  'entity.verify.failed': { status: 403, message: 'request body refused' },
  'entity.too.large': { status: 413, message: 'request body too large' },
  'parameters.too.many': { status: 413, message: 'too many form parameters' },
  'request.aborted': { status: 400, message: 'request aborted' },
  'request.size.invalid': { status: 400, message: 'request size did not match content-length' },
};

/** The 4xx of a body-parser error, or null when `err` is not one (then it is ours: a 500). */
export function bodyParserError(err: unknown): HttpError | null {
  const e = err as {
    type?: unknown;
    status?: unknown;
    code?: unknown;
    charset?: unknown;
    encoding?: unknown;
  } | null;
  // A body that does not decompress as its Content-Encoding says: zlib's error (Z_DATA_ERROR,
  // Z_BUF_ERROR, brotli's ERR__ERROR_…) reaches us as body-parser's 400, with zlib's code and no `type`.
  if (e && e.status === 400 && typeof e.code === 'string' && /^(Z_|ERR__)/.test(e.code)) {
    return new HttpError(400, 'request body does not match its content encoding', [
      { path: 'content-encoding', message: 'the body could not be decompressed' },
    ]);
  }
  if (!e || typeof e.type !== 'string') return null;
  const known = BODY_PARSER_ERRORS[e.type];
  if (!known) return null;
  const detail =
    typeof e.charset === 'string'
      ? [{ path: 'content-type', message: `charset "${e.charset}" is not supported` }]
      : typeof e.encoding === 'string'
        ? [{ path: 'content-encoding', message: `"${e.encoding}" is not supported` }]
        : [];
  return new HttpError(known.status, known.message, detail);
}

export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    void next;
    const httpError = toHttpError(err);
    if (httpError.status >= 500) logger.error(`unhandled error on ${req.method} ${req.path}`, { err });
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(httpError.status).json({ error: httpError.message, details: httpError.details });
  };
}

export function notFoundHandler(req: Request, res: Response): void {
  res.status(404).json({ error: 'not found', details: [{ path: req.path, message: 'no such route' }] });
}
