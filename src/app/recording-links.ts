/**
 * Links to a message's recording that play through this service without signing in, for the
 * notifications (email, webhook, digest): `${PUBLIC_BASE_URL}/recordings/<message id>?expires=…&sig=…`,
 * an HMAC-SHA256 of the message id and the expiry. The recording itself stays at Twilio, fetched
 * with the account's credentials by the service; each play is audited like a signed-in one.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ActionSource } from '../domain/access';
import type { Message } from '../store/messages';
import { auditRecordingPlayed, readMessage } from './message-reads';

/** The links' key and lifetime (RECORDING_LINK_SECRET, RECORDING_LINK_TTL_HOURS). */
export type RecordingLinkKey = { secret: string; ttlMs: number };

export const SIGNED_RECORDING_PATH = '/recordings';

const signature = (secret: string, messageId: string, expires: number) =>
  createHmac('sha256', secret).update(`recording:${messageId}:${expires}`).digest('base64url');

/**
 * The signed link of a message's recording, or null when it has none. It expires `ttlMs` after the
 * message was received, so every rendering of one notification (retries included) is the same.
 */
export function recordingLink(publicBaseUrl: string, message: Message, key: RecordingLinkKey): string | null {
  if (!message.recording) return null;
  const expires = Math.floor((message.createdAt.getTime() + key.ttlMs) / 1000);
  const sig = signature(key.secret, message.id, expires);
  return `${publicBaseUrl}${SIGNED_RECORDING_PATH}/${message.id}?expires=${expires}&sig=${sig}`;
}

export type LinkCheck = 'valid' | 'expired' | 'invalid';

export function checkRecordingLink(
  messageId: string,
  expires: unknown,
  sig: unknown,
  key: Pick<RecordingLinkKey, 'secret'>,
  now: Date,
): LinkCheck {
  if (typeof expires !== 'string' || typeof sig !== 'string' || !/^\d{1,12}$/.test(expires)) return 'invalid';
  const expected = Buffer.from(signature(key.secret, messageId, Number(expires)));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  return Number(expires) * 1000 <= now.getTime() ? 'expired' : 'valid';
}

/** Why a signed link is refused (the edge answers 403). */
export class RecordingLinkRefusedError extends Error {
  override name = 'RecordingLinkRefusedError';
  constructor(readonly reason: Exclude<LinkCheck, 'valid'>) {
    super(`recording link ${reason}`);
  }
}

/** The actor the audit log names for a play through a signed link: whoever holds the link. */
const LINK_HOLDER = { type: 'system', id: 'recording-link', label: 'signed recording link' } as const;

/**
 * The message behind a signed link, once the link is checked; the play is audited (the link's
 * holder, from `ip`). A bad or expired link is a RecordingLinkRefusedError; a message gone since
 * (retention) a NotFoundError.
 */
export async function openSignedRecording(
  link: { messageId: string; expires: unknown; sig: unknown },
  ip: string,
  key: Pick<RecordingLinkKey, 'secret'>,
  now: Date = new Date(),
): Promise<{ message: Message; audit: () => Promise<void> }> {
  const check = checkRecordingLink(link.messageId, link.expires, link.sig, key, now);
  if (check !== 'valid') throw new RecordingLinkRefusedError(check);
  const message = await readMessage({ all: true }, link.messageId);
  const source: ActionSource = { actor: LINK_HOLDER, ip };
  return { message, audit: () => auditRecordingPlayed(source, message) };
}
