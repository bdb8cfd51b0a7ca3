/**
 * Callers' fingerprints: a keyed hash (HMAC-SHA256) of a phone number, kept in the audit log of
 * an export or an erasure instead of the number. An admin who is asked again about a number can
 * find what was done about it; the log itself does not say whose number it was.
 */
import { createHmac } from 'node:crypto';

/** The fingerprint of an E.164 number under `secret` (CALLER_KEY_SECRET). */
export function callerKey(secret: string, phone: string): string {
  return createHmac('sha256', secret).update(`caller:${phone}`).digest('base64url');
}
