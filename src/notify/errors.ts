/**
 * The error class decides what happens next: a TransientError is retried with exponential backoff
 * (at least its `retryAfterMs`); a PermanentError stops at once (BullMQ UnrecoverableError) with
 * the reason recorded in the delivery log.
 */
import { UnrecoverableError } from 'bullmq';

export class TransientError extends Error {
  override name = 'TransientError';
  constructor(
    message: string,
    /** The provider's Retry-After, when it gave one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * The request may have reached the provider and been acted on, but no answer came back (connection
 * lost, timed out). Retried like any transient error, except that the next attempt first asks the
 * provider whether it was sent, rather than sending again.
 */
export class UnknownOutcomeError extends TransientError {
  override name = 'UnknownOutcomeError';
}

export class PermanentError extends UnrecoverableError {
  override name = 'PermanentError';
}

/** A 404: the provider holds no such thing (for a deletion: it is already gone). */
export class NotFoundAtProviderError extends PermanentError {
  override name = 'NotFoundAtProviderError';
}

/** Errors of an HTTP API: 429, 5xx and timeouts are worth retrying; other 4xx are not. */
export function httpError(status: number, message: string, retryAfter?: string | null): Error {
  if (status === 429 || status === 408 || status >= 500) {
    return new TransientError(message, parseRetryAfter(retryAfter));
  }
  if (status === 404) return new NotFoundAtProviderError(message);
  return new PermanentError(message);
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds (capped at ten minutes). */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, 600_000) : undefined;
}

/** Network failures (refused, reset, timed out) are transient; anything unknown is too. */
export function asDeliveryError(err: unknown): Error {
  if (err instanceof TransientError || err instanceof UnrecoverableError) return err;
  const e = err instanceof Error ? err : new Error(String(err));
  return new TransientError(e.message || e.name);
}

export type BackoffOptions = { baseMs: number; maxMs: number };

/** Exponential backoff with jitter, never shorter than the provider's Retry-After. */
export function backoffDelay(attemptsMade: number, err: Error | undefined, o: BackoffOptions): number {
  const exp = Math.min(o.baseMs * 2 ** Math.max(0, attemptsMade - 1), o.maxMs);
  const jittered = exp / 2 + Math.random() * (exp / 2);
  const retryAfter = err instanceof TransientError ? (err.retryAfterMs ?? 0) : 0;
  return Math.round(Math.max(jittered, retryAfter));
}
