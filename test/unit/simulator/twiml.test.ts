import { collectDigits } from '../../../scripts/simulator/verbs';
import { parseTwiml, validateTwiml } from '../../../scripts/simulator/twiml';
import { languageOfVoice, voiceMismatch } from '../../../scripts/simulator/voices';

const URL = 'https://example.com/webhooks/voice/incoming';

function check(body: string, calleeLeg = false) {
  const parsed = parseTwiml(body, URL);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return validateTwiml(parsed.root, { url: URL, calleeLeg }).map((p) => p.message);
}

describe('TwiML checks', () => {
  it('accepts a valid document', () => {
    expect(check('<Response><Gather><Say>Bonjour</Say></Gather><Hangup/></Response>')).toEqual([]);
  });

  it('flags a root that is not <Response>', () => {
    expect(check('<Reply><Say>Hi</Say></Reply>')).toEqual([
      expect.stringContaining('Root element is <Reply>'),
    ]);
  });

  it('flags an unknown verb', () => {
    expect(check('<Response><Speak>Hi</Speak></Response>')).toEqual(['Unknown verb <Speak>']);
  });

  it('flags <Reject> that is not the first verb', () => {
    expect(check('<Response><Say>Hi</Say><Reject/></Response>')).toEqual([
      expect.stringContaining('<Reject> must be the first verb'),
    ]);
  });

  it('flags <Dial> in a whisper document only', () => {
    const body = '<Response><Dial>+33600000000</Dial></Response>';
    expect(check(body)).toEqual([]);
    expect(check(body, true)).toEqual([
      expect.stringContaining('not allowed in the TwiML of a <Number url>'),
    ]);
  });

  it('flags a verb nested in <Gather> that cannot be', () => {
    expect(check('<Response><Gather><Dial>+33600000000</Dial></Gather></Response>')).toEqual([
      '<Dial> cannot be nested in <Gather>',
    ]);
  });

  it('reports a malformed document as 12100', () => {
    const unescaped = parseTwiml('<Response><Say>Tom & Jerry</Say></Response>', URL);
    const leadingSpace = parseTwiml('  <?xml version="1.0"?><Response/>', URL);
    expect(unescaped.ok ? null : unescaped.problem.code).toBe(12100);
    expect(leadingSpace.ok ? null : leadingSpace.problem.code).toBe(12100);
  });
});

describe('voices', () => {
  it.each([
    ['Polly.Lea-Neural', 'fr-FR'],
    ['Polly.Celine', 'fr-FR'],
    ['Polly.Mathieu', 'fr-FR'],
    ['Polly.Remi-Neural', 'fr-FR'],
    ['Polly.Joanna-Neural', 'en-US'],
    ['Polly.Matthew', 'en-US'],
    ['Google.fr-FR-Neural2-A', 'fr-FR'],
    ['Google.en-US-Wavenet-C', 'en-US'],
  ])('%s speaks %s', (voice, language) => {
    expect(languageOfVoice(voice)).toBe(language);
    expect(voiceMismatch(voice, language)).toBeNull();
  });

  it('flags a voice that does not fit the language', () => {
    expect(voiceMismatch('Polly.Joanna', 'fr-FR')).toContain('speaks en-US');
    expect(voiceMismatch('Polly.Lea', 'en-US')).toContain('speaks fr-FR');
  });

  it('leaves basic voices and voices without a language alone', () => {
    expect(voiceMismatch('alice', 'fr-FR')).toBeNull();
    expect(voiceMismatch('Polly.Lea', undefined)).toBeNull();
    expect(voiceMismatch(undefined, 'fr-FR')).toBeNull();
  });
});

describe('collectDigits', () => {
  it('stops at finishOnKey and keeps at most numDigits', () => {
    expect(collectDigits('1234#5', '#')).toBe('1234');
    expect(collectDigits('12', '#', '1')).toBe('1');
    expect(collectDigits('0612345678', '')).toBe('0612345678');
  });
});
