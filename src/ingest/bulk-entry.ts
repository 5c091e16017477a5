import { isUtf8 } from 'node:buffer';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { deflateRaw } from 'node:zlib';
import { creditFromMapping } from '../domain/credit-mapping.js';
import { EARLIEST_LISTEN_MS } from '../domain/listen.js';
import { normaliseNames, type NormalisedNames } from '../domain/normalise.js';
import type { BulkNames, BulkPart, BulkTuple } from '../store/bulk-stage.js';
import type { BulkReading, Entry, SourceFormat } from '../sources/types.js';
import { checkNames, FUTURE_TOLERANCE_MS, MAX_DURATION_MS, MBID } from './validate.js';

/**
 * The bulk import of a file DuckDB can read itself (formats with `bulk`, sources/types.ts): DuckDB
 * reads and parses every line and does the per-row checks in SQL (store/sql/bulk/stage-rows.sql),
 * JavaScript checks and normalises each distinct combination of names once (here), and the writer
 * stores the rows chunk by chunk through the same duplicate decision as every listen
 * (ListenWriter.writeBatch's `bulk`). Records the SQL does not take (anything unusual) go through the
 * format's own JavaScript, line by line, so their rejects read as they always did.
 */

const deflate = promisify(deflateRaw);

/**
 * A file with a line longer than this is read by JavaScript: DuckDB's line reader has a bound (its
 * max_line_size, 2 MiB by default, whose read buffer it multiplies), and no listen is near it.
 */
export const MAX_BULK_LINE_BYTES = 1024 * 1024;

/** The bulk reading of an entry, when the format has one and DuckDB can read the entry as it is. */
export function bulkReadingOf(
  format: SourceFormat,
  entry: Entry,
  encoding: 'auto' | 'utf8' | 'latin1',
): (BulkReading & { file: string }) | null {
  if (!format.bulk || !entry.diskPath || encoding === 'latin1') return null;
  return { ...format.bulk, file: entry.diskPath };
}

/** Where a bulk-read file's blocks of lines start (bytes), for keeping its lines (`deflateBlocks`). */
export interface BulkScan {
  /** Byte offset of line 1 + k × blockLines, for every block; and the file's size last. */
  blockStarts: number[];
  blockLines: number;
  /** Lines in the file: a last line without a line feed counts. */
  lines: number;
}

/**
 * Whether DuckDB reads the file's lines as JavaScript does, and where its blocks of `blockLines`
 * lines start; null when it is not for DuckDB. DuckDB agrees when the file is UTF-8 throughout (a
 * byte that is not goes to JavaScript, which detects Windows-1252 or rejects the line), no line is
 * longer than MAX_BULK_LINE_BYTES, and its lines end alike: all in LF, or all in CR LF (DuckDB
 * reads a lone CR, or CR LF among LFs, as a line break of its own). One pass over the bytes:
 * `isUtf8` and `indexOf` are native and fast.
 */
export async function scanForBulk(
  file: string,
  blockLines: number,
  records: BulkReading['records'] = 'lines',
): Promise<BulkScan | null> {
  // A CSV record over two lines (a quoted field with a line break) is one record to JavaScript's
  // CSV reader and two lines to DuckDB's: such a file is read line by line in JavaScript.
  const quotes = records === 'csv-lines';
  const blockStarts = [0];
  let carry: Buffer = Buffer.alloc(0);
  /** Bytes before `carry`, lines ended before it, and how many of those ended in CR LF. */
  let offset = 0;
  let lines = 0;
  let crlf = 0;
  let cr = 0;
  for await (const chunk of createReadStream(file, {
    highWaterMark: 4 * 1024 * 1024,
  }) as AsyncIterable<Buffer>) {
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const end = data.lastIndexOf(0x0a) + 1;
    // Whole lines only: a character split between two reads is checked with the next one.
    if (end === 0) {
      if (data.length > MAX_BULK_LINE_BYTES) return null;
      carry = data;
      continue;
    }
    const region = data.subarray(0, end);
    if (!isUtf8(region)) return null;
    for (
      let at = 0, next = region.indexOf(0x0a);
      next !== -1;
      at = next + 1, next = region.indexOf(0x0a, at)
    ) {
      if (next - at > MAX_BULK_LINE_BYTES) return null;
      if (next > at && region[next - 1] === 0x0d) crlf++;
      if (quotes && !hasEvenQuotes(region, at, next)) return null;
      if (++lines % blockLines === 0) blockStarts.push(offset + next + 1);
    }
    for (let at = region.indexOf(0x0d); at !== -1; at = region.indexOf(0x0d, at + 1)) cr++;
    offset += end;
    carry = Buffer.from(data.subarray(end));
  }
  if (carry.length > MAX_BULK_LINE_BYTES || !isUtf8(carry) || carry.includes(0x0d)) return null;
  if (quotes && !hasEvenQuotes(carry, 0, carry.length)) return null;
  if (cr !== crlf || (crlf > 0 && crlf !== lines)) return null;
  const size = offset + carry.length;
  if (carry.length > 0) lines++;
  if (blockStarts[blockStarts.length - 1] === size) blockStarts.pop();
  blockStarts.push(size);
  return { blockStarts, blockLines, lines };
}

