/**
 * Signed outbound webhooks for CRMs and chat tools. `X-Signature: sha256=<hex>` is the HMAC-SHA256,
 * keyed with the client's secret, of `<X-Timestamp>.<raw body>`; receivers recompute it and refuse
 * old timestamps (replays). `X-Delivery-Id` is stable across retries: receivers dedupe on it.
 *
 * Where a webhook may go is checked again here, after DNS: the URL as saved may name a host that
 * now resolves to an internal address. The connection goes to the very addresses that were checked
 * (the agent's own `lookup`), so a second answer of the DNS cannot slip in between (rebinding).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LookupFunction } from 'node:net';
import { Agent, fetch, type Response } from 'undici';
import {
  forbiddenAddressReason,
  outboundUrlProblem,
  STRICT_OUTBOUND_POLICY,
  type OutboundPolicy,
} from '../../domain/outbound-url';
import { httpError, PermanentError, TransientError } from '../errors';

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
  /** Closes the kept-alive connections. */
  close?(): void;
};

/** A webhook host that resolved to an address this service must not reach. */
class ForbiddenAddressError extends Error {
  override name = 'ForbiddenAddressError';
}

/** `dns.lookup` that refuses the whole name when any of its addresses is forbidden. */
export function checkedLookup(policy: OutboundPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const refused = policy.allowPrivate
        ? undefined
        : addresses.map((a) => forbiddenAddressReason(a.address)).find((r) => r !== null);
      if (refused || addresses.length === 0) {
        const why = refused ?? 'it has no address';
        return callback(new ForbiddenAddressError(`${hostname} must point to a public host (${why})`), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

function forbiddenCause(err: unknown): ForbiddenAddressError | null {
  for (let e = err; e instanceof Error; e = e.cause) if (e instanceof ForbiddenAddressError) return e;
  return null;
}

export type WebhookSenderOptions = {
  /** @defaultValue 10 000 ms */
  timeoutMs?: number;
  /** Where webhooks may go (`config.outbound`). @defaultValue STRICT_OUTBOUND_POLICY */
  policy?: OutboundPolicy;
};

export function httpWebhookSender(opts: WebhookSenderOptions = {}): WebhookSender {
  const policy = opts.policy ?? STRICT_OUTBOUND_POLICY;
  const dispatcher = new Agent({ connect: { lookup: checkedLookup(policy) } });
  return {
    async postWebhook({ url, secret, body, deliveryId }) {
      // An IP literal never goes through `lookup`: it is judged here, with the scheme.
      const problem = outboundUrlProblem(url, policy);
      if (problem) throw new PermanentError(`webhook URL refused: ${problem}`);
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
          dispatcher,
          // A redirect would be a second, unchecked destination.
          redirect: 'manual',
          signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        });
      } catch (err) {
        const forbidden = forbiddenCause(err);
        if (forbidden) throw new PermanentError(`webhook URL refused: ${forbidden.message}`);
        throw new TransientError(`webhook unreachable: ${(err as Error).message}`);
      }
      await res.body?.cancel();
      if (res.status >= 300 && res.status < 400) {
        throw new PermanentError(`webhook answered a redirect (HTTP ${res.status}): configure the final URL`);
      }
      if (!res.ok) {
        throw httpError(res.status, `webhook answered HTTP ${res.status}`, res.headers.get('retry-after'));
      }
      return { providerId: `HTTP ${res.status}` };
    },
    close: () => void dispatcher.close().catch(() => undefined),
  };
}
