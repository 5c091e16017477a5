import { isAscii } from 'node:buffer';
import type { EncodingChoice, Entry, ParseOptions } from '../types.js';

/** How a reader decodes bytes once the encoding is settled. */
export type TextEncoding = 'utf8' | 'windows-1252';

export type DecodeOptions = Pick<ParseOptions, 'encoding' | 'onEncodingDetected'>;

export function fixedEncodingOf(choice: EncodingChoice): TextEncoding {
  return choice === 'latin1' ? 'windows-1252' : 'utf8';
}

/**
 * Windows-1252 differs from ISO-8859-1 only in 0x80–0x9F, where it has € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž
 * ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ instead of control characters. The five bytes it leaves undefined (0x81,
 * 0x8D, 0x8F, 0x90, 0x9D) stay the C1 controls of the same number, as in the WHATWG table.
 * Written out here because Node 20.18.3+ `TextDecoder('windows-1252')` decodes as ISO-8859-1
 * (nodejs/node#56542, #60888).
 */
const C1_TO_WINDOWS_1252 = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d,
  0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x9d, 0x017e, 0x0178,
].map((c) => String.fromCharCode(c));

const C1 = /[\u0080-\u009f]/g;

/** Text read byte for byte as ISO-8859-1 (`buf.toString('latin1')`), re-read as Windows-1252. */
export function windows1252FromLatin1(text: string): string {
  return text.replace(C1, (c) => C1_TO_WINDOWS_1252[c.charCodeAt(0) - 0x80]!);
}

export function decodeWindows1252(bytes: Buffer): string {
  return windows1252FromLatin1(bytes.toString('latin1'));
}

/**
 * Counts, over a whole byte stream, the multi-byte UTF-8 characters and the bytes that cannot be
 * UTF-8 (a byte that starts no sequence, or a sequence cut short). Strict UTF-8: no overlong forms,
 * no surrogates, nothing above U+10FFFF, like `isUtf8`.
 */
export class Utf8Census {
  multibyte = 0;
  invalid = 0;
  /** Continuation bytes still expected, and the range the next one must be in. */
  private need = 0;
  private lo = 0x80;
  private hi = 0xbf;

  push(bytes: Uint8Array): void {
    if (this.need === 0 && isAscii(bytes)) return;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (this.need > 0) {
        if (b >= this.lo && b <= this.hi) {
          this.lo = 0x80;
          this.hi = 0xbf;
          if (--this.need === 0) this.multibyte++;
          continue;
        }
        // The sequence broke off: its lead byte was not UTF-8; read this byte afresh.
        this.invalid++;
        this.need = 0;
        this.lo = 0x80;
        this.hi = 0xbf;
      }
      if (b < 0x80) continue;
      if (b >= 0xc2 && b <= 0xdf) this.need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        this.need = 2;
        if (b === 0xe0) this.lo = 0xa0;
        if (b === 0xed) this.hi = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        this.need = 3;
        if (b === 0xf0) this.lo = 0x90;
        if (b === 0xf4) this.hi = 0x8f;
      } else this.invalid++;
    }
  }

  end(): void {
    if (this.need > 0) this.invalid++;
    this.need = 0;
  }
}

/**
 * Whether bytes that are not all UTF-8 are single-byte text (Windows-1252) rather than UTF-8 with a
 * few broken rows. Windows-1252 text has no UTF-8 multi-byte characters, except the odd pair of
 * accented letter and punctuation that happens to form one ("É’" is the bytes of "ɒ"); a UTF-8
 * file with broken rows has many. So: single-byte when the invalid bytes outnumber the UTF-8
 * multi-byte characters twenty to one.
 */
export function isSingleByteText(census: Pick<Utf8Census, 'multibyte' | 'invalid'>): boolean {
  return census.invalid > 0 && census.multibyte * 20 < census.invalid;
}

/** Reads an entry once more, to the end, and counts what UTF-8 would make of it. */
export async function censusOfEntry(entry: Entry): Promise<Utf8Census> {
  const census = new Utf8Census();
  const stream = await entry.open();
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array>) census.push(chunk);
  } finally {
    stream.destroy();
  }
  census.end();
  return census;
}

/** A reader that cuts bytes into items (lines, JSON elements) and decodes them. */
export interface DecodingSplitter<T> {
  push(bytes: Uint8Array): T[];
  end(): T[];
  /** A copy in the same state that decodes with `encoding`: to read the same bytes again. */
  copy(encoding: TextEncoding): DecodingSplitter<T>;
  /** Whether any item so far was UTF-8 with characters beyond ASCII. */
  readonly sawNonAscii: boolean;
  /** The first item that was not UTF-8, and whether UTF-8 beyond ASCII came before it. */
  readonly firstInvalid: { readonly line: number; readonly afterNonAscii: boolean } | null;
}

/**
 * The items of an entry, in batches (one per chunk read). With `encoding: 'auto'` the entry is read
 * as UTF-8 until the first item that is not; then, when everything before it was ASCII and the whole
 * entry reads as single-byte text (`isSingleByteText`, which reads the entry once more), the chunk is
 * read again, and the rest of the entry, as Windows-1252. Nothing before that item needs reading
 * again: ASCII is the same in both. Text beyond ASCII that was valid UTF-8 settles it as UTF-8, so a
 * UTF-8 file with a few broken rows keeps them as `bad_encoding` rejects.
 */
export async function* decodeEntryBatches<T>(
  entry: Entry,
  options: DecodeOptions,
  make: (encoding: TextEncoding) => DecodingSplitter<T>,
): AsyncGenerator<T[]> {
  let splitter = make(fixedEncodingOf(options.encoding));
  let deciding = options.encoding === 'auto';
  const step = async (read: (s: DecodingSplitter<T>) => T[]): Promise<T[]> => {
    if (!deciding) return read(splitter);
    const before = splitter.copy('windows-1252');
    const items = read(splitter);
    const bad = splitter.firstInvalid;
    if (bad) {
      deciding = false;
      if (!bad.afterNonAscii && isSingleByteText(await censusOfEntry(entry))) {
        splitter = before;
        options.onEncodingDetected?.({ file: entry.path, encoding: 'windows-1252', line: bad.line });
        return read(splitter);
      }
    } else if (splitter.sawNonAscii) {
      deciding = false;
    }
    return items;
  };
  const stream = await entry.open();
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array>) {
      const items = await step((s) => s.push(chunk));
      if (items.length > 0) yield items;
    }
    const rest = await step((s) => s.end());
    if (rest.length > 0) yield rest;
  } finally {
    stream.destroy();
  }
}
