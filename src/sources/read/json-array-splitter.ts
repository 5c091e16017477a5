import { isUtf8 } from 'node:buffer';
import type { Entry } from '../types.js';
import { badEncodingMessage, hasUtf8Bom } from './line-reader.js';
import {
  decodeEntryBatches,
  decodeWindows1252,
  type DecodeOptions,
  type DecodingSplitter,
  type TextEncoding,
} from './text-encoding.js';

export type JsonSplitError = 'malformed' | 'truncated' | 'bad_encoding' | 'not_array';

/** One element of the top-level array, with the line of its first character and its exact text. */
export type JsonElement =
  | { readonly line: number; readonly raw: string; readonly value: unknown; readonly error?: undefined }
  | { readonly line: number; readonly raw: string; readonly error: JsonSplitError; readonly message: string };

const enum State {
  /** Before the top-level value. */
  Top,
  /** Inside the top-level array, between elements. */
  Between,
  /** Inside an object, array or string element. */
  InElement,
  /** Inside a bare number/true/false/null element. */
  InScalar,
  /** After the top-level value closed. */
  After,
  Done,
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

function isSpace(b: number): boolean {
  return b === 0x20 || b === NEWLINE || b === 0x0d || b === 0x09;
}

const PREVIEW_CHARS = 200;

/**
 * Cuts a top-level JSON array into its elements as bytes arrive, without building the whole document:
 * Spotify files, the old ListenBrainz array export (hundreds of MB) and Last.fm page dumps. It tracks
 * strings, escapes and nesting itself because rejected rows need their exact text and line, which
 * streaming JSON libraries do not give. A top-level object counts as one element (a Last.fm page).
 *
 * It scans bytes, not decoded text: every structural character is ASCII and never occurs inside a
 * multi-byte UTF-8 sequence, and scanning bytes lets each element be checked for valid UTF-8 alone.
 * Line numbers count newlines outside strings (raw newlines inside strings are invalid JSON anyway).
 */
export class JsonArraySplitter implements DecodingSplitter<JsonElement> {
  private state = State.Top;
  private atStart = true;
  private startBytes: Buffer | null = null;
  private line = 1;
  private depth = 0;
  private inString = false;
  private escapePending = false;
  private topIsObject = false;
  private elementLine = 0;
  /** Pieces of the current element from earlier chunks. */
  private parts: Buffer[] = [];
  sawNonAscii = false;
  firstInvalid: { line: number; afterNonAscii: boolean } | null = null;

  constructor(private encoding: TextEncoding = 'utf8') {}

  copy(encoding: TextEncoding): JsonArraySplitter {
    // Every field is a value or a buffer that is never written to in place; only the list is copied.
    return Object.assign(new JsonArraySplitter(encoding), this, { encoding, parts: [...this.parts] });
  }

  push(input: Uint8Array): JsonElement[] {
    let buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    if (this.atStart) {
      // The BOM test needs three bytes; a stream may hand us fewer first.
      const head = this.startBytes ? Buffer.concat([this.startBytes, buf]) : buf;
      if (head.length < 3) {
        this.startBytes = Buffer.from(head);
        return [];
      }
      this.atStart = false;
      this.startBytes = null;
      buf = hasUtf8Bom(head) ? head.subarray(3) : head;
    }
    const out: JsonElement[] = [];
    const len = buf.length;
    let i = 0;
    // Where the current element starts in this chunk (0 when it began in an earlier chunk).
    let elementStart = 0;

    while (i < len) {
      switch (this.state) {
        case State.Top: {
          const b = buf[i]!;
          if (isSpace(b)) {
            if (b === NEWLINE) this.line++;
            i++;
          } else if (b === OPEN_BRACKET) {
            this.state = State.Between;
            i++;
          } else if (b === OPEN_BRACE) {
            this.topIsObject = true;
            this.state = State.InElement;
            this.depth = 1;
            this.elementLine = this.line;
            elementStart = i;
            i++;
          } else {
            const preview = buf.subarray(i, i + PREVIEW_CHARS).toString('utf8');
            out.push({
              line: this.line,
              raw: preview,
              error: 'not_array',
              message: `line ${this.line}: expected a JSON array or object, found ${JSON.stringify(preview.slice(0, 20))}`,
            });
            this.state = State.Done;
            i = len;
          }
          break;
        }
        case State.Between: {
          const b = buf[i]!;
          if (isSpace(b) || b === COMMA) {
            if (b === NEWLINE) this.line++;
            i++;
          } else if (b === CLOSE_BRACKET) {
            this.state = State.After;
            i++;
          } else {
            this.elementLine = this.line;
            elementStart = i;
            if (b === OPEN_BRACE || b === OPEN_BRACKET) {
              this.depth = 1;
              this.state = State.InElement;
              i++;
            } else if (b === QUOTE) {
              this.depth = 0;
              this.inString = true;
              this.state = State.InElement;
              i++;
            } else {
              this.state = State.InScalar;
              i++;
            }
          }
          break;
        }
        case State.InElement: {
          if (this.inString) {
            i = this.skipString(buf, i);
            if (this.inString) break; // the string goes on in the next chunk
            if (this.depth === 0) {
              out.push(this.finish(buf, elementStart, i));
              this.state = State.Between;
            }
            break;
          }
          const b = buf[i]!;
          i++;
          if (b === QUOTE) {
            this.inString = true;
          } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
            this.depth++;
          } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
            this.depth--;
            if (this.depth === 0) {
              out.push(this.finish(buf, elementStart, i));
              this.state = this.topIsObject ? State.After : State.Between;
            }
          } else if (b === NEWLINE) {
            this.line++;
          }
          break;
        }
        case State.InScalar: {
          const b = buf[i]!;
          if (b === COMMA || b === CLOSE_BRACKET || isSpace(b)) {
            out.push(this.finish(buf, elementStart, i));
            this.state = State.Between; // the delimiter is handled there
          } else {
            i++;
          }
          break;
        }
        case State.After: {
          const b = buf[i]!;
          if (isSpace(b)) {
            if (b === NEWLINE) this.line++;
            i++;
          } else {
            const preview = buf.subarray(i, i + PREVIEW_CHARS).toString('utf8');
            out.push({
              line: this.line,
              raw: preview,
              error: 'malformed',
              message: `line ${this.line}: unexpected text after the end of the JSON document`,
            });
            this.state = State.Done;
            i = len;
          }
          break;
        }
        case State.Done:
          i = len;
          break;
      }
    }
    if (this.state === State.InElement || this.state === State.InScalar) {
      this.parts.push(buf.subarray(elementStart, len));
    }
    return out;
  }

  /** Call at the end of the input: reports an element or array cut short. */
  end(): JsonElement[] {
    const out: JsonElement[] = [];
    if (this.startBytes) {
      // A document of one or two bytes: scan it now.
      const bytes = this.startBytes;
      this.startBytes = null;
      this.atStart = false;
      out.push(...this.push(bytes));
    }
    if (this.state === State.InScalar) {
      // A bare scalar at the very end is complete as text, but the array was never closed.
      out.push(this.finish(Buffer.alloc(0), 0, 0));
      this.state = State.Between;
    }
    if (this.state === State.InElement) {
      const raw = this.decode(Buffer.concat(this.parts), this.elementLine).text;
      this.parts = [];
      out.push({
        line: this.elementLine,
        raw,
        error: 'truncated',
        message: `line ${this.elementLine}: the file ends inside this record (truncated download or copy?)`,
      });
    } else if (this.state === State.Between) {
      out.push({
        line: this.line,
        raw: '',
        error: 'truncated',
        message: `line ${this.line}: the file ends before the JSON array is closed (truncated download or copy?)`,
      });
    }
    this.state = State.Done;
    return out;
  }

  /** Advances past string content; returns the index after the closing quote, or len when it continues. */
  private skipString(buf: Buffer, from: number): number {
    const len = buf.length;
    let i = from;
    if (this.escapePending) {
      this.escapePending = false;
      i++; // the escaped character; the previous chunk ended in its backslash
    }
    for (;;) {
      if (i >= len) return len;
      const q = buf.indexOf(QUOTE, i);
      if (q === -1) {
        let run = 0;
        for (let k = len - 1; k >= i && buf[k] === BACKSLASH; k--) run++;
        this.escapePending = run % 2 === 1;
        return len;
      }
      let run = 0;
      for (let k = q - 1; k >= i && buf[k] === BACKSLASH; k--) run++;
      if (run % 2 === 1) {
        i = q + 1;
        continue;
      }
      this.inString = false;
      return q + 1;
    }
  }

  private finish(buf: Buffer, start: number, end: number): JsonElement {
    const tail = buf.subarray(start, end);
    let bytes = tail;
    if (this.parts.length > 0) {
      this.parts.push(tail);
      bytes = Buffer.concat(this.parts);
      this.parts = [];
    }
    const line = this.elementLine;
    const { text, valid } = this.decode(bytes, line);
    if (!valid) {
      return {
        line,
        raw: text,
        error: 'bad_encoding',
        message: badEncodingMessage(line),
      };
    }
    try {
      return { line, raw: text, value: JSON.parse(text) as unknown };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      return { line, raw: text, error: 'malformed', message: `line ${line}: not valid JSON (${reason})` };
    }
  }

  private decode(bytes: Buffer, line: number): { text: string; valid: boolean } {
    if (this.encoding === 'windows-1252') return { text: decodeWindows1252(bytes), valid: true };
    if (isUtf8(bytes)) {
      const text = bytes.toString('utf8');
      if (text.length !== bytes.length) this.sawNonAscii = true;
      return { text, valid: true };
    }
    this.firstInvalid ??= { line, afterNonAscii: this.sawNonAscii };
    // Byte for byte, so that the raw row keeps every byte.
    return { text: bytes.toString('latin1'), valid: false };
  }
}

/** Elements in batches (one per chunk read). */
export async function* splitJsonArrayBatches(
  source: AsyncIterable<Uint8Array>,
  encoding: TextEncoding = 'utf8',
): AsyncGenerator<JsonElement[]> {
  const splitter = new JsonArraySplitter(encoding);
  for await (const chunk of source) {
    const elements = splitter.push(chunk);
    if (elements.length > 0) yield elements;
  }
  const rest = splitter.end();
  if (rest.length > 0) yield rest;
}

export async function* splitJsonArray(
  source: AsyncIterable<Uint8Array>,
  encoding: TextEncoding = 'utf8',
): AsyncGenerator<JsonElement> {
  for await (const batch of splitJsonArrayBatches(source, encoding)) yield* batch;
}

/**
 * The elements of an entry's top-level JSON array (or its single top-level object), in batches; with
 * `encoding: 'auto'`, a Windows-1252 file is read as such.
 */
export function readEntryJsonBatches(entry: Entry, options: DecodeOptions): AsyncGenerator<JsonElement[]> {
  return decodeEntryBatches(entry, options, (encoding) => new JsonArraySplitter(encoding));
}
