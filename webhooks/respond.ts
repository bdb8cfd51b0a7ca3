/**
 * Answering Twilio safely: every voice webhook answers valid TwiML within its deadline. When the
 * work fails or is too slow (database down, a bug), the caller hears an apology and can still leave
 * a message (or reach the client's fallback number) — never Twilio's "application error".
 */
import type { Request, Response } from 'express';
import type { ZodType } from 'zod';
import { lastKnownClient } from '../src/app/client-cache';
import type { Answer } from '../src/app/call-handling';
import { failSafe } from '../src/flow';
import type { Logger } from '../src/infra/logger';
import { logContext } from '../src/infra/logger';
import { withTimeout } from '../src/store/timeout';
import { callbackUrls, renderTwiml } from './twiml';

export type EdgeOptions = {
  publicBaseUrl: string;
  logger: Logger;
  /** The most a webhook may take before the fail-safe answers instead (default 1500 ms). */
  deadlineMs?: number;
};

export function sendTwiml(res: Response, twiml: string): void {
  res.status(200).type('text/xml').send(twiml);
}

export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/** Parses the form with `schema`; on failure answers 400 with the reason and returns null. */
export function parseOr400<T>(schema: ZodType<T>, req: Request, res: Response): T | null {
  const parsed = schema.safeParse({ ...(req.query as object), ...(req.body as object) });
  if (parsed.success) return parsed.data;
  const reason = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
  res.status(400).type('text/plain').send(`bad Twilio request: ${reason}`);
  return null;
}

/** Runs the use case and renders its answer; any failure or a blown deadline answers the fail-safe. */
export async function answerCall(
  res: Response,
  options: EdgeOptions,
  call: { callSid: string; to: string },
  work: () => Promise<Answer>,
): Promise<void> {
  await logContext.run({ ...logContext.getStore(), callSid: call.callSid }, async () => {
    let twiml: string;
    try {
      const answer = await withTimeout(work(), options.deadlineMs ?? 1500);
      const urls = callbackUrls(options.publicBaseUrl, { turn: answer.turn });
      const screenUrl = callbackUrls(options.publicBaseUrl, { parent: call.callSid })('screen');
      twiml = renderTwiml(answer.actions, urls, screenUrl);
    } catch (err) {
      options.logger.error(`voice webhook failed, answering the fail-safe: ${(err as Error).message}`, {
        err,
      });
      const client = lastKnownClient(call.to);
      twiml = renderTwiml(failSafe(client ?? undefined), callbackUrls(options.publicBaseUrl, {}));
    }
    sendTwiml(res, twiml);
  });
}
