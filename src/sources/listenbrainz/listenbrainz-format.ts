import { readFileSync } from 'node:fs';
import { mapJsonElements, mapJsonLine, mapJsonLines } from '../common/parse-helpers.js';
import { isRecord } from '../common/values.js';
import { firstArrayElement, headJsonLines, startsWithChar } from '../read/sniff.js';
import type { BulkReading, SourceFormat, Sniff } from '../types.js';
import { mapListenBrainzListen, SPOTIFY_URL } from './map-listen.js';

type ListenShape = 'export' | 'dump';

/**
 * Which kind of ListenBrainz listen an object is, or null. A listen has `track_metadata` and a time:
 * `listened_at` (user export, API, old array export) or `timestamp` (public dumps). The other files of
 * a user export zip are not listens: user.json has no track_metadata, feedback.jsonl lines have a
 * `score`, and pinned recordings carry track_metadata but a pin time and blurb instead of a listen time.
 */
export function listenShapeOf(value: unknown): ListenShape | null {
  if (!isRecord(value) || !isRecord(value.track_metadata)) return null;
  if ('pinned_until' in value || 'blurb_content' in value || 'score' in value) return null;
  if ('timestamp' in value || 'ts_since_epoch' in value) return 'dump';
  if ('listened_at' in value) return 'export';
  return null;
}

function detectLines(sniff: Sniff, shape: ListenShape): number {
  if (!startsWithChar(sniff.head, '{')) return 0;
  const samples = headJsonLines(sniff.head);
  if (samples.length === 0) return 0;
  const matching = samples.filter((s) => listenShapeOf(s) === shape).length;
  return matching / samples.length >= 0.5 ? 0.95 : 0;
}

/** JSON lines as DuckDB reads them: see listenbrainz-lines.sql. */
const bulkLines: BulkReading = {
  records: 'lines',
  sql: readFileSync(new URL('listenbrainz-lines.sql', import.meta.url), 'utf8'),
  binds: { spotify_url: SPOTIFY_URL.source },
  mapText: (text, where) => mapJsonLine(text, where, mapListenBrainzListen),
};

export const listenBrainzJsonlFormat: SourceFormat = {
  name: 'listenbrainz-jsonl',
  source: 'listenbrainz',
  title: 'ListenBrainz export (JSON lines, e.g. listens/2024/6.jsonl in the export zip)',
  produces: 'listens',
  detect: (sniff) => detectLines(sniff, 'export'),
  parse: (entry, options) => mapJsonLines(entry, options, mapListenBrainzListen),
  bulk: bulkLines,
};

export const listenBrainzDumpFormat: SourceFormat = {
  name: 'listenbrainz-dump',
  source: 'listenbrainz',
  title: 'ListenBrainz public listens dump (listens/<year>/<month>.listens, JSON lines)',
  produces: 'listens',
  namePattern: /\.listens$/i,
  detect: (sniff) => detectLines(sniff, 'dump'),
  parse: (entry, options) => mapJsonLines(entry, options, mapListenBrainzListen),
  bulk: bulkLines,
};

export const listenBrainzArrayFormat: SourceFormat = {
  name: 'listenbrainz-array',
  source: 'listenbrainz',
  title: 'ListenBrainz export, older single JSON array (<user>_lb-YYYY-MM-DD.json)',
  produces: 'listens',
  namePattern: /_lb-\d{4}-\d{2}-\d{2}\.json$/i,
  detect: (sniff) => (listenShapeOf(firstArrayElement(sniff.head)) !== null ? 0.95 : 0),
  parse: (entry, options) => mapJsonElements(entry, options, mapListenBrainzListen),
};