function hasEvenQuotes(bytes: Buffer, from: number, to: number): boolean {
  let even = true;
  for (let at = bytes.indexOf(0x22, from); at !== -1 && at < to; at = bytes.indexOf(0x22, at + 1))
    even = !even;
  return even;
}

/** The byte range of lines [from, to] (block-aligned at `from`) in the file. */
function partRange(scan: BulkScan, from: number, to: number): { start: number; end: number } {
  const first = Math.floor((from - 1) / scan.blockLines);
  const last = Math.min(Math.floor((to - 1) / scan.blockLines), scan.blockStarts.length - 2);
  return { start: scan.blockStarts[first]!, end: scan.blockStarts[last + 1]! };
}

/** Copies lines [from, to] of the file into `target`, streamed: the part DuckDB stages. */
export async function writePart(
  file: string,
  scan: BulkScan,
  range: { from: number; to: number },
  target: string,
): Promise<void> {
  const { start, end } = partRange(scan, range.from, range.to);
  if (end <= start) {
    await writeFile(target, '');
    return;
  }
  await pipeline(createReadStream(file, { start, end: end - 1 }), createWriteStream(target));
}

/**
 * The blocks of lines [from, to], deflated on Node's thread pool one after another (raw_blocks): what
 * the part keeps of its records. A block at a time keeps memory flat whatever the part's size.
 */
export async function deflateBlocks(
  file: string,
  scan: BulkScan,
  from: number,
  to: number,
): Promise<Uint8Array[]> {
  const { end } = partRange(scan, from, to);
  const blocks: Uint8Array[] = [];
  const handle = await open(file, 'r');
  try {
    for (let k = Math.floor((from - 1) / scan.blockLines); scan.blockStarts[k]! < end; k++) {
      const at = scan.blockStarts[k]!;
      const bytes = Buffer.alloc(scan.blockStarts[k + 1]! - at);
      await handle.read(bytes, 0, bytes.length, at);
      blocks.push(await deflate(bytes, { level: 1 }));
    }
  } finally {
    await handle.close();
  }
  return blocks;
}

/** What DuckDB is given to stage a part: the extraction and every constant the SQL checks with. */
export function bulkPart(
  reading: BulkReading,
  part: { file: string; firstLine: number },
  now: number,
): BulkPart {
  return {
    ...part,
    extraction: reading.sql,
    binds: {
      ...reading.binds,
      mbid: MBID.source,
      max_duration_ms: MAX_DURATION_MS,
      earliest_ms: EARLIEST_LISTEN_MS,
      latest_ms: now + FUTURE_TOLERANCE_MS,
    },
  };
}

/**
 * The tuples of a file's parts (its parts are staged one after another), checked and normalised as
 * validateListen and toListenRow do a listen's names — checkNames, then normaliseNames with the
 * source's credit and the artist MBIDs — or slow: names that fail or had control characters removed,
 * whose lines JavaScript then rejects or reports one by one, with their line numbers. Only the slow
 * ones are remembered between parts (they are few): a part's names are normalised again, which the
 * normaliser's own cache makes cheap, so memory stays flat however many names a file holds.
 */
export class TupleBook {
  readonly slow = new Set<bigint>();

  /** Settles a part's tuples: how each one's names are kept, by id. */
  settle(tuples: readonly BulkTuple[]): { names: Map<bigint, NormalisedNames>; stored: BulkNames[] } {
    const names = new Map<bigint, NormalisedNames>();
    const stored: BulkNames[] = [];
    for (const t of tuples) {
      // Two tuples of a part with one hash (64 bits) would be two rows here.
      if (names.has(t.id))
        throw new Error(
          `Two different names share a hash in a bulk import (${t.artist} – ${t.track}): import this file line by line (--batch-size 0).`,
        );
      if (this.slow.has(t.id)) continue;
      const checked = checkNames(t);
      if (!checked.ok || checked.cleaned) {
        this.slow.add(t.id);
        continue;
      }
      const mapping = t.creditJson === null ? null : { artists: JSON.parse(t.creditJson) as unknown };
      const n = normaliseNames({
        artist: checked.artist,
        track: checked.track,
        release: checked.release,
        credit: creditFromMapping(mapping, t.artist),
        artistMbids: t.artistMbids,
      });
      names.set(t.id, n);
      stored.push({ tupleId: t.id, artistCredit: n.artistCredit, track: n.track, release: n.release });
    }
    return { names, stored };
  }
}
