import { resolve } from 'node:path';
import { AppError } from '../domain/errors.js';
import { detectFormat, formatByName, openInputs } from '../sources/index.js';
import { describeEntries } from '../sources/read/open-inputs.js';
import type { Entry, FormatName, SourceFormat } from '../sources/types.js';

/** The entries of one input that one format reads: a zip of monthly files is one group, one report. */
export interface EntryGroup {
  format: SourceFormat;
  entries: Entry[];
}

export interface IgnoredEntry {
  entry: string;
  reason: string;
}

/** What one input (a file, a zip, a folder) holds, and which format reads each entry. */
export interface InputContents {
  entries: Entry[];
  /** In the order their first entry came. */
  groups: EntryGroup[];
  ignored: IgnoredEntry[];
  /** The user a ListenBrainz export's user.json names: its listens are theirs. */
  exportUser: string | null;
}

/**
 * Opens the input at `path` and names its entries (and so every file:line in the report) after
 * `display` (uploads are saved under a temporary name and shown as `upload:NAME`). Throws what
 * `openInputs` throws for an input that cannot be read.
 */
export async function openInput(path: string, display: string = path): Promise<Entry[]> {
  const entries = await openInputs(path);
  if (display === path) return entries;
  return entries.map((e) => ({
    ...e,
    path: e.path.startsWith(path) ? display + e.path.slice(path.length) : e.path,
  }));
}

/** Groups entries by the format that reads them: the one named (`--format`), or the one their content shows. */
export async function groupEntries(
  entries: readonly Entry[],
  format?: FormatName,
): Promise<Omit<InputContents, 'entries' | 'exportUser'>> {
  const groups = new Map<FormatName, EntryGroup>();
  const ignored: IgnoredEntry[] = [];
  const named = format ? formatByName(format) : null;
  for (const entry of entries) {
    const found = format ? named : (await detectFormat(entry))?.format;
    if (!found) {
      ignored.push({ entry: entry.path, reason: 'not a format listenhouse imports' });
      continue;
    }
    const group = groups.get(found.name) ?? { format: found, entries: [] };
    group.entries.push(entry);
    groups.set(found.name, group);
  }
  return { groups: [...groups.values()], ignored };
}

/** Opens, groups and finds the export's user in one go. */
export async function readInput(
  path: string,
  options: { display?: string; format?: FormatName } = {},
): Promise<InputContents> {
  const entries = await openInput(path, options.display ?? path);
  const { groups, ignored } = await groupEntries(entries, options.format);
  return { entries, groups, ignored, exportUser: await userNamedByExport(entries) };
}

/** The error of an input none of whose entries is a format listenhouse reads. */
export function unknownFormatError(display: string, entries: readonly Entry[]): AppError {
  return new AppError(
    'UNKNOWN_FORMAT',
    `${display}: could not recognise the format of ${describeEntries(display, entries)}. ` +
      'listenhouse reads ListenBrainz, Spotify, Last.fm, Last.fm 1K and Discogs exports by their content; ' +
      'for another CSV/TSV, map its columns with --columns (see `listenhouse import --help`), or name the format with --format.',
  );
}

/**
 * The account a ListenBrainz user export belongs to: its user.json names it (`username`). Null when
 * the input holds no such file or it cannot be read.
 */
export async function userNamedByExport(entries: readonly Entry[]): Promise<string | null> {
  const file = entries.find((e) => e.name === 'user.json' && e.size < 64 * 1024);
  if (!file) return null;
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of await file.open()) chunks.push(chunk as Buffer);
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const name = (value as Record<string, unknown>).username ?? (value as Record<string, unknown>).user_name;
    return typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
  } catch {
    return null;
  }
}

/**
 * How an import run and its rejected rows name an input: by absolute path, so a re-run from another
 * folder recognises them; virtual sources (`simulator:seed=42`, `upload:NAME`) keep their name.
 */
export function storedPathOf(path: string): string {
  return /^[a-z]+:[^/\\]/.test(path) ? path : resolve(path);
}
