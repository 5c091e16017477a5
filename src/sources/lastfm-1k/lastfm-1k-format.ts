import type { ParsedRecord } from '../../domain/listen.js';
import { mapTextLines } from '../common/parse-helpers.js';
import { headLines } from '../read/sniff.js';
import type { Entry, ParseOptions, SourceFormat, Sniff } from '../types.js';
import { mapLastfm1kRow } from './map-row.js';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export function detectLastfm1k(sniff: Sniff): number {
  const lines = headLines(sniff.head, 20);
  if (lines.length === 0) return 0;
  const matching = lines.filter((line) => {
    const fields = line.split('\t');
    return fields.length === 6 && ISO_UTC.test(fields[1]!);
  }).length;
  return matching / lines.length >= 0.9 ? 0.95 : 0;
}

function parseLastfm1k(entry: Entry, options: ParseOptions): AsyncGenerator<ParsedRecord> {
  return mapTextLines(entry, options, (text) => mapLastfm1kRow(text.split('\t')));
}

export const lastfm1kFormat: SourceFormat = {
  name: 'lastfm-1k-tsv',
  source: 'lastfm-1k',
  title: 'Last.fm 1K users research data set (userid-timestamp-artid-artname-traid-traname.tsv)',
  produces: 'listens',
  namePattern: /^userid-timestamp-artid-artname-traid-traname/i,
  detect: detectLastfm1k,
  parse: parseLastfm1k,
};
