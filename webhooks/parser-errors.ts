/**
 * A body Twilio could not have sent (a charset other than UTF-8, an oversized or truncated form):
 * 4xx with an empty TwiML `<Response/>`, a warning, nothing else. The body is refused before the
 * signature can be checked, so the request is unauthenticated: it must not get the fail-safe answer
 * (that dials the client's fallback number, at the client's cost). A genuine Twilio request never
 * lands here — Twilio always sends UTF-8 forms of a few kB — and if one ever did, Twilio would log
 * the 4xx in its debugger, which is where an operator looks.
 */
import type { ErrorRequestHandler } from 'express';
import twilio from 'twilio';
import { bodyParserError } from '../src/http/errors';
import type { Logger } from '../src/infra/logger';

export function twimlParserErrors(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    const refused = bodyParserError(err);
    if (!refused) return next(err);
    logger.warn(`refused webhook body ${req.method} ${req.originalUrl}: ${refused.message}`, {
      status: refused.status,
    });
    res.status(refused.status).type('text/xml').send(new twilio.twiml.VoiceResponse().toString());
  };
}
