/**
 * The message export's columns in the reader's language: received in the client's local time with
 * the zone in its own column (a date cell the spreadsheet sorts, see spreadsheetDateTime), numbers
 * as the pages show them (national: `06 12 34 56 02` stays text, leading 0 kept), yes/no in words.
 */
import type { CountryCode } from '../domain/phone';
import type { Message } from '../store/messages';
import { DEFAULT_TIME_ZONE, formatPhone, spreadsheetDateTime } from './format';
import { texts, type Lang } from './i18n';
import { csvRow, csvStart } from './csv';

/** What a row needs of the message's client. */
export type CsvClient = { name: string; timezone: string; country: CountryCode | undefined };

export function messageCsvStart(lang: Lang): string {
  const c = texts(lang).csv;
  return csvStart(lang, [
    c.receivedAt,
    c.timeZone,
    c.client,
    c.callerName,
    c.callerNumber,
    c.callbackNumber,
    c.reason,
    c.urgent,
    c.status,
    c.summary,
    c.transcription,
    c.link,
  ]);
}

/** One message's line; `link` is the message page's address (the only way a message is named). */
export function messageCsvRow(lang: Lang, m: Message, client: CsvClient | undefined, link: string): string {
  const t = texts(lang);
  const zone = client?.timezone ?? DEFAULT_TIME_ZONE;
  const phone = (n: string) => (n ? formatPhone(n, client?.country) : '');
  return csvRow(lang, [
    spreadsheetDateTime(m.createdAt, lang, zone),
    zone,
    client?.name ?? '',
    m.callerName,
    phone(m.callerNumber),
    phone(m.callbackNumber),
    m.reason,
    m.urgent ? t.csv.yes : t.csv.no,
    t.statusNames[m.status],
    m.summary,
    m.transcription,
    link,
  ]);
}
