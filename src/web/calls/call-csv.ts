/** The call log as CSV: the same filter as the page, headers and kinds in the reader's language. */
import type { CallLogEntry } from '../../store/call-log';
import { callKindWords } from '../../domain/call-words';
import { formatPhone, spreadsheetDateTime } from '../format';
import { csvRow, csvStart } from '../csv';
import type { Lang } from '../i18n';
import type { CountryCode } from '../../domain/phone';

const HEADERS: Record<Lang, string[]> = {
  fr: [
    'Début (heure du client)',
    'Fuseau horaire',
    'Client',
    'Appelant',
    'Numéro',
    'Type d’appel',
    'Durée (s)',
    'Message (identifiant)',
    'Rendez-vous (identifiant)',
    'Appel (identifiant Twilio)',
  ],
  en: [
    'Started (client’s time)',
    'Time zone',
    'Client',
    'Caller',
    'Number',
    'Kind of call',
    'Duration (s)',
    'Message id',
    'Appointment id',
    'Twilio call id',
  ],
};

/** The BOM and the header line, in the reader's language and separator. */
export const callCsvStart = (lang: Lang): string => csvStart(lang, HEADERS[lang]);

type ClientInfo = { name: string; timezone: string; country: CountryCode | undefined };

export function callCsvLine(c: CallLogEntry, lang: Lang, client: ClientInfo | undefined): string {
  const zone = client?.timezone ?? 'Europe/Paris';
  return csvRow(lang, [
    spreadsheetDateTime(c.startedAt, lang, zone),
    zone,
    client?.name ?? '',
    c.callerName,
    formatPhone(c.from, client?.country),
    callKindWords(c, lang),
    c.durationSeconds ?? '',
    c.messageId ?? '',
    c.appointmentId ?? '',
    c.callSid,
  ]);
}
