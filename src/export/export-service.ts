// Exports of a user's own listens: ListenBrainz JSON lines or CSV, written chunk by chunk from the
// store so a history of any size streams out in bounded memory. Shared by `listenhouse export` and
// GET /api/export/listens.
import type { Database } from '../store/database.js';
import { readListensToExport, type ExportWindow } from '../store/export-repository.js';
import { csvHeader, toCsvRow } from './csv-line.js';
import { toListenBrainzExport } from './listenbrainz-line.js';

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Listens read per query: enough to keep queries few, small enough to keep memory flat. */
const CHUNK_SIZE = 5_000;

export interface ExportOptions extends ExportWindow {
  format: ExportFormat;
  /** Called after each chunk with the number of listens written so far. */
  onProgress?: (written: number) => void;
  chunkSize?: number;
}

/**
 * The export as text chunks, oldest listen first; every line ends with a newline. CSV starts
 * with its header row, even when there is nothing to export.
 */
export async function* exportListens(db: Database, options: ExportOptions): AsyncGenerator<string> {
  if (options.format === 'csv') yield csvHeader() + '\n';
  let written = 0;
  const line =
    options.format === 'csv'
      ? toCsvRow
      : (l: Parameters<typeof toCsvRow>[0]) => JSON.stringify(toListenBrainzExport(l));
  for await (const chunk of readListensToExport(db, {
    userId: options.userId,
    ...(options.fromMs !== undefined ? { fromMs: options.fromMs } : {}),
    ...(options.toMs !== undefined ? { toMs: options.toMs } : {}),
    chunkSize: options.chunkSize ?? CHUNK_SIZE,
  })) {
    yield chunk.map(line).join('\n') + '\n';
    written += chunk.length;
    options.onProgress?.(written);
  }
}

/** The file name a download suggests: listenhouse-<user>-listens[-FROM][-TO].<format>. */
export function exportFileName(userName: string, format: ExportFormat, window: ExportWindow): string {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const range =
    (window.fromMs !== undefined ? `-from-${day(window.fromMs)}` : '') +
    (window.toMs !== undefined ? `-to-${day(window.toMs - 1)}` : '');
  const safe = userName.replace(/[^\p{L}\p{N}._-]/gu, '_');
  return `listenhouse-${safe}-listens${range}.${format}`;
}
