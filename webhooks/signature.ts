/**
 * Twilio request authentication: every /webhooks/ request must carry a valid X-Twilio-Signature
 * computed over PUBLIC_BASE_URL + path + query (the URL Twilio was given, not the one this
 * server saw behind its proxy) and the form parameters. Missing or wrong: 403, nothing written.
 */
import type { NextFunction, Request, Response } from 'express';
import twilio from 'twilio';
import type { Logger } from '../src/infra/logger';

export type SignatureOptions = { authToken: string; publicBaseUrl: string; logger: Logger };

export function publicUrlOf(req: Request, publicBaseUrl: string): string {
  return `${publicBaseUrl}${req.originalUrl}`;
}

export function twilioSignature(options: SignatureOptions) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const signature = req.get('x-twilio-signature');
    const url = publicUrlOf(req, options.publicBaseUrl);
    const params = (req.body ?? {}) as Record<string, string>;
    if (!signature || !twilio.validateRequest(options.authToken, signature, url, params)) {
      options.logger.warn(`rejected unsigned or badly signed webhook ${req.method} ${req.originalUrl}`, {
        hasSignature: Boolean(signature),
      });
      res.status(403).type('text/plain').send('invalid Twilio signature');
      return;
    }
    next();
  };
}
