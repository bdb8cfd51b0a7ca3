/**
 * What each notification says, in the client's language and timezone. Pure: the message, the
 * client and the public base URL in, text out; table-driven unit tests pin it.
 */
import twilio from 'twilio';
import { clientCountry, displayPhone, spokenPhone } from '../domain/phone';
import type { Client } from '../store/clients';
import type { Message } from '../store/messages';
import { appointmentTime, appointmentWhen } from './appointment-texts';
import { deName, NNBSP } from './french';
import { gsmLength, SMS_SEGMENT, toGsm7 } from './gsm';

/** Septets of the reason kept at least, even if the SMS then needs two segments. */
const MIN_REASON = 24;

export type RenderContext = {
  message: Message;
  client: Client;
  publicBaseUrl: string;
  /** The signed link of the recording on this service (never Twilio's host); none: not shown. */
  recordingUrl?: string | null;
};
export type SmsVariant = 'notify' | 'resend' | 'backup';

const N = NNBSP;

const WORDS = {
  'fr-FR': {
    urgent: 'Urgent',
    reminder: 'Rappel',
    urgentFor: (c: string) => `Urgent pour ${c}`,
    messageOf: (caller: string) => `Message ${deName(caller)}`,
    at: (time: string) => `à ${time}`,
    colon: `${N}:`,
    takeIt: (ref: number | null) => `Répondez OK${ref === null ? '' : ` ${ref}`} pour le prendre en charge.`,
    unknownCaller: 'appelant inconnu',
    noReason: 'sans motif',
    urgentSubject: '[Urgent]',
    reason: 'Motif',
    callback: 'Numéro de rappel',
    receivedLabel: 'Reçu le',
    summary: 'Résumé',
    transcription: 'Transcription',
    recording: 'Enregistrement',
    open: 'Voir le message',
  },
  'en-US': {
    urgent: 'Urgent',
    reminder: 'Reminder',
    urgentFor: (c: string) => `Urgent for ${c}`,
    messageOf: (caller: string) => `Message from ${caller}`,
    at: (time: string) => `at ${time}`,
    colon: ':',
    takeIt: (ref: number | null) => `Reply OK${ref === null ? '' : ` ${ref}`} to take it.`,
    unknownCaller: 'unknown caller',
    noReason: 'no reason given',
    urgentSubject: '[Urgent]',
    reason: 'Reason',
    callback: 'Callback number',
    receivedLabel: 'Received',
    summary: 'Summary',
    transcription: 'Transcription',
    recording: 'Recording',
    open: 'Open the message',
  },
} as const;

export const messageUrl = (publicBaseUrl: string, id: string) => `${publicBaseUrl}/messages/${id}`;

/** A number as people of the client's country write it ("06 12 34 56 78"). */
export const nationalPhone = (number: string, client: Pick<Client, 'numbers'>): string =>
  number ? displayPhone(number, clientCountry(client)) : '';

/** The caller's name, else their number as people write it, else "unknown caller". */
export const callerOf = (m: Message, client: Client): string =>
  m.callerName.trim() || nationalPhone(m.callerNumber, client) || WORDS[client.locale].unknownCaller;

/** "Nadia Roux (06 12 34 56 02)": the name and the number to call back, once when they are one. */
function callerWithNumber(m: Message, client: Client): string {
  const caller = callerOf(m, client);
  const callback = nationalPhone(m.callbackNumber || m.callerNumber, client);
  return callback && callback !== caller ? `${caller} (${callback})` : caller;
}

/**
 * One SMS, folded to GSM-7 and kept within one 160-character segment when it can be: the reason
 * is shortened first (to no less than MIN_REASON); the link and the callback number are never cut.
 * An urgent reason is never cut at all: the client must read why before calling back, so the SMS
 * then takes a second segment. An urgent SMS tells how to take the message: "OK" and the
 * message's reference (`smsRef`), which names it among several.
 */
export function renderSms({ message, client, publicBaseUrl }: RenderContext, variant: SmsVariant): string {
  const w = WORDS[client.locale];
  const who = callerWithNumber(message, client);
  const time = appointmentTime(message.createdAt, client.locale, client.timezone);
  const lead = message.urgent
    ? [
        variant === 'resend' ? w.reminder : '',
        variant === 'backup' ? w.urgentFor(client.name) : w.urgent,
        who,
      ]
        .filter(Boolean)
        .join(' – ')
    : `${variant === 'resend' ? `${w.reminder} – ` : ''}${w.messageOf(who)} ${w.at(time)}`;
  const head = `${lead}${w.colon} `;
  const tail = `. ${message.urgent ? `${w.takeIt(message.smsRef)} ` : ''}${messageUrl(publicBaseUrl, message.id)}`;
  const reason = toGsm7(
    (message.reason || w.noReason)
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[.!]+$/, ''),
  );
  const [headG, tailG] = [toGsm7(head), toGsm7(tail)];
  // Below MIN_REASON the reason would say nothing: then a second segment is the lesser evil.
  const room = Math.max(SMS_SEGMENT - gsmLength(headG + tailG), MIN_REASON);
  return headG + (message.urgent ? reason : shorten(reason, room)) + tailG;
}

