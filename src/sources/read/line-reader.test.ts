import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineSplitter, readLines, type TextLine } from './line-reader.js';

async function linesOf(
  bytes: Buffer,
  options: { chunkSize?: number; encoding?: 'utf8' | 'latin1' } = {},
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

  it('reads every line as Latin-1 when asked', async () => {
    const lines = await linesOf(Buffer.from('Bj\xf6rk\nCaf\xe9\n', 'latin1'), { encoding: 'latin1' });
    expect(lines).toEqual([
      { line: 1, text: 'Björk', valid: true },
      { line: 2, text: 'Café', valid: true },
    ]);
  });

  it('yields nothing for an empty input', async () => {
    expect(await linesOf(Buffer.alloc(0))).toEqual([]);
    const splitter = new LineSplitter();
    expect(splitter.end()).toEqual([]);
  });
});
