import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { entryFromBytes } from './memory-entry.js';
import { LineSplitter, readEntryLineBatches, readLines, type TextLine } from './line-reader.js';
import type { EncodingChoice, EncodingDetected } from '../types.js';

async function linesOf(
  bytes: Buffer,
  options: { chunkSize?: number; encoding?: 'utf8' | 'windows-1252' } = {},
): Promise<TextLine[]> {
  const size = options.chunkSize ?? bytes.length;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const out: TextLine[] = [];
  for await (const line of readLines(Readable.from(chunks), options.encoding ?? 'utf8')) out.push(line);
  return out;
}

const texts = (lines: TextLine[]) => lines.map((l) => l.text);

describe('line reader', () => {
  it('numbers lines from 1 and keeps empty lines', async () => {
    const lines = await linesOf(Buffer.from('a\n\nb\n'));
    expect(lines).toEqual([
      { line: 1, text: 'a', valid: true },
      { line: 2, text: '', valid: true },
      { line: 3, text: 'b', valid: true },
    ]);
  });

  it('strips CRLF line ends', async () => {
    expect(texts(await linesOf(Buffer.from('one\r\ntwo\r\nthree')))).toEqual(['one', 'two', 'three']);
  });

  it('returns a final line that has no newline', async () => {
    const lines = await linesOf(Buffer.from('first\nlast'));
    expect(lines.at(-1)).toEqual({ line: 2, text: 'last', valid: true });
  });

  it('drops a UTF-8 BOM, even when the first chunk is shorter than the BOM', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('x,y\nz\n')]);
    expect(texts(await linesOf(bytes))).toEqual(['x,y', 'z']);
    expect(texts(await linesOf(bytes, { chunkSize: 1 }))).toEqual(['x,y', 'z']);
  });

  it('gives the same lines whatever the chunk size (lines and characters split across chunks)', async () => {
    const text = 'Björk\r\nSigur Rós — Hoppípolla\n坂本龍一\n\nend';
    const whole = await linesOf(Buffer.from(text));
    for (const chunkSize of [1, 2, 3, 5, 7]) {
      expect(await linesOf(Buffer.from(text), { chunkSize })).toEqual(whole);
    }
    expect(texts(whole)).toEqual(['Björk', 'Sigur Rós — Hoppípolla', '坂本龍一', '', 'end']);
  });

  it('marks a line with Latin-1 bytes as invalid and decodes it as Latin-1; other lines stay valid', async () => {
    const bytes = Buffer.concat([
      Buffer.from('ok\n'),
      Buffer.from('Bj\xf6rk\n', 'latin1'),
      Buffer.from('Sigur Rós\n'),
    ]);
    for (const chunkSize of [bytes.length, 2]) {
      const lines = await linesOf(bytes, { chunkSize });
      expect(lines).toEqual([
        { line: 1, text: 'ok', valid: true },
        { line: 2, text: 'Björk', valid: false },
        { line: 3, text: 'Sigur Rós', valid: true },
      ]);
    }
  });

  it('reads every line as Windows-1252 when asked, 0x80–0x9F included', async () => {
    const lines = await linesOf(Buffer.from('Bj\xf6rk\nDon\x92t \x93Caf\xe9\x94\n', 'latin1'), {
      encoding: 'windows-1252',
    });
    expect(lines).toEqual([
      { line: 1, text: 'Björk', valid: true },
      { line: 2, text: 'Don’t “Café”', valid: true },
    ]);
  });

  it('yields nothing for an empty input', async () => {
    expect(await linesOf(Buffer.alloc(0))).toEqual([]);
    const splitter = new LineSplitter();
    expect(splitter.end()).toEqual([]);
  });
});

