/**
 * The test panel says the engine's preview in the page's words: the rule that applied and what it
 * did, which setting opened or closed the client, the local date in full; never the API's English.
 */
import { clientProfileSchema, type ClientProfileInput } from '../../../src/flow/profile';
import { previewRoute, type RoutePreview } from '../../../src/flow/preview';
import { localDateTime, openReasonWords, whyWords } from '../../../src/web/admin/preview-words';
import { previewPanel } from '../../../src/web/admin/preview-view';
import { adminTexts } from '../../../src/web/admin/admin-texts';

const VIP = '+33611111111';
const BLOCKED = '+33699999999';
const OTHER = '+33622222222';
const WEDNESDAY_20H = new Date('2026-12-02T19:00:00Z');
const MONDAY_10H = new Date('2026-03-02T09:00:00Z');

const profile = (more: Partial<ClientProfileInput> = {}) =>
  clientProfileSchema.parse({
    name: 'Cabinet Martin',
    numbers: ['+33478000001'],
    weeklyHours: { mon: [{ start: '09:00', end: '18:00' }], wed: [{ start: '09:00', end: '12:00' }] },
    transferTargets: [
      { name: 'Dr Claire Martin', number: '+33612345678' },
      { name: 'Secrétariat', number: '+33478000000' },
    ],
    vipNumbers: [VIP],
    blockedNumbers: [BLOCKED],
    rules: [{ name: 'VIP hors horaires', when: { caller: 'vip', open: false }, then: { type: 'transfer' } }],
    ...more,
  });

const words = (p: RoutePreview, lang: 'fr' | 'en') =>
  [p.atStart, ...(p.afterMenu ? [p.afterMenu] : [])].map((d) => whyWords(d.why, p, lang));

/** Every kind of reason the panel can give. */
const SCENARIOS: [string, RoutePreview][] = [
  ['a VIP after hours (rule)', previewRoute(profile(), { from: VIP, at: WEDNESDAY_20H })],
  ['a blocked number', previewRoute(profile(), { from: BLOCKED, at: MONDAY_10H })],
  ['a VIP during hours', previewRoute(profile({ rules: [] }), { from: VIP, at: MONDAY_10H })],
  ['a caller after hours', previewRoute(profile(), { from: OTHER, at: WEDNESDAY_20H, digits: '1' })],
  ['key 1 while open', previewRoute(profile(), { from: OTHER, at: MONDAY_10H, digits: '1' })],
  ['key 3 while open', previewRoute(profile(), { from: OTHER, at: MONDAY_10H, digits: '3' })],
  ['key 4, no address', previewRoute(profile(), { from: OTHER, at: MONDAY_10H, digits: '4' })],
  ['an unknown key', previewRoute(profile(), { from: OTHER, at: MONDAY_10H, digits: '9' })],
  [
    'a sentence',
    previewRoute(profile(), { from: OTHER, at: MONDAY_10H, speech: 'je voudrais un rendez-vous' }),
  ],
  [
    'a transfer rule without targets',
    previewRoute(
      profile({ transferTargets: [], rules: [{ name: 'Tous', when: {}, then: { type: 'transfer' } }] }),
      {
        from: OTHER,
        at: MONDAY_10H,
      },
    ),
  ],
  [
    'closed, urgent-only',
    previewRoute(profile({ transfer: { outOfHours: 'urgent-only' } }), {
      from: OTHER,
      at: WEDNESDAY_20H,
      digits: '1',
    }),
  ],
];

describe('the test panel in words', () => {
  it('when a VIP calls after hours, then the rule, its transfer targets and the date are said in French', () => {
    const p = SCENARIOS[0]![1];
    expect(whyWords(p.atStart.why, p, 'fr')).toBe(
      'Règle 1 «\u202fVIP hors horaires\u202f» appliquée\u202f: transfert vers Dr Claire Martin et Secrétariat.',
    );
    expect(openReasonWords(p.openReason, 'fr')).toBe('horaires de la semaine');
    expect(localDateTime(WEDNESDAY_20H, 'Europe/Paris', 'fr')).toBe('mercredi 2 décembre 2026 à 20:00');
    expect(whyWords(p.atStart.why, p, 'en')).toBe(
      'Rule 1 “VIP hors horaires” applied: transfer to Dr Claire Martin and Secrétariat.',
    );
    expect(localDateTime(WEDNESDAY_20H, 'Europe/Paris', 'en')).toBe('Wednesday, December 2, 2026 at 8:00 PM');
    // The API keeps its English reason.
    expect(p.atStart.reason).toBe("rule #1 'VIP hors horaires' matched: transfer");
  });

  it.each(SCENARIOS)('when %s, then the French words hold no English and French typography', (_, p) => {
    for (const said of words(p, 'fr')) {
      expect(said).not.toMatch(
        /\b(rule|matched|caller|transfer|menu is|policy|no |the |key|speech|built-in)\b/,
      );
      expect(said).not.toMatch(/ [:;!?»]|« /);
    }
  });

  it.each(SCENARIOS)('when %s, then the English words hold no French and no space before a colon', (_, p) => {
    for (const said of words(p, 'en')) {
      expect(said).not.toMatch(/\b(règle|appliquée|appelant|transfert vers|aucun|le menu|touche|phrase)\b/i);
      expect(said).not.toMatch(/\s[:;!?]/);
    }
  });

  it('when the panel is rendered on an English page, then it reads in English typography, and the French one in French', () => {
    const p = SCENARIOS[3]![1];
    const when = { at: WEDNESDAY_20H, timeZone: 'Europe/Paris' };
    const visible = (lang: 'fr' | 'en') =>
      previewPanel(adminTexts(lang), 'c1', { values: {}, errors: {} }, p, undefined, when)
        .toString()
        .replace(/<[^>]+>/g, ' ');
    const english = visible('en');
    expect(english).toContain('Decision: Message taking');
    expect(english).toContain('Wednesday, December 2, 2026 at 8:00 PM');
    expect(english).not.toMatch(/[^\s] +[:;!?](\s|$)/);
    const french = visible('fr');
    expect(french).toContain('Décision\u202f: Prise de message');
    expect(french).not.toMatch(/[^\s] [:;!?](\s|$)/);
  });
});
