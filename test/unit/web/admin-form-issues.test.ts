/**
 * The client form's validation errors speak the page's language: with every field invalid, a French
 * page shows no English sentence and an English page no French one. The API keeps its English.
 */
import { clientProfileSchema } from '../../../src/flow/profile';
import { adminTexts } from '../../../src/web/admin/admin-texts';
import { formFromProfile } from '../../../src/web/admin/client-form-fill';
import { validateClientForm } from '../../../src/web/admin/client-save';
import type { FieldErrors } from '../../../src/web/admin/field-errors';
import { ruleField } from '../../../src/web/admin/rules-form';
import { issueText } from '../../../src/web/issue-texts';
import { newUserSchema } from '../../../src/domain/users';

const base = formFromProfile(clientProfileSchema.parse({ name: 'Cabinet', numbers: ['+33180000000'] }));

/** Every field of the form with a value it refuses (the schema stops at the first failing layer). */
const EVERY_FIELD_WRONG: Record<string, string> = {
  ...base,
  name: '',
  numbers: '0612\n+3312\n06 12 34 56 78',
  locale: 'xx-XX',
  sector: 'garage',
  spokenName: 'x'.repeat(101),
  greetKnownCallers: 'maybe',
  vocabulary: 'a',
  emergencyAdviceMode: 'custom',
  emergencyAdvice: '',
  greeting: 'x'.repeat(301),
  timezone: 'EST',
  address: 'x'.repeat(201),
  hours_mon: '25:00-26:00',
  hours_tue: '9h-midi',
  hours_wed: '18:00-09:00',
  closures: '2026-02-30..2026-03-01 Hiver\n2026-01-02..2026-01-01 Bis\nbientôt',
  overrideMode: 'closed',
  overrideUntil: 'demain',
  target0_name: '',
  target0_number: 'abc',
  target0_ring: '2',
  target1_name: 'Bureau',
  target1_number: '+3312',
  target1_ring: '99',
  transferMode: 'random',
  callerId: 'hidden',
  outOfHours: 'never',
  fallbackNumber: '12',
  vipNumbers: '123',
  blockedNumbers: '+33 6 12 34 56 78',
  urgencyKeywords: 'a',
  defaultAction: 'fax',
  recording: 'sometimes',
  maxRecordingSeconds: 'abc',
  messageDays: '0',
  recordingDays: '1.5',
  transcriptionDays: '99999',
  callDays: '-1',
  smsEnabled: 'on',
  smsTo: 'x',
  emailEnabled: 'on',
  emailTo: 'not-an-email',
  webhookEnabled: 'on',
  webhookUrl: 'ftp://x',
  webhookSecret: 'short',
  escalationEnabled: 'on',
  escalationDelay: '0',
  escalationResends: '9',
  backupName: '',
  backupNumber: '1',
  digestTime: '25:00',
  maxCallSeconds: '5',
  apt0_name: 'x'.repeat(61),
  apt0_duration: '1',
  apt0_hours: 'n’importe quand',
  aptReminderHours: '999',
  [ruleField(0, 'name')]: '',
  [ruleField(0, 'caller')]: 'robot',
  [ruleField(0, 'start')]: '8h',
  [ruleField(0, 'action')]: 'say',
  [ruleField(0, 'text')]: '',
};

/** Refinements that run only once every field is readable. */
const CROSS_FIELD_WRONG: Record<string, string> = {
  ...base,
  numbers: '+33180000000\n+33180000000',
  locale: 'fr-FR',
  voice: 'Polly.Joanna-Neural',
  webhookEnabled: 'on',
  webhookUrl: '',
};

const ENGLISH =
  /\b(expected|input|invalid|must|received|too|should|characters|such as|valid|does|least|most|enter|the|is|of|to|and|number|required|choice)\b/i;
/** Case-sensitive: « EST » is a time zone, « est » a French verb. */
const FRENCH =
  /\b([Aa]ttendue?s?|doit|caractères|[Ll]igne|[Pp]lage|[Rr]ègle|[Ll]e|la|les|des|une?|est|pas|au|ou|numéro|obligatoire|[Cc]hoix|inconnu)\b/;

const messages = (errors: FieldErrors) => Object.values(errors).flat();

function errorsOf(values: Record<string, string>, lang: 'fr' | 'en'): string[] {
  const result = validateClientForm(values, adminTexts(lang));
  if (!('errors' in result)) throw new Error('the form was accepted');
  return messages(result.errors);
}

describe('validation errors of the client form', () => {
  it.each([
    ['every field', EVERY_FIELD_WRONG],
    ['cross-field checks', CROSS_FIELD_WRONG],
  ])('when %s is invalid on a French page, then no message is English', (_, values) => {
    const said = errorsOf(values, 'fr');
    expect(said.length).toBeGreaterThan(values === EVERY_FIELD_WRONG ? 40 : 2);
    for (const m of said) expect([m, m.match(ENGLISH)?.[0]]).toEqual([m, undefined]);
    for (const m of said) expect(m).not.toMatch(/ [:;!?]/);
  });

  it.each([
    ['every field', EVERY_FIELD_WRONG],
    ['cross-field checks', CROSS_FIELD_WRONG],
  ])('when %s is invalid on an English page, then no message is French', (_, values) => {
    const said = errorsOf(values, 'en');
    for (const m of said) expect([m, m.match(FRENCH)?.[0]]).toEqual([m, undefined]);
    for (const m of said) expect(m).not.toMatch(/\s[:;!?]/);
  });

  it('when a phone number is written with spaces, then the page says how to write it, in French', () => {
    const said = errorsOf({ ...base, numbers: '+33 1 80 00 00 00' }, 'fr');
    expect(said).toContain(
      'Ligne 1\u202f: Écrivez le numéro sans espaces ni ponctuation\u202f: +33180000000.',
    );
  });

  it('when a voice does not speak the language, then the language is named, not coded', () => {
    expect(errorsOf(CROSS_FIELD_WRONG, 'fr')).toContain(
      'Cette voix ne parle pas la langue choisie (Français (France))\u202f: choisissez-en une qui la parle.',
    );
  });

  it('when the user form is refused, then its issues are in the page’s language too', () => {
    const parsed = newUserSchema.safeParse({ email: 'x', name: '', role: 'boss', password: 'short' });
    if (parsed.success) throw new Error('accepted');
    const fr = parsed.error.issues.map((i) => issueText(i, 'fr'));
    expect(fr).toEqual(
      expect.arrayContaining(['Adresse e-mail invalide.', '12 caractères au minimum.', 'Choix inconnu.']),
    );
    for (const m of fr) expect(m).not.toMatch(ENGLISH);
    // The API's own messages are untouched.
    expect(parsed.error.issues.map((i) => i.message)).toContain('at least 12 characters');
  });
});
