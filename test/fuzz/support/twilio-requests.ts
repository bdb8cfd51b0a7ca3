/** Builds a fuzzed Twilio webhook request: the body from fields or raw bytes, signed as chosen. */
import type { Params, Signing } from '../arbitraries/twilio';
import { envelopeHeaders, type Envelope } from '../arbitraries/http';
import { sign } from '../../helpers/twilio';
import { encodeForm, entriesOf, parsedForm, signatureFor } from './form';
import type { FuzzRequest } from './service';

/** Signing decoys: each a signature Twilio would compute, for something else. */
const FORGED = 'bm90IGEgc2lnbmF0dXJlIGF0IGFsbD0=';

export function twilioRequest(options: {
  path: string;
  params: Params;
  envelope: Envelope;
  signing: Signing;
  authToken: string;
  publicBaseUrl: string;
  /** The `parameterLimit` of the route's body parser (200 on voice, body-parser's 1000 on SMS). */
  parameterLimit: number;
}): FuzzRequest {
  const { path, params, envelope, signing, authToken, publicBaseUrl, parameterLimit } = options;
  const body = envelope.rawBody ?? encodeForm(entriesOf(params));
  const text = typeof body === 'string' ? body : body.toString('utf8');
  const contentType = envelope.contentType ?? '';
  const url = `${publicBaseUrl}${path}`;
  const signature = {
    valid: () => signatureFor(authToken, url, text, contentType, parameterLimit),
    missing: () => undefined,
    forged: () => FORGED,
    'other-url': () =>
      signatureFor(
        authToken,
        `${url}${path.includes('?') ? '&' : '?'}x=1`,
        text,
        contentType,
        parameterLimit,
      ),
    'other-params': () =>
      sign(authToken, url, { ...parsedForm(text, contentType, parameterLimit), Injected: '1' } as Record<
        string,
        string
      >),
  }[signing]();
  return {
    method: 'POST',
    path,
    headers: { ...envelopeHeaders(envelope), ...(signature ? { 'x-twilio-signature': signature } : {}) },
    body,
  };
}

/** The callback URLs a TwiML answer hands Twilio, as paths: where Twilio would post next. */
export function nextPaths(twiml: import('@xmldom/xmldom').Element, publicBaseUrl: string): string[] {
  const urls: string[] = [];
  const walk = (el: import('@xmldom/xmldom').Element) => {
    for (const attr of ['action', 'url', 'transcribeCallback', 'recordingStatusCallback']) {
      const v = el.getAttribute(attr);
      if (v) urls.push(v);
    }
    if (el.nodeName === 'Redirect' && el.textContent) urls.push(el.textContent.trim());
    for (let i = 0; i < el.childNodes.length; i += 1) {
      const n = el.childNodes.item(i)!;
      if (n.nodeType === 1) walk(n as unknown as import('@xmldom/xmldom').Element);
    }
  };
  walk(twiml);
  return urls.filter((u) => u.startsWith(publicBaseUrl)).map((u) => u.slice(publicBaseUrl.length));
}
