/**
 * Which language each `<Say>` voice speaks, to flag a voice that does not fit its `language`.
 */

const POLLY_LANGUAGE: Record<string, string> = {
  Lea: 'fr-FR',
  Celine: 'fr-FR',
  Mathieu: 'fr-FR',
  Remi: 'fr-FR',
  Chantal: 'fr-CA',
  Gabrielle: 'fr-CA',
  Liam: 'fr-CA',
  Isabelle: 'fr-BE',
  Joanna: 'en-US',
  Matthew: 'en-US',
  Salli: 'en-US',
  Kimberly: 'en-US',
  Kendra: 'en-US',
  Ivy: 'en-US',
  Joey: 'en-US',
  Justin: 'en-US',
  Kevin: 'en-US',
  Ruth: 'en-US',
  Stephen: 'en-US',
  Danielle: 'en-US',
  Gregory: 'en-US',
  Amy: 'en-GB',
  Emma: 'en-GB',
  Brian: 'en-GB',
  Arthur: 'en-GB',
};

/** Twilio's basic voices speak every language they support: nothing to check. */
const BASIC_VOICES = new Set(['man', 'woman', 'alice']);

/** The language a voice speaks, `null` for a basic voice, `undefined` when the simulator does not know it. */
export function languageOfVoice(voice: string): string | null | undefined {
  if (BASIC_VOICES.has(voice)) return null;
  const polly = /^Polly\.([A-Za-z]+)(?:-[A-Za-z]+)?$/.exec(voice);
  if (polly) return POLLY_LANGUAGE[polly[1]!];
  const google = /^Google\.([a-z]{2,3}-[A-Z]{2})-/.exec(voice);
  if (google) return google[1];
  return undefined;
}

/** A message when `voice` cannot speak `language` (or is unknown), else null. */
export function voiceMismatch(voice: string | undefined, language: string | undefined): string | null {
  if (!voice) return null;
  const spoken = languageOfVoice(voice);
  if (spoken === undefined) return `<Say> voice "${voice}" is not a voice the simulator knows`;
  if (spoken === null || !language) return null;
  if (spoken.toLowerCase() !== language.toLowerCase()) {
    return `<Say voice="${voice}"> speaks ${spoken}, not language="${language}"`;
  }
  return null;
}
