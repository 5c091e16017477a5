import { isUtf8 } from 'node:buffer';
import type { Entry, ParseOptions } from '../types.js';

export type TextEncoding = ParseOptions['encoding'];

/** One line of text. `valid` is false when the bytes were not UTF-8 (then `text` is their Latin-1 reading). */
export interface TextLine {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly text: string;
  readonly valid: boolean;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** The reject message for a line that is not UTF-8; it names the two ways out. */
export function badEncodingMessage(line: number): string {
  return (
    `line ${line} is not valid UTF-8 (the file looks like Latin-1/Windows-1252): ` +
    're-save the file as UTF-8 or run again with --encoding latin1'
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
export class LineSplitter {
  private carry: Buffer | null = null;
  private lineNo = 0;
  private atStart = true;

  constructor(private readonly encoding: TextEncoding = 'utf8') {}

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
      // Stripped in latin1 mode too: a UTF-8 BOM is never meant as the text "ï»¿".
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
    if (this.encoding === 'latin1' || isUtf8(region)) {
      const text = region.toString(this.encoding === 'latin1' ? 'latin1' : 'utf8');
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
    if (this.encoding === 'latin1') {
      out.push({ line, text: body.toString('latin1'), valid: true });
    } else if (isUtf8(body)) {
      out.push({ line, text: body.toString('utf8'), valid: true });
    } else {
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

/** The lines of an entry, in batches. */
export async function* readEntryLineBatches(
  entry: Entry,
  encoding: TextEncoding,
): AsyncGenerator<TextLine[]> {
  const stream = await entry.open();
  try {
    yield* readLineBatches(stream as AsyncIterable<Uint8Array>, encoding);
  } finally {
    stream.destroy();
  }
}
