/**
 * The one wrapper every voice callback is served through: parameters parsed (400 naming the field),
 * the use case run within the deadline, its answer rendered to TwiML. When the work fails or is too
 * slow (database down, a bug), the callback's fallback answers instead — for a caller, an apology and
 * a way to still leave a message; never Twilio's "application error". The signature is checked
 * before, once for the whole router (`voiceRouter`).
 */
import type { Request, RequestHandler, Response } from 'express';
import type { ZodType } from 'zod';
import type { Action } from '../src/flow';
import type { CallDeps } from '../src/app/ports';
import type { Logger } from '../src/infra/logger';
import { logContext } from '../src/infra/logger';
import { UnknownCallError } from '../src/app/call-handling';
import { answerWithin } from '../src/app/side-legs';
import { renderTwiml, urlsFor, type Leg } from './twiml';

export type EdgeOptions = {
  publicBaseUrl: string;
  logger: Logger;
  deps: CallDeps;
  /** The most a webhook may take before its fallback answers instead. @defaultValue 1500 (ms) */
  deadlineMs?: number;
};

/** What Twilio runs next, and the leg it is for (which decides what its callback URLs carry). */
export type Reply = { actions: readonly Action[]; leg: Leg };

/** One Twilio callback: the parameters it brings, the use case it runs, what answers if that fails. */
export type VoiceCallback<P extends { CallSid: string }> = {
  params: ZodType<P>;
  answer: (p: P, deps: CallDeps) => Promise<Reply>;
  /** Answers when `answer` fails or misses the deadline (its work may still finish, and is logged). */
  fallback: (p: P) => Reply;
};

/** A callback ready to be mounted; its parameter type stays inside. */
export type VoiceHandler = (route: string, options: EdgeOptions) => RequestHandler;

export function voiceCallback<P extends { CallSid: string }>(callback: VoiceCallback<P>): VoiceHandler {
  return (route, options) => async (req, res) => {
    const p = parseOr400(callback.params, req, res);
    if (!p) return;
    await logContext.run({ ...logContext.getStore(), callSid: p.CallSid }, async () => {
      const deadlineMs = options.deadlineMs ?? 1500;
      let failed = false;
      const work = Promise.resolve().then(() => callback.answer(p, options.deps));
      // Logged whenever it fails, even after the fallback has answered.
      work.catch((err: Error) => {
        failed = true;
        // A callback for a call that is over (its status callback came first) is Twilio's ordering, not a fault.
        const level = err instanceof UnknownCallError ? 'warn' : 'error';
        options.logger[level](`${route} webhook of ${p.CallSid} failed, fallback answered: ${err.message}`, {
          err,
        });
      });
      const reply = await answerWithin(work, deadlineMs, () => {
        if (!failed)
          options.logger.warn(`${route} webhook missed its ${deadlineMs} ms deadline, fallback answered`);
        return callback.fallback(p);
      });
      sendTwiml(res, renderTwiml(reply.actions, urlsFor(options.publicBaseUrl, reply.leg)));
    });
  };
}

export function sendTwiml(res: Response, twiml: string): void {
  res.status(200).type('text/xml').send(twiml);
}

/** Parses form and query with `schema`; on failure answers 400 with the reason and returns null. */
export function parseOr400<T>(schema: ZodType<T>, req: Request, res: Response): T | null {
  const parsed = schema.safeParse({ ...(req.query as object), ...(req.body as object) });
  if (parsed.success) return parsed.data;
  const reason = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
  res.status(400).type('text/plain').send(`bad Twilio request: ${reason}`);
  return null;
}
