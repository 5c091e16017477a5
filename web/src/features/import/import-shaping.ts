/** What the Import page shows of a job, its report and the past runs: pure, so it is unit-tested. */
import type { Answer } from '../../api/client';
import type { components, paths } from '../../api/schema';

export type ImportJob = components['schemas']['ImportJob'];
export type ImportReport = components['schemas']['ImportReport'];
export type FileReport = components['schemas']['FileReport'];
export type ImportRun = Answer<'/api/imports'>['runs'][number];
export type UndoAnswer =
  paths['/api/imports/{id}']['delete']['responses'][200]['content']['application/json'];
export type UndoCounts = UndoAnswer['preview'];

/** The formats the server reads, as the upload's `format` field names them, with what to call them. */
type UploadSettings = paths['/api/imports/local']['post']['requestBody']['content']['application/json'];
export type FormatName = NonNullable<UploadSettings['format']>;

export const FORMAT_LABELS: Readonly<Record<FormatName, string>> = {
  'spotify-extended': 'Spotify extended streaming history',
  'spotify-account': 'Spotify account data (StreamingHistory)',
  'lastfm-csv': 'Last.fm CSV (lastfm-to-csv)',
  'lastfm-ghan-csv': 'Last.fm CSV (lastfm.ghan.nl)',
  'lastfm-ghan-json': 'Last.fm JSON (lastfm.ghan.nl)',
  'lastfm-recenttracks': 'Last.fm API pages (recenttracks)',
  'lastfm-1k-tsv': 'Last.fm 1K data set (TSV)',
  'listenbrainz-jsonl': 'ListenBrainz export (JSON lines)',
  'listenbrainz-array': 'ListenBrainz export (JSON array)',
  'listenbrainz-dump': 'ListenBrainz listens dump',
  'discogs-collection-csv': 'Discogs collection or wantlist (CSV)',
  'generic-csv': 'Any CSV/TSV, with a column mapping',
};

export function isFinished(job: Pick<ImportJob, 'status'> | undefined): boolean {
  return job?.status === 'completed' || job?.status === 'failed';
}

/** Share of the upload's bytes read (0–1), or null while the size is unknown. */
export function progressOf(job: Pick<ImportJob, 'status' | 'progress'>): number | null {
  if (isFinished(job)) return 1;
  const { bytesRead, totalBytes } = job.progress;
  if (totalBytes <= 0) return null;
  return Math.min(1, Math.max(0, bytesRead / totalBytes));
}

export interface ReasonCount {
  status: 'skipped' | 'rejected' | 'cleaned';
  reason: string;
  count: number;
  /** The first example the report gives for it ("file:line: message"), if any. */
  example: string | null;
}

const STATUS_ORDER = { rejected: 0, skipped: 1, cleaned: 2 } as const;

/** The report's rows left out or cleaned, by status and reason over all files, most frequent first. */
export function reasonsOf(report: Pick<ImportReport, 'files'>): ReasonCount[] {
  const counts = new Map<string, ReasonCount>();
  for (const file of report.files) {
    for (const status of ['rejected', 'skipped', 'cleaned'] as const) {
      for (const [reason, n] of Object.entries(file[status])) {
        const key = `${status}\u0000${reason}`;
        const seen = counts.get(key) ?? { status, reason, count: 0, example: null };
        seen.count += n;
        if (seen.example === null) {
          const e = file.examples.find((x) => x.status === status && x.reason === reason);
          if (e) seen.example = `${e.where}: ${e.message}`;
        }
        counts.set(key, seen);
      }
    }
  }
  return [...counts.values()].sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      b.count - a.count ||
      a.reason.localeCompare(b.reason),
  );
}

/** The import runs a report wrote (one per file imported); none for a dry run. */
export function runIdsOf(report: Pick<ImportReport, 'files'>): number[] {
  return [...new Set(report.files.flatMap((f) => (f.importRunId === null ? [] : [f.importRunId])))];
}

/** A reason code as words: `too_short` → "too short". */
export function reasonText(reason: string): string {
  return reason.replace(/_/g, ' ');
}

/** A run can be undone once it has finished and was not undone before. */
export function canUndo(run: Pick<ImportRun, 'status'>): boolean {
  return run.status !== 'running' && run.status !== 'deleted';
}

/** The upload as multipart form data: the settings first (the server reads them before the files). */
export function uploadForm(
  files: readonly File[],
  settings: {
    user?: string;
    format?: FormatName;
    columns?: string;
    encoding?: 'utf8' | 'latin1';
    dryRun: boolean;
  },
): FormData {
  const form = new FormData();
  if (settings.user) form.append('user', settings.user);
  if (settings.format) form.append('format', settings.format);
  if (settings.columns) form.append('columns', settings.columns);
  if (settings.encoding) form.append('encoding', settings.encoding);
  form.append('dryRun', settings.dryRun ? 'true' : 'false');
  for (const file of files) form.append('file', file, file.name);
  return form;
}

/** A size in the browser's locale: "512 B", "3.7 MB" (decimal units, as file managers show them). */
export function formatBytes(bytes: number, locale?: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[i],
    unitDisplay: 'short',
    maximumFractionDigits: i === 0 ? 0 : 1,
  }).format(value);
}
