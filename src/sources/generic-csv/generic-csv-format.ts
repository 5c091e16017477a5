import { AppError } from '../../domain/errors.js';
import type { ParsedRecord } from '../../domain/listen.js';
import { toParsedRecord } from '../common/outcome.js';
import { rejectCsvItem } from '../common/parse-helpers.js';
import { readEntryCsv } from '../read/csv-reader.js';
import { headLines, readSniff } from '../read/sniff.js';
import type { Entry, ParseOptions, SourceFormat } from '../types.js';
import { genericLayoutOf, guessDelimiter, mapGenericRow, type GenericLayout } from './map-row.js';

async function* parseGenericCsv(entry: Entry, options: ParseOptions): AsyncGenerator<ParsedRecord> {
  const mapping = options.columns;
  if (!mapping) {
    throw new AppError(
      'INVALID_INPUT',
      `${entry.path}: the generic CSV importer needs a column mapping, e.g. --columns artist=Artist,track=Title,timestamp=Played At`,
    );
  }
  const delimiter = mapping.delimiter ?? guessDelimiter(headLines((await readSniff(entry)).head, 1)[0] ?? '');
  let layout: GenericLayout | null = null;
  for await (const item of readEntryCsv(entry, { ...options, delimiter })) {
    if (item.error !== undefined) {
      yield rejectCsvItem(entry, item);
      continue;
    }
    if (layout === null) {
      layout = genericLayoutOf(item.fields, mapping, entry.path);
      continue;
    }
    yield toParsedRecord(mapGenericRow(item.fields, layout), { file: entry.path, line: item.line }, item.raw);
  }
}

export const genericCsvFormat: SourceFormat = {
  name: 'generic-csv',
  source: 'csv',
  title: 'Any CSV/TSV with a header, read through a column mapping (--format generic-csv --columns …)',
  produces: 'listens',
  // Any table looks like a CSV: this format is only used when asked for by name or with a mapping.
  detect: () => 0,
  parse: parseGenericCsv,
};
