/**
 * GSM-7 (3GPP TS 23.038): an SMS stays in one 160-character segment only if every character is
 * in the GSM default alphabet (extension characters count twice). Anything else switches the
 * whole SMS to UCS-2 (70 characters), so texts are folded to GSM-7 before they are measured.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENDED = '^{}\\[~]|€\f';
const basic = new Set(BASIC);
const extended = new Set(EXTENDED);

export const SMS_SEGMENT = 160;

const REPLACEMENTS: Record<string, string> = {
  '’': "'",
  '‘': "'",
  '“': '"',
  '”': '"',
  '«': '"',
  '»': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '\u00a0': ' ',
  '\u202f': ' ',
  œ: 'oe',
  Œ: 'OE',
};

/** Folds a text to GSM-7: typographic quotes and dashes, then accents the alphabet lacks. */
export function toGsm7(text: string): string {
  let out = '';
  for (const ch of text) {
    if (basic.has(ch) || extended.has(ch)) {
      out += ch;
      continue;
    }
    const replaced = REPLACEMENTS[ch];
    if (replaced !== undefined) {
      out += replaced;
      continue;
    }
    const bare = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    out += [...bare].every((c) => basic.has(c)) ? bare : '?';
  }
  return out;
}

/** Septets a GSM-7 text takes (extension characters take two). */
export function gsmLength(text: string): number {
  let n = 0;
  for (const ch of text) n += extended.has(ch) ? 2 : 1;
  return n;
}

export const isGsm7 = (text: string): boolean => [...text].every((c) => basic.has(c) || extended.has(c));
