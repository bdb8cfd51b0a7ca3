/** French words around names, as people write them (curly apostrophe, elision). */

/** "de Marc", "d’Élodie", "d’Hélène": `de` elides before a vowel or a mute h. */
export function deName(name: string): string {
  return /^[aeiouyàâäéèêëîïôöùûüœæh]/iu.test(name.normalize('NFC')) ? `d’${name}` : `de ${name}`;
}

/** U+202F, the narrow no-break space French puts before « : ; ! ? » and inside « ». */
export const NNBSP = '\u202f';
