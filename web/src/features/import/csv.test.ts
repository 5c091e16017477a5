import { describe, expect, it } from 'vitest';
import { csvField, csvFileName, rejectedToCsv, type RejectedRow } from './csv.js';

/** A small RFC 4180 reader, to check that what is written reads back as the same fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

const row = (over: Partial<RejectedRow>): RejectedRow => ({
  id: 1,
  importRunId: 7,
  file: 'upload:plays.csv',
  line: 3,
  status: 'rejected',
  reason: 'bad_timestamp',
  message: 'date "yesterday" is not a date',
  raw: 'Biome,Kora,Let Me,yesterday',
  ...over,
});

describe('the rejected rows as CSV', () => {
  it('quotes only what needs it, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(42)).toBe('42');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' edge')).toBe('" edge"');
    expect(csvField('')).toBe('');
  });

  it('writes a header and one CRLF-ended record per row, which read back as the same fields', () => {
    const rows = [
      row({}),
      row({
        id: 2,
        line: 9,
        raw: '"Daniel, Me Estás Matando",Fúgate,,\n2nd line',
        message: 'a "quoted" reason',
      }),
      row({ id: 3, status: 'skipped', reason: 'too_short', raw: '{"msPlayed" : 0}' }),
    ];
    const text = rejectedToCsv(rows);
    expect(text.startsWith('id,importRunId,file,line,status,reason,message,raw\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const parsed = parseCsv(text);
    expect(parsed).toHaveLength(4);
    expect(parsed.slice(1)).toEqual(
      rows.map((r) => [String(r.id), '7', r.file, String(r.line), r.status, r.reason, r.message, r.raw]),
    );
    expect(rejectedToCsv([])).toBe('id,importRunId,file,line,status,reason,message,raw\r\n');
  });

  it('names the file after the runs', () => {
    expect(csvFileName([12])).toBe('listenhouse-rejected-run-12.csv');
    expect(csvFileName([12, 13])).toBe('listenhouse-rejected-runs-12-13.csv');
  });
});
