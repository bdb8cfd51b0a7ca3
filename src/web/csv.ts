/**
 * CSV for the reader's spreadsheet (RFC 4180 quoting, formula injection neutralised): French
 * readers get `;` (French Excel reads `,` as the decimal comma and puts a whole line in one cell),
 * English readers `,`; both get a UTF-8 BOM, without which Excel reads UTF-8 as Windows-1252
 * ("RÃ©sumÃ©"). Hand-written: csv-stringify's `escape_formulas` would put a quote before every
 * `+33…` phone number, which this guard spares; the quoting itself is one line.
 */
import type { Lang } from './i18n';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
const BOM = '\ufeff';

/** The separator a spreadsheet in the reader's language expects. */
export const csvSeparator = (lang: Lang): string => (lang === 'fr' ? ';' : ',');

/**
 * A cell a spreadsheet would run as a formula (=, @, +/- not followed by a digit) gets a leading
 * quote; a cell holding the separator, a quote or a line break is quoted.
 */
export function csvCellWith(value: unknown, separator: string): string {
  let s = String(value ?? '');
  if (/^[=@\t\r]/.test(s) || /^[+-](?![\d\s]*$)/.test(s)) s = `'${s}`;
  const quoted = s.includes(separator) || /["\r\n]/.test(s);
  return quoted ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A cell of a comma-separated line (kept for `.map(csvCell)` callers). */
export const csvCell = (value: unknown): string => csvCellWith(value, ',');

/** One line of cells, CRLF-terminated. */
export function csvRow(lang: Lang, cells: readonly unknown[]): string {
  const separator = csvSeparator(lang);
  return cells.map((c) => csvCellWith(c, separator)).join(separator) + '\r\n';
}

/** The start of a streamed document: the BOM and the header line. */
export function csvStart(lang: Lang, headers: readonly string[]): string {
  return BOM + csvRow(lang, headers);
}

/** A whole document, for exports small enough to build in memory. */
export function csvDocument(
  lang: Lang,
  headers: readonly string[],
  rows: readonly (readonly unknown[])[],
): string {
  return csvStart(lang, headers) + rows.map((r) => csvRow(lang, r)).join('');
}
