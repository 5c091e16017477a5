import { isUtf8 } from 'node:buffer';
import type { Entry } from '../types.js';
import {
  decodeEntryBatches,
  decodeWindows1252,
  type DecodeOptions,
  type DecodingSplitter,
  type TextEncoding,
} from './text-encoding.js';

/**
 * One line of text. `valid` is false when the bytes were not UTF-8 (then `text` is their ISO-8859-1
 * reading, byte for byte, so that the raw row keeps every byte).
 */
export interface TextLine {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly text: string;
  readonly valid: boolean;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * The reject message for a line that is not UTF-8; it names the two ways out. It cannot say the file
 * is Latin-1: without --encoding, a file that is Latin-1 throughout is read as such, so these lines are
 * broken bytes in a UTF-8 file, or the user asked for UTF-8.
 */
export function badEncodingMessage(line: number): string {
  return (
    `line ${line} is not valid UTF-8 (a Latin-1/Windows-1252 byte?): re-save the file as UTF-8, ` +
    'or run again with --encoding latin1 if the whole file is Latin-1/Windows-1252'
  );
}

export function hasUtf8Bom(buf: Uint8Array): boolean {
  return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
}

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * Splits a byte stream into lines, chunk by chunk, so memory stays flat whatever the file size.
 * Speed matters here (the JSONL importer runs at hundreds of thousands of lines a second): a chunk's
 * complete lines are validated with one `isUtf8` call and decoded with one `toString`, then split
 * as a string; only a chunk that holds bad bytes falls back to line-by-line decoding. The partial
 * last line of a chunk is carried over to the next one.
 */
export class LineSplitter implements DecodingSplitter<TextLine> {
  private carry: Buffer | null = null;
  private lineNo = 0;
  private atStart = true;
  sawNonAscii = false;
  firstInvalid: { line: number; afterNonAscii: boolean } | null = null;

  constructor(private readonly encoding: TextEncoding = 'utf8') {}

  copy(encoding: TextEncoding): LineSplitter {
    // The carry is never written to in place, so the copy may share it.
    const twin = new LineSplitter(encoding);
    twin.carry = this.carry;
    twin.lineNo = this.lineNo;
    twin.atStart = this.atStart;
    twin.sawNonAscii = this.sawNonAscii;
    twin.firstInvalid = this.firstInvalid;
    return twin;
  }

  push(input: Uint8Array): TextLine[] {
    const out: TextLine[] = [];
    let chunk = asBuffer(input);
    if (this.atStart) {
      // The BOM test needs three bytes; a stream may hand us fewer first.
      const head = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
      if (head.length < 3) {
        this.carry = Buffer.from(head);
        return out;
      }
      this.atStart = false;
      this.carry = null;
      // Stripped in Windows-1252 mode too: a UTF-8 BOM is never meant as the text "ï»¿".
      chunk = hasUtf8Bom(head) ? head.subarray(3) : head;
    }
    let start = 0;
    if (this.carry) {
      const nl = chunk.indexOf(NEWLINE);
      if (nl === -1) {
        this.carry = Buffer.concat([this.carry, chunk]);
        return out;
      }
      const joined = Buffer.concat([this.carry, chunk.subarray(0, nl)]);
      this.carry = null;
      this.emitOne(joined, out);
      start = nl + 1;
    }
    const last = chunk.lastIndexOf(NEWLINE);
    if (last >= start) {
      this.emitRegion(chunk, start, last, out);
      start = last + 1;
    }
    // Copied so that the carry does not pin the whole chunk in memory.
    if (start < chunk.length) this.carry = Buffer.from(chunk.subarray(start));
    return out;
  }

  /** Flushes the last line when the file does not end with a newline. */
  end(): TextLine[] {
    const out: TextLine[] = [];
    if (this.carry && this.carry.length > 0) {
      const rest = this.atStart && hasUtf8Bom(this.carry) ? this.carry.subarray(3) : this.carry;
      if (rest.length > 0) this.emitOne(rest, out);
    }
    this.carry = null;
    this.atStart = false;
    return out;
  }

  /** Lines in buf[start, end), where buf[end] is a newline. */
  private emitRegion(buf: Buffer, start: number, end: number, out: TextLine[]): void {
    const region = buf.subarray(start, end);
    const single = this.encoding === 'windows-1252';
    if (single || isUtf8(region)) {
      const text = single ? decodeWindows1252(region) : region.toString('utf8');
      if (!single && text.length !== region.length) this.sawNonAscii = true;
      let pos = 0;
      for (;;) {
        const nl = text.indexOf('\n', pos);
        let stop = nl === -1 ? text.length : nl;
        if (stop > pos && text.charCodeAt(stop - 1) === CARRIAGE_RETURN) stop -= 1;
        out.push({ line: ++this.lineNo, text: text.slice(pos, stop), valid: true });
        if (nl === -1) return;
        pos = nl + 1;
      }
    }
    let pos = start;
    for (;;) {
      let nl = buf.indexOf(NEWLINE, pos);
      if (nl === -1 || nl > end) nl = end;
      this.emitOne(buf.subarray(pos, nl), out);
      if (nl >= end) return;
      pos = nl + 1;
    }
  }

  private emitOne(bytes: Buffer, out: TextLine[]): void {
    const body =
      bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.subarray(0, -1) : bytes;
    const line = ++this.lineNo;
    if (this.encoding === 'windows-1252') {
      out.push({ line, text: decodeWindows1252(body), valid: true });
    } else if (isUtf8(body)) {
      const text = body.toString('utf8');
      if (text.length !== body.length) this.sawNonAscii = true;
      out.push({ line, text, valid: true });
    } else {
      this.firstInvalid ??= { line, afterNonAscii: this.sawNonAscii };
      out.push({ line, text: body.toString('latin1'), valid: false });
    }
  }
}

/** Lines in batches (one per chunk read): parsers use this to pay the async cost once per chunk, not per line. */
export async function* readLineBatches(
  source: AsyncIterable<Uint8Array>,
  encoding: TextEncoding = 'utf8',
): AsyncGenerator<TextLine[]> {
  const splitter = new LineSplitter(encoding);
  for await (const chunk of source) {
    const lines = splitter.push(chunk);
    if (lines.length > 0) yield lines;
  }
  const rest = splitter.end();
  if (rest.length > 0) yield rest;
}

export async function* readLines(
  source: AsyncIterable<Uint8Array>,
  encoding: TextEncoding = 'utf8',
): AsyncGenerator<TextLine> {
  for await (const batch of readLineBatches(source, encoding)) yield* batch;
}

/** The lines of an entry, in batches; with `encoding: 'auto'`, a Windows-1252 file is read as such. */
export function readEntryLineBatches(entry: Entry, options: DecodeOptions): AsyncGenerator<TextLine[]> {
  return decodeEntryBatches(entry, options, (encoding) => new LineSplitter(encoding));
}
