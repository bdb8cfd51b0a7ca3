import { namesPhone, phoneForms, phonePattern } from '../../../src/domain/phone-pattern';
import { redactText, scrubValue } from '../../../src/store/caller-erasure';

describe('a caller number in any written form', () => {
  const pattern = phonePattern('+33620000801');

  it.each([
    ['E.164', 'appel du +33620000801'],
    ['international spaced', 'appel du +33 6 20 00 08 01.'],
    ['national spaced', 'Rappeler au 06 20 00 08 01'],
    ['national compact', 'tel:0620000801'],
    ['national with dots', '06.20.00.08.01'],
    ['digits only', '33620000801'],
    ['00 prefix', '0033 6 20 00 08 01'],
    ['(0) in the international form', '+33 (0)6 20 00 08 01'],
    ['no-break spaces', '06\u00a020\u00a000\u00a008\u00a001'],
  ])('when the text has it %s, then it is found and redacted', (_, text) => {
    expect(namesPhone(text, pattern)).toBe(true);
    expect(redactText(text, pattern, [])).toContain('[effacé]');
    expect(namesPhone(redactText(text, pattern, []), pattern)).toBe(false);
  });

  it.each([
    ['another number', '+33620000802'],
    ['the number inside a longer run of digits', '106200008011'],
    ['a reference number', 'dossier 620000801234'],
  ])('when the text has %s, then it is left alone', (_, text) => {
    expect(namesPhone(text, pattern)).toBe(false);
  });

  it('when a North American number is written nationally, then it is found too', () => {
    const us = phonePattern('+12133734253');
    expect(namesPhone('call (213) 373-4253 back', us)).toBe(true);
    expect(namesPhone('+1 213-373-4253', us)).toBe(true);
  });

  it('when forms are listed, then they are the E.164, international, national spaced, compact and digits-only forms', () => {
    expect(phoneForms('+33620000801')).toEqual([
      '+33620000801',
      '+33 6 20 00 08 01',
      '06 20 00 08 01',
      '0620000801',
      '33620000801',
    ]);
  });

  it('when settings are scrubbed, then the number leaves lists (still valid lists) and texts, and the caller’s name goes with it', () => {
    const scrubbed = scrubValue(
      {
        vipNumbers: ['+33611111111', '+33620000801'],
        changes: [{ path: 'vipNumbers', after: ['+33620000801'] }],
        note: 'VIP depuis le 06 20 00 08 01',
      },
      '+33620000801',
      pattern,
    );
    expect(scrubbed).toEqual({
      vipNumbers: ['+33611111111'],
      changes: [{ path: 'vipNumbers', after: [] }],
      note: 'VIP depuis le [effacé]',
    });
    expect(redactText('Jeanne Durand : rappeler', pattern, ['Jeanne Durand'])).toBe('[effacé] : rappeler');
  });
});
