import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
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

/**
 * The bytes of lines [from, to] (block-aligned at `from`), read from the file: the part DuckDB stages,
 * and what the chunk keeps of its records.
 */
export async function readPart(file: string, scan: BulkScan, from: number, to: number): Promise<Buffer> {
  const first = Math.floor((from - 1) / scan.blockLines);
  const last = Math.min(Math.floor((to - 1) / scan.blockLines), scan.blockStarts.length - 2);
  const start = scan.blockStarts[first]!;
  const bytes = Buffer.alloc(scan.blockStarts[last + 1]! - start);
  const handle = await open(file, 'r');
  try {
    await handle.read(bytes, 0, bytes.length, start);
  } finally {
    await handle.close();
  }
  return bytes;
}

/** A part's blocks of lines, deflated on Node's thread pool (raw_blocks). */
export function deflateBlocks(part: Buffer, scan: BulkScan, from: number): Promise<Uint8Array[]> {
  const first = Math.floor((from - 1) / scan.blockLines);
  const base = scan.blockStarts[first]!;
  const blocks: Promise<Uint8Array>[] = [];
  for (let k = first; k < scan.blockStarts.length - 1 && scan.blockStarts[k]! - base < part.length; k++)
    blocks.push(
      deflate(part.subarray(scan.blockStarts[k]! - base, scan.blockStarts[k + 1]! - base), { level: 1 }),
    );
  return Promise.all(blocks);
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
 * The tuples of a file settled so far (its parts are staged one after another): checked and
 * normalised as validateListen and toListenRow do a listen's names — checkNames, then normaliseNames
 * with the source's credit and the artist MBIDs — or slow: names that fail or had control characters
 * removed, whose lines JavaScript then rejects or reports one by one, with their line numbers.
 */
export class TupleBook {
  readonly names = new Map<bigint, NormalisedNames>();
  readonly slow = new Set<bigint>();
  /** What each id stands for, to catch two tuples whose hashes agree. */
  private readonly keys = new Map<bigint, string>();

  /** Settles a part's tuples; returns how the new ones' names are stored. */
  settle(tuples: readonly BulkTuple[]): BulkNames[] {
    const stored: BulkNames[] = [];
    for (const t of tuples) {
      const key = JSON.stringify([t.artist, t.track, t.release, t.creditJson, t.artistMbids]);
      const known = this.keys.get(t.id);
      if (known !== undefined) {
        if (known !== key)
          throw new Error(
            `Two different names share a hash in the bulk import (${known} and ${key}): import this file line by line (LISTENHOUSE_BULK_IMPORT=off).`,
          );
        continue;
      }
      this.keys.set(t.id, key);
      const checked = checkNames(t);
      if (!checked.ok || checked.cleaned) {
        this.slow.add(t.id);
        continue;
      }
      const mapping = t.creditJson === null ? null : { artists: JSON.parse(t.creditJson) as unknown };
      const names = normaliseNames({
        artist: checked.artist,
        track: checked.track,
        release: checked.release,
        credit: creditFromMapping(mapping, t.artist),
        artistMbids: t.artistMbids,
      });
      this.names.set(t.id, names);
      stored.push({
        tupleId: t.id,
        artistCredit: names.artistCredit,
        track: names.track,
        release: names.release,
      });
    }
    return stored;
  }
}
