import { describe, expect, it } from 'vitest';
import { readEntryCsv, type CsvItem } from './csv-reader.js';
import { entryFromBytes } from './memory-entry.js';

async function csv(
  content: string | Buffer,
  options: { delimiter?: string; chunkSize?: number } = {},
): Promise<CsvItem[]> {
  const entry = entryFromBytes('t.csv', content, { chunkSize: options.chunkSize ?? 1024 });
  const out: CsvItem[] = [];
  for await (const item of readEntryCsv(entry, {
    encoding: 'utf8',
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
  })) {
    out.push(item);
  }
  return out;
}

const fieldsOf = (item: CsvItem): string[] | string => (item.error === undefined ? item.fields : item.error);

describe('CSV reader', () => {
  it('gives each record its fields, its first line and its text', async () => {
    const items = await csv('a,b,c\n\n"x, y",2,3\r\n"multi\nline",5,6\nlast,8,9');
    expect(items).toEqual([
      { line: 1, raw: 'a,b,c', fields: ['a', 'b', 'c'] },
      { line: 3, raw: '"x, y",2,3', fields: ['x, y', '2', '3'] },
      { line: 4, raw: '"multi\nline",5,6', fields: ['multi\nline', '5', '6'] },
      { line: 6, raw: 'last,8,9', fields: ['last', '8', '9'] },
    ]);
  });

  it('tolerates ragged rows and stray quotes', async () => {
    const items = await csv('a,b\n1,2,3\nsay "hi",x\n"q""uoted",y\n');
    expect(items.map(fieldsOf)).toEqual([
      ['a', 'b'],
      ['1', '2', '3'],
      ['say "hi"', 'x'],
      ['q"uoted', 'y'],
    ]);
  });

  it('reports a Latin-1 line as bad_encoding in order, keeping the line numbers of the rest', async () => {
    const bytes = Buffer.concat([
      Buffer.from('a,b\n'),
      Buffer.from('Bj\xf6rk,1\n', 'latin1'),
      Buffer.from('Sigur Rós,2\n'),
    ]);
    for (const chunkSize of [1024, 3]) {
      const items = await csv(bytes, { chunkSize });
      expect(items.map((i) => [i.line, i.error ?? i.fields])).toEqual([
        [1, ['a', 'b']],
        [2, 'bad_encoding'],
        [3, ['Sigur Rós', '2']],
      ]);
      expect(items[1]).toMatchObject({
        raw: 'Björk,1',
        message: expect.stringContaining('line 2 is not valid UTF-8'),
      });
    }
  });

  it('reads tab- and semicolon-separated files', async () => {
    expect((await csv('a\tb\n1\t2\n', { delimiter: '\t' })).map(fieldsOf)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect((await csv('a;b\n1;2\n', { delimiter: ';' })).map(fieldsOf)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reports a quote that is never closed instead of throwing', async () => {
    const items = await csv('a,b\n1,2\n"open,3\n4,5\n');
    expect(items.slice(0, 2).map(fieldsOf)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(items[2]).toMatchObject({ error: 'malformed' });
  });
});
