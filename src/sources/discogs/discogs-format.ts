import { AppError } from '../../domain/errors.js';
import type { ParsedRecord } from '../../domain/listen.js';
import { toParsedRecord } from '../common/outcome.js';
import { rejectCsvItem } from '../common/parse-helpers.js';
import { readEntryCsv } from '../read/csv-reader.js';
import { headCsvRows } from '../read/sniff.js';
import type { Entry, ParseOptions, SourceFormat, Sniff } from '../types.js';
import { discogsLayoutOf, mapDiscogsRow, type DiscogsLayout } from './map-collection-row.js';

export function detectDiscogs(sniff: Sniff): number {
  const header = headCsvRows(sniff.head, ',', 1)[0];
  if (!header) return 0;
  const names = header.map((h) => h.trim().toLowerCase());
  const hasCatalog = names.includes('catalog#') || names.includes('catalognum');
  return hasCatalog && discogsLayoutOf(header) !== null ? 0.95 : 0;
}

async function* parseDiscogs(entry: Entry, options: ParseOptions): AsyncGenerator<ParsedRecord> {
  let layout: DiscogsLayout | null = null;
  for await (const item of readEntryCsv(entry, options)) {
    if (item.error !== undefined) {
      yield rejectCsvItem(entry, item);
      continue;
    }
    if (layout === null) {
      layout = discogsLayoutOf(item.fields);
      if (layout === null) {
        throw new AppError(
          'INVALID_INPUT',
          `${entry.path}: the first line is not a Discogs collection or wantlist header ` +
            `(expected Catalog#,Artist,Title,…,release_id); it has: ${item.fields.join(', ')}`,
        );
      }
      continue;
    }
    yield toParsedRecord(mapDiscogsRow(item.fields, layout), { file: entry.path, line: item.line }, item.raw);
  }
}

export const discogsCollectionFormat: SourceFormat = {
  name: 'discogs-collection-csv',
  source: 'discogs',
  title: 'Discogs collection or wantlist export (CSV with Catalog#,Artist,Title,…,release_id)',
  produces: 'collection',
  detect: detectDiscogs,
  parse: parseDiscogs,
};
