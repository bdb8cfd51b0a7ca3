/** Gives every HTTP request an id (kept from `X-Request-Id` when sane) and logs it once answered. */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { logContext, type Logger } from '../infra/logger';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestContext(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logContext.run({ requestId }, () =>
        logger.log(
          res.statusCode >= 500 ? 'warn' : 'http',
          `${req.method} ${req.originalUrl} ${res.statusCode}`,
          {
            ms: Math.round(ms * 10) / 10,
          },
        ),
      );
    });
    logContext.run({ requestId }, next);
  };
}
