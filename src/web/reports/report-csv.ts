/**
 * The reports' CSVs: each chart's numbers (the chart module's own table), the per-client and the
 * per-assistant tables; headers in the reader's language, durations in seconds (a spreadsheet
 * sums and sorts numbers, not « 1 h 05 »), the file named after the period.
 */
import type { PeriodRange, Report } from '../../app/reports';
import { chartTable, type ReportChart } from '../../infra/report-charts';
import { csvDocument } from '../csv';
import { localeTag, type Lang } from '../i18n';
import type { ReportPageQuery } from './report-query';
import { sortClients } from './report-tables';

export const REPORT_TABLES = ['clients', 'assistants'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];
export type ReportCsv = ReportChart | ReportTable;

const FILE_NAMES: Record<Lang, Record<ReportCsv, string>> = {
  fr: {
    calls: 'appels',
    hours: 'heures',
    handling: 'traitement',
    clients: 'clients',
    assistants: 'assistants',
  },
  en: { calls: 'calls', hours: 'hours', handling: 'handling', clients: 'clients', assistants: 'assistants' },
};

/** `appels-2026-11-23_2026-11-29.csv`: what the file holds and the days it covers. */
export function csvFileName(csv: ReportCsv, period: PeriodRange, lang: Lang): string {
  const days = period.from === period.to ? period.from : `${period.from}_${period.to}`;
  return `${FILE_NAMES[lang][csv]}-${days}.csv`;
}

const CLIENT_HEADERS = (lang: Lang, olderThanDays: number): string[] =>
  lang === 'fr'
    ? [
        'Client',
        'Appels',
        'Messages',
        'Ouverts',
        `En retard (${olderThanDays} jours et plus)`,
        'Délai médian de traitement (s)',
        'Urgences non prises en compte',
      ]
    : [
        'Client',
        'Calls',
        'Messages',
        'Open',
        `Overdue (${olderThanDays} days or more)`,
        'Median time to handle (s)',
        'Urgent not acknowledged',
      ];

const ASSISTANT_HEADERS: Record<Lang, string[]> = {
  fr: ['Personne', 'Pris en charge', 'Traités', 'Délai médian de traitement (s)', 'Ouverts', 'En retard'],
  en: ['Person', 'Claimed', 'Handled', 'Median time to handle (s)', 'Open', 'Overdue'],
};

/** The whole CSV document (small: one row per bar, cell, client or person). */
export function reportCsv(csv: ReportCsv, report: Report, query: ReportPageQuery, lang: Lang): string {
  if (csv === 'clients') {
    const rows = sortClients(report.perClient, query.sort, query.dir).map(({ name, figures: f }) => [
      name,
      f.calls.total,
      f.messages.total,
      f.messages.open,
      f.openOlder,
      f.messages.medianHandleSeconds ?? '',
      f.urgent.unacknowledged,
    ]);
    return csvDocument(lang, CLIENT_HEADERS(lang, query.olderThanDays), rows);
  }
  if (csv === 'assistants') {
    const rows = report.assistants.map((a) => [
      a.name,
      a.claimed,
      a.handled,
      a.medianHandleSeconds ?? '',
      a.open,
      a.openOlder,
    ]);
    return csvDocument(lang, ASSISTANT_HEADERS[lang], rows);
  }
  const table = chartTable(csv, report.figures, localeTag(lang));
  return csvDocument(lang, table.header, table.rows);
}
