import { describe, expect, it } from 'vitest';
import type { ParsedRecord } from '../../domain/listen.js';
import { entryFromBytes } from '../read/memory-entry.js';
import { discogsCollectionFormat } from './discogs-format.js';
import { discogsLayoutOf, mapDiscogsRow } from './map-collection-row.js';

const VERBATIM_HEADER =
  'Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added,Collection Media Condition,Collection Sleeve Condition,Collection Notes'.split(
    ',',
  );
const PANDAS_HEADER =
  ',Catalognum,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,DateAdded'.split(',');
const WANTS_HEADER = ',Catalognum,Artist,Title,Label,Format,Rating,Released,release_id,Notes'.split(',');

describe('Discogs CSV layout', () => {
  it('reads the verbatim export header as a collection', () => {
    expect(discogsLayoutOf(VERBATIM_HEADER)).toMatchObject({
      list: 'collection',
      columns: { catalogNumber: 0, addedAt: 9, notes: 12 },
    });
  });

  it('reads the pandas-resaved header, ignoring the index column', () => {
    expect(discogsLayoutOf(PANDAS_HEADER)).toMatchObject({
      list: 'collection',
      columns: { catalogNumber: 1, releaseId: 8, addedAt: 10 },
    });
  });

  it('reads a wantlist header (Notes, no folder, no date)', () => {
    expect(discogsLayoutOf(WANTS_HEADER)).toMatchObject({ list: 'wantlist', columns: { notes: 9 } });
  });

  it('refuses the marketplace inventory export and other tables', () => {
    expect(
      discogsLayoutOf(['listing_id', 'artist', 'title', 'label', 'catno', 'format', 'release_id']),
    ).toBeNull();
    expect(discogsLayoutOf(['artist', 'track', 'date'])).toBeNull();
  });
});

describe('Discogs row → collection item', () => {
  const verbatim = discogsLayoutOf(VERBATIM_HEADER)!;
  const pandas = discogsLayoutOf(PANDAS_HEADER)!;
  const wants = discogsLayoutOf(WANTS_HEADER)!;

  it('maps a verbatim row, keeping names exactly as given and Date Added as UTC', () => {
    const fields = [
      'WR007, ONUDP16',
      'Nirvana (2)',
      'Hard Left',
      'World Records, On-U Sound',
      '12"',
      '',
      '1986',
      '176778',
      'Uncategorized',
      '2020-02-18 10:53:08',
      'Very Good Plus (VG+)',
      'Very Good (VG)',
      '',
    ];
    expect(mapDiscogsRow(fields, verbatim)).toEqual({
      kind: 'collection',
      item: {
        releaseId: 176778,
        artist: 'Nirvana (2)',
        title: 'Hard Left',
        label: 'World Records, On-U Sound',
        catalogNumber: 'WR007, ONUDP16',
        format: '12"',
        rating: null,
        releasedYear: 1986,
        folder: 'Uncategorized',
        addedAt: Date.UTC(2020, 1, 18, 10, 53, 8),
        mediaCondition: 'Very Good Plus (VG+)',
        sleeveCondition: 'Very Good (VG)',
        notes: null,
        list: 'collection',
      },
    });
  });

  it('reads the float ratings pandas writes', () => {
    const fields = [
      '2',
      'SD 7200',
      'Crosby, Stills, Nash & Young',
      'Déjà Vu',
      'Atlantic',
      'LP, Album, PR ',
      '3.0',
      '1970',
      '1132195',
      'Uncategorized',
      '2021-10-23 17:30:19',
    ];
    expect(mapDiscogsRow(fields, pandas)).toMatchObject({
      item: { rating: 3, catalogNumber: 'SD 7200', artist: 'Crosby, Stills, Nash & Young' },
    });
  });

  it('maps a wantlist row without a date', () => {
    const fields = [
      '0',
      '395 312-2',
      'The Neville Brothers',
      "Brother's Keeper",
      'A&M Records',
      'CD, Album',
      '',
      '1990',
      '925929',
      '',
    ];
    expect(mapDiscogsRow(fields, wants)).toMatchObject({
      item: { list: 'wantlist', addedAt: null, folder: null, releaseId: 925929 },
    });
  });

  it.each([
    [
      'no release_id',
      ['0', 'X', 'A', 'T', 'L', 'F', '', '', '', 'Uncategorized', '2021-11-18 17:52:30'],
      'missing_field',
    ],
    [
      'a release_id that is not a number',
      ['0', 'X', 'A', 'T', 'L', 'F', '', '', 'r123', 'Uncategorized', '2021-11-18 17:52:30'],
      'malformed',
    ],
    [
      'a bad date',
      ['0', 'X', 'A', 'T', 'L', 'F', '', '', '123', 'Uncategorized', '18/11/2021'],
      'bad_timestamp',
    ],
  ])('rejects %s', (_label, fields, reason) => {
    expect(mapDiscogsRow(fields, pandas)).toMatchObject({ kind: 'reject', reason });
  });

  it('parses a whole file, header first', async () => {
    const content = `${PANDAS_HEADER.join(',')}\n0,"081227891992, ROGV-128",Dr. John,The Sun Moon & Herbs,"ATCO Records, Run Out Groove","3xLP, Album, Dlx, RE, Tri",,2021,19507378,Uncategorized,2021-11-18 17:52:30\n`;
    const records: ParsedRecord[] = [];
    for await (const r of discogsCollectionFormat.parse(entryFromBytes('collection.csv', content), {
      encoding: 'utf8',
      now: 0,
    }))
      records.push(r);
    expect(records).toMatchObject([
      {
        kind: 'collection',
        where: { line: 2 },
        item: { releaseId: 19507378, catalogNumber: '081227891992, ROGV-128' },
      },
    ]);
  });
});
