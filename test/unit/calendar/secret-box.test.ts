import { openSecret, sealSecret, SecretUnreadableError } from '../../../src/infra/secret-box';

const KEY = 'a-calendar-credentials-key-of-at-least-32-characters';

describe('the secret box', () => {
  it('opens what it sealed, and never shows the secret in the sealed form', () => {
    const sealed = sealSecret('mot de passe é€ 🔑', KEY);
    expect(sealed).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('mot');
    expect(openSecret(sealed, KEY)).toBe('mot de passe é€ 🔑');
  });

  it('seals the same secret differently each time (a fresh IV)', () => {
    expect(sealSecret('same', KEY)).not.toBe(sealSecret('same', KEY));
  });

  it.each([
    ['a changed ciphertext', (s: string) => s.slice(0, -2) + (s.endsWith('AA') ? 'BB' : 'AA')],
    [
      'a changed tag',
      (s: string) =>
        s
          .split('.')
          .map((p, i) => (i === 1 ? Buffer.alloc(16).toString('base64url') : p))
          .join('.'),
    ],
    ['a cut value', (s: string) => s.split('.').slice(0, 2).join('.')],
    ['no sealed value at all', () => 'plain-password'],
  ])('refuses %s', (_name, tamper) => {
    const sealed = tamper(sealSecret('secret', KEY));
    expect(() => openSecret(sealed, KEY)).toThrow(SecretUnreadableError);
  });

  it('refuses a wrong key and says the key may have changed', () => {
    const sealed = sealSecret('secret', KEY);
    expect(() => openSecret(sealed, `${KEY}-other`)).toThrow(/another key/);
  });
});
