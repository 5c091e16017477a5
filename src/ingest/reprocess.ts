import type { NormalisedNames } from '../domain/normalise.js';
import type { ListenDraft } from '../domain/listen.js';
import { formatByName } from '../sources/registry.js';
import type { FormatName } from '../sources/types.js';
import { toListenRow } from './listen-row.js';
import { validateListen } from './validate.js';

/**
 * A stored listen read again from what the user gave: its raw record (resolved from a bulk import's
 * block: store/raw-records.ts) through its format's own mapping, validation and normalisation, as
 * an import would read it today. What the catalogue issue's re-normalisation of the whole history
 * runs on: change a rule, re-process, compare. Formats whose records stand alone (JSON lines, JSON
 * array elements) re-process from the record; a CSV row needs its file's header, which a listen
 * does not keep, so those formats answer null.
 */
export function reprocessRecord(
  format: FormatName,
  raw: string,
  now: number,
): { draft: ListenDraft; names: NormalisedNames } | { rejected: string } | null {
  const bulk = formatByName(format)?.bulk;
  if (!bulk) return null;
  const record = bulk.mapText(raw, { file: 'stored', line: 1 });
  if (!record || record.kind !== 'listen') return { rejected: record ? record.kind : 'blank' };
  const checked = validateListen(record.listen, now);
  if (!checked.ok) return { rejected: checked.reason };
  const row = toListenRow(checked.listen, { userId: 0, source: '', format, importRunId: null, raw });
  return { draft: checked.listen, names: row.names };
}
