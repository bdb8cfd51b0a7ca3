/**
 * TwiML parsing and the checks Twilio applies before it runs a document.
 *
 * The document is turned into a plain tree at once so the interpreter never touches the DOM.
 */
import { DOMParser } from '@xmldom/xmldom';
import type { Problem } from './report';

export interface TwimlNode {
  name: string;
  attrs: Record<string, string>;
  /** Concatenated text content (trimmed), e.g. the words of a `<Say>` or the URL of a `<Redirect>`. */
  text: string;
  children: TwimlNode[];
}

/** Verbs the simulator runs. */
export const SIMULATED_VERBS = [
  'Say',
  'Play',
  'Pause',
  'Gather',
  'Dial',
  'Record',
  'Redirect',
  'Hangup',
  'Reject',
] as const;

/** Real Twilio verbs the simulator does not run: they are skipped with a warning, never an error. */
const OTHER_TWILIO_VERBS = new Set([
  'Connect',
  'Enqueue',
  'Leave',
  'Pay',
  'Prompt',
  'Refer',
  'Sms',
  'Start',
  'Stop',
  'Echo',
]);

const GATHER_CHILDREN = new Set(['Say', 'Play', 'Pause']);
const DIAL_NOUNS = new Set([
  'Number',
  'Client',
  'Sip',
  'Conference',
  'Queue',
  'Sim',
  'Application',
  'WhatsApp',
]);

export type ParseResult = { ok: true; root: TwimlNode } | { ok: false; problem: Problem };

interface XmlNodeLike {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<XmlNodeLike>;
  attributes?: ArrayLike<{ name: string; value: string }>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;

function toTree(node: XmlNodeLike): TwimlNode {
  const attrs: Record<string, string> = {};
  for (const attr of Array.from(node.attributes ?? [])) attrs[attr.name] = attr.value;
  const children: TwimlNode[] = [];
  let text = '';
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === ELEMENT_NODE) children.push(toTree(child));
    else if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_NODE) text += child.nodeValue ?? '';
  }
  return { name: node.nodeName, attrs, text: text.replace(/\s+/g, ' ').trim(), children };
}

/** Parses a response body as Twilio would; a malformed document is error 12100. */
export function parseTwiml(body: string, url: string): ParseResult {
  if (/^\s+<\?xml/.test(body)) {
    return {
      ok: false,
      problem: problem(12100, 'error', 'Document parse failure: whitespace before the XML declaration', url),
    };
  }
  const outsideCdata = body.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  if (/&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);)/.test(outsideCdata)) {
    return { ok: false, problem: problem(12100, 'error', 'Document parse failure: unescaped "&"', url) };
  }
  try {
    const doc = new DOMParser({
      // Twilio's parser is strict: what xmldom merely warns about (an unescaped &) fails there.
      onError: (_level, message) => {
        throw new Error(message);
      },
    }).parseFromString(body, 'text/xml') as unknown as { documentElement: XmlNodeLike | null };
    if (!doc.documentElement) {
      return { ok: false, problem: problem(12100, 'error', 'Document parse failure: no root element', url) };
    }
    return { ok: true, root: toTree(doc.documentElement) };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, problem: problem(12100, 'error', `Document parse failure: ${reason}`, url) };
  }
}

export interface ValidateContext {
  url: string;
  /** The document runs on the callee's leg of a `<Dial>` (a whisper): `<Dial>` is forbidden there. */
  calleeLeg: boolean;
}

/** Schema checks (Twilio's 12200 family). Returns every problem; the interpreter skips bad verbs. */
export function validateTwiml(root: TwimlNode, ctx: ValidateContext): Problem[] {
  const found: Problem[] = [];
  if (root.name !== 'Response') {
    found.push(problem(12200, 'error', `Root element is <${root.name}>, Twilio expects <Response>`, ctx.url));
    return found;
  }
  root.children.forEach((verb, index) => {
    const known = (SIMULATED_VERBS as readonly string[]).includes(verb.name);
    if (!known && OTHER_TWILIO_VERBS.has(verb.name)) {
      found.push(
        problem(null, 'warning', `<${verb.name}> is valid TwiML but not simulated: skipped`, ctx.url),
      );
    } else if (!known) {
      found.push(problem(12200, 'error', `Unknown verb <${verb.name}>`, ctx.url));
    }
    if (verb.name === 'Reject' && index > 0) {
      found.push(problem(12200, 'error', '<Reject> must be the first verb of the document', ctx.url));
    }
    if (verb.name === 'Dial' && ctx.calleeLeg) {
      found.push(
        problem(12200, 'error', '<Dial> is not allowed in the TwiML of a <Number url> whisper', ctx.url),
      );
    }
    if (verb.name === 'Gather') {
      for (const child of verb.children) {
        if (!GATHER_CHILDREN.has(child.name)) {
          found.push(problem(12200, 'error', `<${child.name}> cannot be nested in <Gather>`, ctx.url));
        }
      }
    }
    if (verb.name === 'Dial') {
      for (const child of verb.children) {
        if (!DIAL_NOUNS.has(child.name)) {
          found.push(problem(12200, 'error', `<${child.name}> cannot be nested in <Dial>`, ctx.url));
        }
      }
      if (verb.children.length === 0 && !verb.text) {
        found.push(problem(12200, 'error', '<Dial> has nothing to dial', ctx.url));
      }
    }
    if (['Say', 'Play', 'Pause', 'Hangup', 'Reject', 'Redirect', 'Record'].includes(verb.name)) {
      if (verb.children.length > 0) {
        found.push(
          problem(12200, 'error', `<${verb.name}> cannot contain <${verb.children[0]!.name}>`, ctx.url),
        );
      }
    }
    if (verb.name === 'Redirect' && !verb.text) {
      found.push(problem(12200, 'error', '<Redirect> has no URL', ctx.url));
    }
  });
  return found;
}

export function problem(
  code: number | null,
  severity: Problem['severity'],
  message: string,
  url?: string,
): Problem {
  return url === undefined ? { code, severity, message } : { code, severity, message, url };
}
