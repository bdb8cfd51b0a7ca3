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
  const e = err as { type?: string; status?: number };
  if (e?.type === 'entity.parse.failed') return new HttpError(400, 'malformed JSON body');
  if (e?.type === 'entity.too.large') return new HttpError(413, 'request body too large');
  return new HttpError(500, 'internal error');
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