async function entryLines(
  bytes: Buffer,
  encoding: EncodingChoice,
  chunkSize = 64 * 1024,
): Promise<{ lines: TextLine[]; detected: EncodingDetected[] }> {
  const detected: EncodingDetected[] = [];
  const lines: TextLine[] = [];
  const entry = entryFromBytes('f.csv', bytes, { chunkSize });
  for await (const batch of readEntryLineBatches(entry, {
    encoding,
    onEncodingDetected: (d) => detected.push(d),
  }))
    lines.push(...batch);
  return { lines, detected };
}

describe('line reader, encoding detected', () => {
  const cp1252 = Buffer.from(
    'artist,track\nMot\xf6rhead,Ace\nBeyonc\xe9,Don\x92t\nSigur R\xf3s,x\n',
    'latin1',
  );

  it('reads a file that is Windows-1252 throughout as Windows-1252, and says so once', async () => {
    for (const chunkSize of [64 * 1024, 7, 1]) {
      const { lines, detected } = await entryLines(cp1252, 'auto', chunkSize);
      expect(texts(lines)).toEqual(['artist,track', 'Motörhead,Ace', 'Beyoncé,Don’t', 'Sigur Rós,x']);
      expect(lines.every((l) => l.valid)).toBe(true);
      expect(detected).toEqual([{ file: 'f.csv', encoding: 'windows-1252', line: 2 }]);
    }
  });

  it('finds Windows-1252 that starts far into the file, after the first chunk', async () => {
    const ascii = Array.from({ length: 5000 }, (_, i) => `Artist ${i},Track ${i}`).join('\n');
    const bytes = Buffer.concat([Buffer.from(ascii + '\n'), Buffer.from('Bj\xf6rk,J\xf3ga\n', 'latin1')]);
    const { lines, detected } = await entryLines(bytes, 'auto', 4096);
    expect(lines.at(-1)).toEqual({ line: 5001, text: 'Björk,Jóga', valid: true });
    expect(detected).toEqual([{ file: 'f.csv', encoding: 'windows-1252', line: 5001 }]);
  });

  it('keeps a UTF-8 file with a broken row as UTF-8: the row stays invalid, nothing is re-read', async () => {
    const bytes = Buffer.concat([
      Buffer.from('Björk,Jóga\n'),
      Buffer.from('Mot\xf6rhead,Ace\n', 'latin1'),
      Buffer.from('Sigur Rós,Hoppípolla\n'),
    ]);
    for (const chunkSize of [64 * 1024, 5]) {
      const { lines, detected } = await entryLines(bytes, 'auto', chunkSize);
      expect(lines.map((l) => [l.text, l.valid])).toEqual([
        ['Björk,Jóga', true],
        ['Motörhead,Ace', false],
        ['Sigur Rós,Hoppípolla', true],
      ]);
      expect(detected).toEqual([]);
    }
  });

  it('keeps UTF-8 when the UTF-8 text comes after the broken row', async () => {
    const bytes = Buffer.concat([
      Buffer.from('Mot\xf6rhead,Ace\n', 'latin1'),
      Buffer.from('Björk,Jóga\nSigur Rós,Hoppípolla\nBeyoncé,Halo\n'),
    ]);
    const { lines, detected } = await entryLines(bytes, 'auto');
    expect(lines.map((l) => l.valid)).toEqual([false, true, true, true]);
    expect(texts(lines).slice(1)).toEqual(['Björk,Jóga', 'Sigur Rós,Hoppípolla', 'Beyoncé,Halo']);
    expect(detected).toEqual([]);
  });

  it('an explicit utf8 keeps every Windows-1252 line invalid', async () => {
    const { lines, detected } = await entryLines(cp1252, 'utf8');
    expect(lines.map((l) => l.valid)).toEqual([true, false, false, false]);
    expect(detected).toEqual([]);
  });

  it('latin1 is read as Windows-1252 without detection', async () => {
    const { lines, detected } = await entryLines(cp1252, 'latin1');
    expect(texts(lines)[2]).toBe('Beyoncé,Don’t');
    expect(detected).toEqual([]);
  });
});
