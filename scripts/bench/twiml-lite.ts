/**
 * Just enough TwiML for the load generator: the top-level verbs in order, their attributes, and
 * every spoken text. No DOM, no validation (the simulator does that): a regex tokenizer that keeps
 * the generator's own CPU small next to the service it measures.
 */

export interface LiteVerb {
  name: string;
  attrs: Record<string, string>;
  /** Text directly inside the verb (the URL of a `<Redirect>`). */
  text: string;
}

export interface LiteDocument {
  verbs: LiteVerb[];
  /** Every `<Say>` text, nested ones included, in document order. */
  said: string[];
}

const TAG = /<(\/?)([A-Za-z]+)([^>]*?)(\/?)>|([^<]+)/g;
const ATTR = /([A-Za-z][\w:-]*)="([^"]*)"/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[\da-f]+);/gi, (_m, e: string) => {
    if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? '';
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
}

export function parseLite(body: string): LiteDocument {
  const verbs: LiteVerb[] = [];
  const said: string[] = [];
  let depth = 0;
  let current: LiteVerb | null = null;
  let inSay = false;
  for (const [, closing, name, rawAttrs, selfClosing, text] of body.matchAll(TAG)) {
    if (text !== undefined) {
      const value = decodeXml(text).trim();
      if (!value) continue;
      if (inSay) said.push(value);
      else if (current && depth === 2) current.text += value;
      continue;
    }
    if (name === undefined) continue;
    if (closing) {
      depth -= 1;
      if (name === 'Say') inSay = false;
      if (depth === 1) current = null;
      continue;
    }
    if (depth === 1) {
      const attrs: Record<string, string> = {};
      for (const [, key, value] of (rawAttrs ?? '').matchAll(ATTR)) attrs[key!] = decodeXml(value!);
      current = { name, attrs, text: '' };
      verbs.push(current);
    }
    if (name === 'Say' && !selfClosing) inSay = true;
    if (!selfClosing) depth += 1;
    else if (depth === 1) current = null;
  }
  return { verbs, said };
}
