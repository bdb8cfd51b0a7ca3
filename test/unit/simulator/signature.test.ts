import twilio from 'twilio';
import { signature } from '../../../scripts/simulator/http';

describe('signature', () => {
  it("matches Twilio's published example", () => {
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+12349013030',
      Digits: '1234',
      From: '+12349013030',
      To: '+18005551212',
    };
    const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';

    const signed = signature('12345', url, params);

    expect(signed).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    expect(twilio.validateRequest('12345', signed, url, params)).toBe(true);
  });

  it('changes when a parameter changes', () => {
    const url = 'https://mycompany.com/myapp.php';
    expect(signature('12345', url, { Digits: '1' })).not.toBe(signature('12345', url, { Digits: '2' }));
  });
});
