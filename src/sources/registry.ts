import { discogsCollectionFormat } from './discogs/discogs-format.js';
import { genericCsvFormat } from './generic-csv/generic-csv-format.js';
import { lastfm1kFormat } from './lastfm-1k/lastfm-1k-format.js';
import { lastfmCsvFormat, lastfmGhanCsvFormat } from './lastfm/lastfm-csv-format.js';
import { lastfmGhanJsonFormat, lastfmRecentTracksFormat } from './lastfm/lastfm-json-format.js';
import {
  listenBrainzArrayFormat,
  listenBrainzDumpFormat,
  listenBrainzJsonlFormat,
} from './listenbrainz/listenbrainz-format.js';
import { readSniff } from './read/sniff.js';

// Callers that import everything from the registry find the input opener here too.
export { openInputs } from './read/open-inputs.js';
import { spotifyAccountFormat, spotifyExtendedFormat } from './spotify/spotify-format.js';
import type { Entry, FormatName, Sniff, SourceFormat } from './types.js';

/** Every importable format, in the order `--help` lists them. */
export const FORMATS: readonly SourceFormat[] = [
  listenBrainzJsonlFormat,
  listenBrainzArrayFormat,
  listenBrainzDumpFormat,
  spotifyExtendedFormat,
  spotifyAccountFormat,
  lastfmCsvFormat,
  lastfmGhanCsvFormat,
  lastfmGhanJsonFormat,
  lastfmRecentTracksFormat,
  lastfm1kFormat,
  discogsCollectionFormat,
  genericCsvFormat,
];

/** Below this, detection says "unrecognised" rather than guess. */
export const MIN_CONFIDENCE = 0.5;

export function formatByName(name: string): SourceFormat | null {
  return FORMATS.find((f) => f.name === name) ?? null;
}

export function isFormatName(name: string): name is FormatName {
  return formatByName(name) !== null;
}

export interface FormatSummary {
  readonly name: FormatName;
  readonly source: SourceFormat['source'];
  readonly title: string;
  readonly produces: SourceFormat['produces'];
  /** False for formats used only when named (generic-csv). */
  readonly autoDetected: boolean;
}

/** For `--help` and the docs. */
export function listFormats(): FormatSummary[] {
  return FORMATS.map((f) => ({
    name: f.name,
    source: f.source,
    title: f.title,
    produces: f.produces,
    autoDetected: f !== genericCsvFormat,
  }));
}

export interface Detection {
  readonly format: SourceFormat;
  readonly confidence: number;
}

/**
 * Asks every format how sure it is from the content. The file name only breaks an exact tie between
 * the best candidates (a format whose namePattern matches wins); otherwise the list order decides.
 */
export function detectFromSniff(sniff: Sniff, formats: readonly SourceFormat[] = FORMATS): Detection | null {
  let best: Detection[] = [];
  let bestScore = 0;
  for (const format of formats) {
    let confidence = 0;
    try {
      confidence = format.detect(sniff);
    } catch {
      confidence = 0; // a detector that trips over odd content just does not claim it
    }
    if (confidence > bestScore) {
      bestScore = confidence;
      best = [{ format, confidence }];
    } else if (confidence === bestScore && confidence > 0) {
      best.push({ format, confidence });
    }
  }
  if (bestScore < MIN_CONFIDENCE || best.length === 0) return null;
  return best.find((d) => d.format.namePattern?.test(sniff.name)) ?? best[0]!;
}

/** Reads the first 64 KiB of the entry and detects its format; null when no format recognises it. */
export async function detectFormat(
  entry: Entry,
  options: { formats?: readonly SourceFormat[] } = {},
): Promise<Detection | null> {
  return detectFromSniff(await readSniff(entry), options.formats);
}
