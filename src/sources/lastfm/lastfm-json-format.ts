import type { ParsedRecord } from '../../domain/listen.js';
import { toParsedRecord } from '../common/outcome.js';
import { rejectElement } from '../common/parse-helpers.js';
import { isRecord } from '../common/values.js';
import { readEntryJsonBatches } from '../read/json-array-splitter.js';
import { firstArrayElement, startsWithChar } from '../read/sniff.js';
import type { Entry, ParseOptions, SourceFormat, Sniff } from '../types.js';
import { scrobblesOfElement } from './map-scrobble.js';

/**
 * Every Last.fm JSON shape goes through one parser; the two formats differ only in what detection
 * recognises. A page's tracks all carry the line of the page (the splitter cuts at the top level).
 */
async function* parseLastfmJson(entry: Entry, options: ParseOptions): AsyncGenerator<ParsedRecord> {
  for await (const batch of readEntryJsonBatches(entry, options)) {
    for (const element of batch) {
      if (element.error !== undefined) {
        yield rejectElement(entry, element);
        continue;
      }
      const where = { file: entry.path, line: element.line };
      for (const scrobble of scrobblesOfElement(element.value)) {
        yield toParsedRecord(scrobble.outcome, where, scrobble.raw ?? element.raw);
      }
    }
  }
}

function isPage(value: unknown): boolean {
  return (
    isRecord(value) && (isRecord(value.recenttracks) || Array.isArray(value.track) || isRecord(value.track))
  );
}

const PAGE_OBJECT_START = /^\s*\{\s*"recenttracks"\s*:/;
/** A page array whose first page is too large for the head: its first key opens the track list or attributes. */
const PAGE_ARRAY_START = /^\s*\[\s*\{\s*("recenttracks"\s*:|"track"\s*:\s*[[{]|"@attr"\s*:)/;

/** `user.getRecentTracks` responses: one page object, an array of them, or an array of bare pages. */
export function detectRecentTracks(sniff: Sniff): number {
  const head = sniff.head;
  if (startsWithChar(head, '{')) return PAGE_OBJECT_START.test(head) ? 0.95 : 0;
  if (!startsWithChar(head, '[')) return 0;
  const first = firstArrayElement(head);
  if (first !== undefined) return isPage(first) ? 0.95 : 0;
  return PAGE_ARRAY_START.test(head) ? 0.9 : 0;
}

function isScrobbleObject(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if ('uts' in value && ('artist' in value || 'track' in value)) return true;
  return 'artist' in value && 'name' in value && ('date' in value || '@attr' in value);
}

/**
 * lastfm.ghan.nl JSON: formats.md does not pin its shape down. Koito's importer reads it as an array
 * of bare pages (detected as recent tracks above); this format takes the flat shapes: an array of
 * objects with the CSV's keys, an array of recent-track objects, or an array of such arrays.
 */
export function detectGhanJson(sniff: Sniff): number {
  const first = firstArrayElement(sniff.head);
  if (isScrobbleObject(first)) return 0.9;
  if (Array.isArray(first) && isScrobbleObject(first[0])) return 0.9;
  return 0;
}

export const lastfmRecentTracksFormat: SourceFormat = {
  name: 'lastfm-recenttracks',
  source: 'lastfm',
  title:
    'Last.fm user.getRecentTracks JSON pages (one page, or an array of pages as Koito and ghan.nl save them)',
  produces: 'listens',
  detect: detectRecentTracks,
  parse: parseLastfmJson,
};

export const lastfmGhanJsonFormat: SourceFormat = {
  name: 'lastfm-ghan-json',
  source: 'lastfm',
  title: 'Last.fm scrobbles from lastfm.ghan.nl/export, JSON (an array of scrobbles)',
  produces: 'listens',
  detect: detectGhanJson,
  parse: parseLastfmJson,
};
