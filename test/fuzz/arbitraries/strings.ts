/**
 * Text as callers, speech recognisers and careless clients produce it: plausible words next to
 * unicode of every plane, control characters, markup and query syntax, numbers in disguise, and now
 * and then something huge. Every other generator draws its free text from here.
 */
import fc from 'fast-check';

/** Strings that broke real parsers and renderers somewhere. */
const CLASSICS = [
  '',
  ' ',
  '\t\r\n',
  '\u0000',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  '0x10',
  'true',
  '[]',
  '{}',
  '{"$gt":""}',
  '$where',
  '__proto__',
  'constructor',
  '<Say>hi</Say>',
  ']]>',
  '<?xml version="1.0"?>',
  '&amp;&lt;&#0;&#xFFFE;',
  "'; DROP TABLE calls; --",
  '%00%ff%',
  '\u202Egnp.exe',
  '\uFEFFbom',
  '\uFFFE\uFFFF',
  '\uD800',
  '\uDC00x',
  'e\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦🇫🇷',
  'Ω≈ç√∫',
  'ｆｕｌｌｗｉｄｔｈ',
  'Jeanne Dupont',
  'Zoë Ø’Brien-Łukasz',
  'Une fuite sous l’évier, c’est urgent !',
  'urgent urgence au secours',
  'oui',
  'non',
  'deux',
  '0612345678',
  '+33612345678',
  '+1 (555) 010-0000',
] as const;

/** A control character of C0, DEL or C1: forbidden in XML 1.0 (except tab, LF, CR). */
export const controlChar = fc
  .oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }))
  .map((c) => String.fromCharCode(c));

/** Lone surrogates included: JavaScript strings can carry them, UTF-8 cannot. */
const anyUnit = fc.string({ unit: 'binary', maxLength: 40 });
const withControls = fc
  .array(fc.oneof(fc.string({ maxLength: 6 }), controlChar), { maxLength: 10 })
  .map((parts) => parts.join(''));
const surrogates = fc
  .array(fc.integer({ min: 0xd800, max: 0xdfff }), { minLength: 1, maxLength: 3 })
  .map((units) => `a${String.fromCharCode(...units)}b`);

/** Up to 100,000 characters: beyond what any field allows, below the body limits only sometimes. */
export const hugeText = fc
  .tuple(fc.constantFrom('a', 'é', '🙂', '\u0000', 'urgent ', '<'), fc.integer({ min: 500, max: 100_000 }))
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));

/** Free text for any field. */
export const nastyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...CLASSICS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 2, arbitrary: anyUnit },
  { weight: 2, arbitrary: withControls },
  { weight: 1, arbitrary: surrogates },
  { weight: 1, arbitrary: hugeText },
);

/** A plausible value most of the time, a nasty one otherwise: deep paths need plausible input. */
export function mostly<T>(plausible: fc.Arbitrary<T>, weight = 3): fc.Arbitrary<T | string> {
  return fc.oneof({ weight, arbitrary: plausible }, { weight: 1, arbitrary: nastyText });
}
