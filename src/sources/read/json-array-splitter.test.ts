import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { EncodingDetected } from '../types.js';
import { readEntryJsonBatches, splitJsonArray, type JsonElement } from './json-array-splitter.js';
import { entryFromBytes } from './memory-entry.js';

async function split(
  text: string | Buffer,
  chunkSize?: number,
  encoding: 'utf8' | 'windows-1252' = 'utf8',
): Promise<JsonElement[]> {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const size = chunkSize ?? Math.max(1, bytes.length);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const out: JsonElement[] = [];
  for await (const element of splitJsonArray(Readable.from(chunks), encoding)) out.push(element);
  return out;
}

const valueOf = (element: JsonElement | undefined): unknown =>
  element?.error === undefined ? element?.value : element.error;

const PRETTY = `[
  {
    "ts": "2024-06-14T07:52:31Z",
    "name": "a"
  },
  {
    "ts": "2024-06-14T07:55:00Z",
    "name": "b"
  }
]
`;

describe('JSON array splitter', () => {
  it('splits a pretty-printed array with the line of each element and its exact text', async () => {
    const elements = await split(PRETTY);
    expect(elements.map((e) => e.line)).toEqual([2, 6]);
    expect(elements[0]).toEqual({
      line: 2,
      raw: '{\n    "ts": "2024-06-14T07:52:31Z",\n    "name": "a"\n  }',
      value: { ts: '2024-06-14T07:52:31Z', name: 'a' },
    });
  });

  it('splits a one-line array', async () => {
    const elements = await split('[{"a":1},{"a":2},{"a":[3,{"b":4}]}]');
    expect(elements.map((e) => e.raw)).toEqual(['{"a":1}', '{"a":2}', '{"a":[3,{"b":4}]}']);
    expect(elements.every((e) => e.line === 1)).toBe(true);
  });

  it('is not fooled by brackets, braces and escaped quotes inside strings', async () => {
    const text = String.raw`[{"t":"a ] } [ { \" \\","u":"\\"},{"t":"\"}]"}]`;
    const elements = await split(text);
    expect(elements.map(valueOf)).toEqual([{ t: 'a ] } [ { " \\', u: '\\' }, { t: '"}]' }]);
  });

  it('gives the same elements whatever the chunk size', async () => {
    const text = String.raw`[ {"t":"x\"y\\"} , {"n":[1,2,{"m":"}"}]}, "str\"ing", 42, true, null ]`;
    const whole = await split(text);
    expect(whole.map(valueOf)).toEqual([
      { t: 'x"y\\' },
      { n: [1, 2, { m: '}' }] },
      'str"ing',
      42,
      true,
      null,
    ]);
    for (const size of [1, 2, 3, 4, 7]) expect(await split(text, size)).toEqual(whole);
  });

  it('counts lines in a BOM-prefixed CRLF file', async () => {
    const text = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('[\r\n{"a":1},\r\n\r\n{"a":2}\r\n]'),
    ]);
    for (const size of [undefined, 1, 2]) {
      const elements = await split(text, size);
      expect(elements.map((e) => [e.line, valueOf(e)])).toEqual([
        [2, { a: 1 }],
        [4, { a: 2 }],
      ]);
    }
  });

  it('reads a document of one or two bytes', async () => {
    expect(await split('[]', 1)).toEqual([]);
    expect((await split('[', 1)).map((e) => e.error)).toEqual(['truncated']);
  });

  it('reports a truncated last element after all complete ones', async () => {
    const elements = await split('[\n{"a":1},\n{"a":2},\n{"a":"cut her');
    expect(elements.slice(0, 2).map(valueOf)).toEqual([{ a: 1 }, { a: 2 }]);
    expect(elements[2]).toMatchObject({ line: 4, raw: '{"a":"cut her', error: 'truncated' });
    expect(elements).toHaveLength(3);
  });

  it('reports an array that is never closed', async () => {
    const elements = await split('[{"a":1},');
    expect(elements.map((e) => e.error)).toEqual([undefined, 'truncated']);
  });

  it('reports a malformed element and goes on with the next one', async () => {
    const elements = await split('[{"a": NaN}, {"a": 2}]');
    expect(elements[0]).toMatchObject({ raw: '{"a": NaN}', error: 'malformed' });
    expect(elements[1]).toMatchObject({ value: { a: 2 } });
  });

  it('treats a top-level object as the single element', async () => {
    const elements = await split('{\n  "recenttracks": {"track": [{"name": "x"}]}\n}\n');
    expect(elements).toHaveLength(1);
    expect(elements[0]).toMatchObject({ line: 1, value: { recenttracks: { track: [{ name: 'x' }] } } });
  });

  it('reports a top level that is neither an array nor an object', async () => {
    const elements = await split('artist,track\nA,B\n');
    expect(elements).toHaveLength(1);
    expect(elements[0]).toMatchObject({ line: 1, error: 'not_array' });
  });

  it('yields nothing for an empty array', async () => {
    expect(await split('[]')).toEqual([]);
    expect(await split(' [ \n ] \n')).toEqual([]);
  });

  it('rejects an element that is not UTF-8, and reads it as Windows-1252 when asked', async () => {
    const bytes = Buffer.concat([
      Buffer.from('[{"a":"ok"},{"a":"Bj'),
      Buffer.from([0xf6]),
      Buffer.from('rk"}]'),
    ]);
    const utf8 = await split(bytes);
    expect(utf8[0]).toMatchObject({ value: { a: 'ok' } });
    expect(utf8[1]).toMatchObject({ error: 'bad_encoding', raw: '{"a":"Björk"}' });
    expect((utf8[1] as { message: string }).message).toContain('--encoding latin1');
    const latin1 = await split(bytes, undefined, 'windows-1252');
    expect(latin1[1]).toMatchObject({ value: { a: 'Björk' } });
  });
});

describe('JSON array splitter, encoding detected', () => {
  async function elements(bytes: Buffer, chunkSize: number) {
    const detected: EncodingDetected[] = [];
    const out: JsonElement[] = [];
    const entry = entryFromBytes('f.json', bytes, { chunkSize });
    for await (const batch of readEntryJsonBatches(entry, {
      encoding: 'auto',
      onEncodingDetected: (d) => detected.push(d),
    }))
      out.push(...batch);
    return { values: out.map(valueOf), detected };
  }

  it('reads an array that is Windows-1252 throughout as Windows-1252', async () => {
    const bytes = Buffer.from('[\n{"a":"ok"},\n{"a":"Mot\xf6rhead"},\n{"a":"Don\x92t"}\n]', 'latin1');
    for (const chunkSize of [1024, 3]) {
      const { values, detected } = await elements(bytes, chunkSize);
      expect(values).toEqual([{ a: 'ok' }, { a: 'Motörhead' }, { a: 'Don’t' }]);
      expect(detected).toEqual([{ file: 'f.json', encoding: 'windows-1252', line: 3 }]);
    }
  });

  it('keeps a UTF-8 array with one broken element as UTF-8', async () => {
    const bytes = Buffer.concat([
      Buffer.from('[{"a":"Björk"},'),
      Buffer.from('{"a":"Mot\xf6rhead"},', 'latin1'),
      Buffer.from('{"a":"Sigur Rós"}]'),
    ]);
    for (const chunkSize of [1024, 3]) {
      const { values, detected } = await elements(bytes, chunkSize);
      expect(values).toEqual([{ a: 'Björk' }, 'bad_encoding', { a: 'Sigur Rós' }]);
      expect(detected).toEqual([]);
    }
  });
});
