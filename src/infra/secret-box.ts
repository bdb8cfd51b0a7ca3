/**
 * Secrets kept at rest (a calendar's password): AES-256-GCM from node:crypto, stored as
 * `iv.tag.ciphertext` in base64url. GCM's tag makes a changed value or a wrong key fail loudly
 * instead of decrypting to garbage.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The stored value cannot be opened: altered, cut, or sealed with another key. */
export class SecretUnreadableError extends Error {
  override name = 'SecretUnreadableError';
}

/** Any secret string (config().calendars.credentialsKey) gives a 256-bit key. */
const keyOf = (key: string) => createHash('sha256').update(key).digest();

export function sealSecret(plain: string, key: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyOf(key), iv);
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url')).join('.');
}

export function openSecret(sealed: string, key: string): string {
  const parts = sealed.split('.');
  const [iv, tag, ciphertext] = parts.map((p) => Buffer.from(p, 'base64url'));
  if (parts.length !== 3 || iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || !ciphertext)
    throw new SecretUnreadableError('the stored secret is not in the iv.tag.ciphertext form');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(key), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretUnreadableError(
      'the stored secret cannot be decrypted: it was altered, or sealed with another key (CALENDAR_CREDENTIALS_KEY changed?)',
    );
  }
}
