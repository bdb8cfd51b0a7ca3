/**
 * Free text from people and from Twilio (names, notes, greetings, transcriptions) loses its control
 * characters before anything stores or shows it: a NUL or an ANSI escape in a caller's name would
 * otherwise reach the logs, the CSV export and terminals as commands, not text.
 */
import { z } from 'zod';

/**
 * ANSI/VT escape sequences, removed whole (not just their ESC, which would leave `[31m` behind):
 * CSI (`ESC [` or C1 `\x9b` … final byte), OSC/DCS/SOS/PM/APC strings (… BEL or `ESC \`), and the
 * two-byte `ESC x` forms.
 */
const ESCAPES =
  // eslint-disable-next-line no-control-regex
  /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -~]?/g;
const LINE_BREAKS = /\r\n?|[\v\f\x85\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS_BUT_NL_TAB = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
const WHITESPACE_CONTROLS = /[\t\n]/g;

/**
 * `text` without C0/C1 control characters and escape sequences. Multi-line text keeps its line
 * breaks (normalised to `\n`) and tabs; one-line text gets a space for each.
 */
export function cleanText(text: string, options: { multiline?: boolean } = {}): string {
  const kept = text.replace(ESCAPES, '').replace(LINE_BREAKS, '\n').replace(CONTROLS_BUT_NL_TAB, '');
  return options.multiline ? kept : kept.replace(WHITESPACE_CONTROLS, ' ');
}

/** A one-line name or label: cleaned, then trimmed; chain `.min()` / `.max()` as usual. */
export function lineSchema() {
  return z
    .string()
    .overwrite((v) => cleanText(v))
    .trim();
}

/** Multi-line free text (a note, a greeting, a transcription): cleaned, line breaks kept, trimmed. */
export function multilineSchema() {
  return z
    .string()
    .overwrite((v) => cleanText(v, { multiline: true }))
    .trim();
}
