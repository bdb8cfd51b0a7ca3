/**
 * Signed outbound webhooks for CRMs and chat tools. `X-Signature: sha256=<hex>` is the HMAC-SHA256,
 * keyed with the client's secret, of `<X-Timestamp>.<raw body>`; receivers recompute it and refuse
 * old timestamps (replays). `X-Delivery-Id` is stable across retries: receivers dedupe on it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { httpError, TransientError } from '../errors';

export const SIGNATURE_HEADER = 'X-Signature';
export const TIMESTAMP_HEADER = 'X-Timestamp';
export const DELIVERY_ID_HEADER = 'X-Delivery-Id';

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does; exported for tests and as the README's reference implementation. */
export function verifyWebhookSignature(input: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string;
  toleranceSeconds?: number;
  now?: number;
}): boolean {
  const { secret, timestamp, signature, body } = input;
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  const age = Math.abs((input.now ?? Date.now()) / 1000 - Number(timestamp));
  if (age > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export type WebhookSender = {
  postWebhook(input: {
    url: string;
    secret: string;
    body: string;
    deliveryId: string;
  }): Promise<{ providerId: string }>;
};

export function httpWebhookSender(opts: { timeoutMs?: number } = {}): WebhookSender {
  return {
    async postWebhook({ url, secret, body, deliveryId }) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'virtual-receptionist-webhooks/1',
            [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
            [TIMESTAMP_HEADER]: timestamp,
            [DELIVERY_ID_HEADER]: deliveryId,
          },
          body,
          signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        });
      } catch (err) {
        throw new TransientError(`webhook unreachable: ${(err as Error).message}`);
      }
      await res.body?.cancel();
      if (!res.ok) {
        throw httpError(res.status, `webhook answered HTTP ${res.status}`, res.headers.get('retry-after'));
      }
      return { providerId: `HTTP ${res.status}` };
    },
  };
}
