import { describe, expect, it } from 'vitest';
import type { ParsedRecord } from '../../domain/listen.js';
import { entryFromBytes } from '../read/memory-entry.js';
import { lastfm1kFormat } from './lastfm-1k-format.js';
import { mapLastfm1kRow } from './map-row.js';

const row = (line: string) => line.split('\t');

describe('Last.fm 1K row → draft', () => {
  it('maps user, time, MBIDs and names', () => {
    expect(
      mapLastfm1kRow(
        row(
          'user_000001\t2009-05-04T23:08:57Z\tf1b1cf71-bd35-4e99-8624-24a6e15f133a\tDeep Dish\t\tFuck Me Im Famous (Pacha Ibiza)-09-28-2007',
        ),
      ),
    ).toEqual({
      kind: 'listen',
      listen: {
        listenedAt: Date.UTC(2009, 4, 4, 23, 8, 57),
        stampedEdge: 'start',
        precisionS: 1,
        artist: 'Deep Dish',
        track: 'Fuck Me Im Famous (Pacha Ibiza)-09-28-2007',
        artistMbids: ['f1b1cf71-bd35-4e99-8624-24a6e15f133a'],
        recordingMbid: null,
        user: 'user_000001',
      },
    });
  });

  it('keeps quotes in names as they are (the file is never quoted)', () => {
    expect(
      mapLastfm1kRow(row('u\t2009-05-04T13:54:10Z\t\t"Weird Al" Yankovic\t\tWhite & Nerdy')),
    ).toMatchObject({
      listen: { artist: '"Weird Al" Yankovic', artistMbids: null },
    });
  });

  it.each([
    ['a short row', 'user_000001\t2009-05-04T23:08:57Z\tDeep Dish', 'malformed'],
    ['a bad time', 'user_000001\tyesterday\t\tA\t\tT', 'bad_timestamp'],
  ])('rejects %s', (_label, line, reason) => {
    expect(mapLastfm1kRow(row(line))).toMatchObject({ kind: 'reject', reason });
  });

  it('parses a file line by line', async () => {
    const content =
      'user_000001\t2009-05-04T23:08:57Z\t\tA\t\tT\nuser_000002\t2009-05-04T23:00:00Z\t\tB\t\tU\n';
    const records: ParsedRecord[] = [];
    for await (const r of lastfm1kFormat.parse(entryFromBytes('x.tsv', content), {
      encoding: 'utf8',
      now: 0,
    }))
      records.push(r);
    expect(records.map((r) => (r.kind === 'listen' ? [r.where.line, r.listen.user] : r.kind))).toEqual([
      [1, 'user_000001'],
      [2, 'user_000002'],
    ]);
  });
});
