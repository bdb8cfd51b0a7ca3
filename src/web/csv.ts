/**
 * CSV lines of the export (RFC 4180 quoting, spreadsheet formula injection neutralised).
 * Hand-written: csv-stringify's `escape_formulas` would put a quote before every `+33…` phone number,
 * which this guard spares; the quoting itself is one line.
 */
import type { Message } from '../store/messages';

const COLUMNS = [
  'id',
  'received_at',
  'client',
  'caller_name',
  'caller_number',
  'callback_number',
  'reason',
  'urgent',
  'status',
  'summary',
  'transcription',
];
export const CSV_HEADER = COLUMNS.join(',') + '\r\n';

/** A cell a spreadsheet would run as a formula (=, @, +/- not followed by a digit) gets a leading quote. */
export function csvCell(value: unknown): string {
  let s = String(value ?? '');
  if (/^[=@\t\r]/.test(s) || /^[+-](?![\d\s]*$)/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(m: Message, clientName: string): string {
  return (
    [
      m.id,
      m.createdAt.toISOString(),
      clientName,
      m.callerName,
      m.callerNumber,
      m.callbackNumber,
      m.reason,
      m.urgent ? 'yes' : 'no',
      m.status,
      m.summary,
      m.transcription,
    ]
      .map(csvCell)
      .join(',') + '\r\n'
  );
}

// --- the call log's export (src/web/calls): any columns, the same cells and separator ---------
/** One CSV line of any cells, quoted and neutralised as `csvCell` does. */
export function csvRow(cells: unknown[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}