/** Cuts a text to `room` septets, on a word boundary when possible, marking the cut with "..". */
export function shorten(text: string, room: number): string {
  if (gsmLength(text) <= room) return text;
  if (room <= 2) return '';
  let cut = '';
  for (const ch of text) {
    if (gsmLength(cut + ch) > room - 2) break;
    cut += ch;
  }
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${(atWord.length >= cut.length * 0.6 ? atWord : cut).trimEnd()}..`;
}

/** Cuts a text to at most `max` characters on a word boundary, marking the cut with "…". */
export function cutAtWord(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${(atWord || cut).replace(/[\s,;:.!?–—-]+$/u, '')}…`;
}

export type Email = { subject: string; text: string; html: string };

/** Room of the reason in an email subject, in characters. */
const SUBJECT_REASON = 80;

export function renderEmail({ message, client, publicBaseUrl, recordingUrl }: RenderContext): Email {
  const w = WORDS[client.locale];
  const caller = callerOf(message, client);
  const reasonPart = message.reason ? ` — ${cutAtWord(message.reason, SUBJECT_REASON)}` : '';
  const subject = `${message.urgent ? `${w.urgentSubject} ` : ''}${w.messageOf(caller)}${reasonPart}`;
  const rows: [string, string][] = [
    [w.receivedLabel, appointmentWhen(message.createdAt, client.locale, client.timezone)],
    [w.reason, message.reason || w.noReason],
    [w.callback, nationalPhone(message.callbackNumber || message.callerNumber, client)],
    [w.summary, message.summary],
  ];
  if (message.transcription) rows.push([w.transcription, message.transcription]);
  if (recordingUrl) rows.push([w.recording, recordingUrl]);
  rows.push([w.open, messageUrl(publicBaseUrl, message.id)]);
  const text = `${rows.map(([k, v]) => `${k}${w.colon} ${v}`).join('\n')}\n\n— ${client.name}\n`;
  const html = `<table>${rows
    .map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${linkify(v)}</td></tr>`)
    .join('')}</table><p>— ${escapeHtml(client.name)}</p>`;
  return { subject, text, html };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const linkify = (s: string) =>
  /^https?:\/\/\S+$/.test(s) ? `<a href="${escapeHtml(s)}">${escapeHtml(s)}</a>` : escapeHtml(s);

/** TwiML of the backup contact's call: the message, said twice in the client's language. */
export function renderCallTwiml({ message, client }: RenderContext, backupName: string): string {
  const fr = client.locale === 'fr-FR';
  const caller = message.callerName.trim() || (fr ? 'un appelant' : 'a caller');
  const callback = spokenPhone(
    message.callbackNumber || message.callerNumber,
    client.locale,
    clientCountry(client),
  );
  // Said aloud: "le mercredi 2 décembre à 14 h 05", never "31/03 01:30".
  const when = appointmentWhen(message.createdAt, client.locale, client.timezone);
  const text = fr
    ? `Bonjour ${backupName}. Message urgent pour ${client.name}. ${caller} a appelé le ${when}. Motif : ${message.reason || 'non précisé'}. Numéro de rappel : ${callback}.`
    : `Hello ${backupName}. Urgent message for ${client.name}. ${caller} called on ${when}. Reason: ${message.reason || 'not given'}. Callback number: ${callback}.`;
  const response = new twilio.twiml.VoiceResponse();
  const sayOptions = { language: client.locale, ...(client.voice ? { voice: client.voice } : {}) } as const;
  response.say(sayOptions as never, text);
  response.pause({ length: 1 });
  response.say(sayOptions as never, text);
  return response.toString();
}

/** JSON body of the signed outbound webhook. */
export function renderWebhookBody(
  { message, client, publicBaseUrl, recordingUrl }: RenderContext,
  event: 'message.created' | 'message.escalated',
  deliveryId: string,
): string {
  return JSON.stringify({
    event,
    deliveryId,
    client: { id: client.id, name: client.name },
    message: {
      id: message.id,
      callSid: message.callSid,
      callerName: message.callerName,
      callerNumber: message.callerNumber,
      callbackNumber: message.callbackNumber,
      reason: message.reason,
      urgent: message.urgent,
      summary: message.summary,
      transcription: message.transcription,
      recordingUrl: recordingUrl ?? null,
      createdAt: message.createdAt.toISOString(),
      url: messageUrl(publicBaseUrl, message.id),
    },
  });
}
