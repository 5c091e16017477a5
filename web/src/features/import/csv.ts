/**
 * The rejected rows as a CSV file made in the browser (RFC 4180: comma-separated, CRLF between
 * records, a field quoted when it holds a comma, a quote, a line break or edge spaces; quotes
 * doubled). The raw row is kept exactly as the file had it, line breaks included.
 */
import type { Answer } from '../../api/client';

export type RejectedRow = Answer<'/api/imports/rejected'>['records'][number];

const COLUMNS = ['id', 'importRunId', 'file', 'line', 'status', 'reason', 'message', 'raw'] as const;

export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function rejectedToCsv(rows: readonly RejectedRow[]): string {
  const lines = [COLUMNS.join(',')];
  for (const row of rows) lines.push(COLUMNS.map((c) => csvField(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A file name for the download: `listenhouse-rejected-run-12.csv` (or several runs joined). */
export function csvFileName(runIds: readonly number[]): string {
  return `listenhouse-rejected-${runIds.length === 1 ? 'run' : 'runs'}-${runIds.join('-') || 'none'}.csv`;
}
