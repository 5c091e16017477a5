import { mapJsonElements } from '../common/parse-helpers.js';
import { isRecord } from '../common/values.js';
import { firstArrayElement, startsWithChar } from '../read/sniff.js';
import type { Entry, ParseOptions, SourceFormat, Sniff } from '../types.js';
import { DEFAULT_MIN_PLAYED_MS, mapAccountRow, mapExtendedRow } from './map-streaming-history.js';

/**
 * Video plays come in their own files with the same row shape as audio plays, so the file name is the
 * only thing that tells them apart: this is the one place where a parser reads the name.
 */
export function isVideoHistoryFile(name: string): boolean {
  return /video/i.test(name);
}

function detectRows(sniff: Sniff, keys: readonly string[], fallback: RegExp): number {
  if (!startsWithChar(sniff.head, '[')) return 0;
  const first = firstArrayElement(sniff.head);
  if (isRecord(first)) return keys.every((k) => k in first) ? 0.95 : 0;
  // The first row did not fit or parse: fall back on the keys near the start.
  return fallback.test(sniff.head.slice(0, 4096)) ? 0.7 : 0;
}

export const spotifyExtendedFormat: SourceFormat = {
  name: 'spotify-extended',
  source: 'spotify',
  title: 'Spotify extended streaming history (Streaming_History_Audio_*.json, endsong_*.json)',
  produces: 'listens',
  namePattern: /^(Streaming_History_(Audio|Video)_.*|endsong_\d+|endvideo)\.json$/i,
  detect: (sniff) => detectRows(sniff, ['ts', 'ms_played'], /^\s*\[\s*\{[^}]*"ts"\s*:[^}]*"ms_played"\s*:/),
  parse: (entry: Entry, options: ParseOptions) => {
    const rowOptions = {
      minPlayedMs: options.minPlayedMs ?? DEFAULT_MIN_PLAYED_MS,
      isVideoFile: isVideoHistoryFile(entry.name),
    };
    return mapJsonElements(entry, options, (value) => mapExtendedRow(value, rowOptions));
  },
};

export const spotifyAccountFormat: SourceFormat = {
  name: 'spotify-account',
  source: 'spotify',
  title: 'Spotify account-data history (StreamingHistory*.json; minute precision, no track ids)',
  produces: 'listens',
  namePattern: /^StreamingHistory(_music_|_podcast_)?\d+\.json$/i,
  detect: (sniff) =>
    detectRows(sniff, ['endTime', 'msPlayed'], /^\s*\[\s*\{[^}]*"endTime"\s*:[^}]*"msPlayed"\s*:/),
  parse: (entry: Entry, options: ParseOptions) => {
    const rowOptions = { minPlayedMs: options.minPlayedMs ?? DEFAULT_MIN_PLAYED_MS };
    return mapJsonElements(entry, options, (value) => mapAccountRow(value, rowOptions));
  },
};
