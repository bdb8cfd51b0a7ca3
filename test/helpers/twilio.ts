/** Builds signed Twilio webhook requests for HTTP tests, exactly as Twilio signs them. */
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { DOMParser, type Element } from '@xmldom/xmldom';

export const ACCOUNT_SID = 'AC00000000000000000000000000000000';

export function newCallSid(): string {
  return `CA${randomBytes(16).toString('hex')}`;
}

export function voiceParams(callSid: string, from: string, to: string, extra: Record<string, string> = {}) {
  return {
    CallSid: callSid,
    AccountSid: ACCOUNT_SID,
    From: from,
    To: to,
    CallStatus: 'in-progress',
    ApiVersion: '2010-04-01',
    Direction: 'inbound',
    ...extra,
  };
}

export function sign(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

/** Parses TwiML strictly; returns the verbs as `{ name, attrs, text, children }`. */
export type Verb = { name: string; attrs: Record<string, string>; text: string; children: Verb[] };

export function parseTwiml(xml: string): Verb {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (!root || root.nodeName !== 'Response') throw new Error(`TwiML root is ${root?.nodeName}, not Response`);
  return toVerb(root);
}

function toVerb(el: Element): Verb {
  const attrs: Record<string, string> = {};
  for (let i = 0; i < el.attributes.length; i += 1) {
    const a = el.attributes.item(i)!;
    attrs[a.name] = a.value;
  }
  const children: Verb[] = [];
  for (let i = 0; i < el.childNodes.length; i += 1) {
    const n = el.childNodes.item(i)!;
    if (n.nodeType === 1) children.push(toVerb(n as unknown as Element));
  }
  return { name: el.nodeName, attrs, text: el.textContent ?? '', children };
}
