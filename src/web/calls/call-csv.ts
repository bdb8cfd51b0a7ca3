/** The call log as CSV: the same filter as the page, headers and kinds in the reader's language. */
import type { CallLogEntry } from '../../store/call-log';
import { callKindWords } from '../../domain/call-words';
import { formatPhone } from '../format';
import { csvRow } from '../csv';
import type { Lang } from '../i18n';
import type { CountryCode } from '../../domain/phone';
import { instantToLocal } from '../../domain/zoned-time';

const HEADERS: Record<Lang, string[]> = {
  fr: [
    'Début (heure du client)',
    'Fuseau',
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

export const callCsvHeader = (lang: Lang): string => csvRow(HEADERS[lang]);

type ClientInfo = { name: string; timezone: string; country: CountryCode | undefined };

export function callCsvLine(c: CallLogEntry, lang: Lang, client: ClientInfo | undefined): string {
  const zone = client?.timezone ?? 'Europe/Paris';
  return csvRow([
    instantToLocal(c.startedAt, zone).replace('T', ' ').slice(0, 19),
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
