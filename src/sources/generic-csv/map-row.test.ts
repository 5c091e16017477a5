import { describe, expect, it } from 'vitest';
import type { ParsedRecord } from '../../domain/listen.js';
import { entryFromBytes } from '../read/memory-entry.js';
import type { ColumnMapping, ParseOptions } from '../types.js';
import { genericCsvFormat } from './generic-csv-format.js';
import { genericLayoutOf, guessDelimiter, mapGenericRow, parseGenericTimestamp } from './map-row.js';

describe('generic CSV', () => {
  it.each([
    ['Artist,Title,Played At', ','],
    ['Artist\tTitle\tPlayed At', '\t'],
    ['Artist;Title;"Played, At"', ';'],
    ['single', ','],
  ])('guesses the delimiter of %j', (header, delimiter) => {
    expect(guessDelimiter(header)).toBe(delimiter);
  });

  describe('timestamps', () => {
    it.each([
      ['1718354402', Date.UTC(2024, 5, 14, 8, 40, 2), 1],
      ['1718354402123', Date.UTC(2024, 5, 14, 8, 40, 2, 123), 1],
      ['1718354402.5', Date.UTC(2024, 5, 14, 8, 40, 2, 500), 1],
      ['2024-06-14T08:40:02Z', Date.UTC(2024, 5, 14, 8, 40, 2), 1],
      ['2024-06-14 08:40:02', Date.UTC(2024, 5, 14, 8, 40, 2), 1],
      ['2024-06-14T10:40:02+02:00', Date.UTC(2024, 5, 14, 8, 40, 2), 1],
      ['2024-06-14 08:40', Date.UTC(2024, 5, 14, 8, 40), 60],
      ['14 Jun 2024, 08:40', Date.UTC(2024, 5, 14, 8, 40), 60],
    ])('reads %s as UTC unless it says otherwise', (text, ms, precisionS) => {
      expect(parseGenericTimestamp(text)).toEqual({ ms, precisionS });
    });

    it('follows a declared format', () => {
      expect(parseGenericTimestamp('1718354402123', 'unix_ms')?.ms).toBe(1718354402123);
      expect(parseGenericTimestamp('1718354402', 'unix')?.ms).toBe(1718354402000);
      expect(parseGenericTimestamp('abc', 'unix')).toBeNull();
    });

    it('refuses digits of a length that is neither seconds nor ms', () => {
      expect(parseGenericTimestamp('12345')).toBeNull();
    });
  });

  describe('rows', () => {
    const mapping: ColumnMapping = {
      artist: 'Artist',
      track: 'Title',
      timestamp: 'Played At',
      release: 'album',
      durationMs: 'Length',
    };
    const layout = genericLayoutOf(['Played At', 'Artist', 'Title', 'Album', 'Length'], mapping, 'plays.csv');

    it('maps the columns by name (case-insensitive as a fallback)', () => {
      expect(
        mapGenericRow(['2024-06-14T08:40:02Z', 'Burial', 'Archangel', 'Untrue', '238000'], layout),
      ).toEqual({
        kind: 'listen',
        listen: {
          listenedAt: Date.UTC(2024, 5, 14, 8, 40, 2),
          stampedEdge: 'start',
          precisionS: 1,
          artist: 'Burial',
          track: 'Archangel',
          release: 'Untrue',
          durationMs: 238000,
          user: null,
        },
      });
    });

    it.each([
      ['a short row', ['2024-06-14T08:40:02Z', 'Burial'], 'missing_field'],
      ['a bad time', ['last tuesday', 'Burial', 'Archangel', '', ''], 'bad_timestamp'],
    ])('rejects %s', (_label, fields, reason) => {
      expect(mapGenericRow(fields, layout)).toMatchObject({ kind: 'reject', reason });
    });

    it('names the missing column and the header it looked in', () => {
      expect(() => genericLayoutOf(['Artist', 'Song'], mapping, 'plays.csv')).toThrow(
        'column "Title" is not in the header of plays.csv; the header has: Artist, Song',
      );
    });
  });

  describe('format', () => {
    async function parse(content: string, options: Partial<ParseOptions>): Promise<ParsedRecord[]> {
      const out: ParsedRecord[] = [];
      for await (const r of genericCsvFormat.parse(entryFromBytes('plays.tsv', content), {
        encoding: 'utf8',
        now: 0,
        ...options,
      }))
        out.push(r);
      return out;
    }

    it('parses a TSV with a guessed delimiter', async () => {
      const records = await parse('artist\ttrack\twhen\nBurial\tArchangel\t1718354402\n', {
        columns: { artist: 'artist', track: 'track', timestamp: 'when' },
      });
      expect(records).toMatchObject([
        { kind: 'listen', where: { file: 'plays.tsv', line: 2 }, listen: { listenedAt: 1718354402000 } },
      ]);
    });

    it('needs a column mapping and is never detected', async () => {
      await expect(parse('a,b\n', {})).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      expect(
        genericCsvFormat.detect({ name: 'x.csv', head: 'artist,track,timestamp\nA,T,1718354402\n' }),
      ).toBe(0);
    });

    it('stops before reading rows when a mapped column is missing', async () => {
      await expect(
        parse('artist,song\nA,B\n', { columns: { artist: 'artist', track: 'track', timestamp: 'ts' } }),
      ).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: 'column "track" is not in the header of plays.tsv; the header has: artist, song',
      });
    });
  });
});
