/**
 * What the ingest layer uses from the importers: open what the user pointed at, detect each entry's
 * format (or take the one named), and stream its ParsedRecords.
 */
export { openInputs } from './read/open-inputs.js';
export { entryFromBytes } from './read/memory-entry.js';
export { readSniff, sniffOf } from './read/sniff.js';
export { readLines, readLineBatches, badEncodingMessage, type TextLine } from './read/line-reader.js';
export { splitJsonArray, type JsonElement } from './read/json-array-splitter.js';
export { readCsvLines, readEntryCsv, type CsvItem } from './read/csv-reader.js';
export {
  FORMATS,
  MIN_CONFIDENCE,
  detectFormat,
  detectFromSniff,
  formatByName,
  isFormatName,
  listFormats,
  type Detection,
  type FormatSummary,
} from './registry.js';
export type { ColumnMapping, Entry, FormatName, ParseOptions, Sniff, SourceFormat } from './types.js';
