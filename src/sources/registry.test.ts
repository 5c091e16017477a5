import { describe, expect, it } from 'vitest';
import { entryFromBytes } from './read/memory-entry.js';
import { sniffOf } from './read/sniff.js';
import { FORMATS, detectFormat, detectFromSniff, formatByName, listFormats } from './registry.js';
import type { FormatName, SourceFormat } from './types.js';

const LB_LINE =
  '{"inserted_at": 1749780613.952448, "listened_at": 1749780612, "track_metadata": {"track_name": "Desert", "artist_name": "OurR", "mbid_mapping": null, "release_name": "Desert", "recording_msid": "7ae12054-b489-41c7-9367-f53893a1990d", "additional_info": {"duration_ms": 245000}}}';
const SPOTIFY_ROW =
  '{"ts": "2024-08-02T11:56:55Z", "platform": "android", "ms_played": 11677, "conn_country": "IN", "ip_addr": "x.x.x.x", "master_metadata_track_name": "Moments", "master_metadata_album_artist_name": "MitiS", "master_metadata_album_album_name": "\'Til the End", "spotify_track_uri": "spotify:track:2QWGkc7Tnz6672asv4BtLi", "episode_name": null, "reason_start": "playbtn", "reason_end": "unexpected-exit-while-paused", "incognito_mode": false}';

/** Head samples per format, each as the real exports write them, with the name they usually have. */
const SAMPLES: Record<Exclude<FormatName, 'generic-csv' | 'simulator'>, { name: string; head: string }> = {
  'listenbrainz-jsonl': { name: '6.jsonl', head: `${LB_LINE}\n${LB_LINE}\n` },
  'listenbrainz-dump': {
    name: '1.listens',
    head: '{"user_id":123,"user_name":"alice","timestamp":1443521965,"track_metadata":{"artist_name":"A","track_name":"T","additional_info":{"recording_msid":"m"}},"recording_msid":"m"}\n',
  },
  'listenbrainz-array': {
    name: 'alice_lb-2023-02-01.json',
    head: '[\n  {"user_name": "alice", "listened_at": 1618500200, "recording_msid": "m", "track_metadata": {"artist_name": "Kanye West", "track_name": "Fade"}}\n]\n',
  },
  'spotify-extended': {
    name: 'Streaming_History_Audio_2024.json',
    head: `[\n  ${SPOTIFY_ROW.replace(/, "/g, ',\n    "')}\n]`,
  },
  'spotify-account': {
    name: 'StreamingHistory0.json',
    head: '[\n  {\n    "endTime" : "2020-01-16 03:13",\n    "artistName" : "Daniel, Me Estás Matando",\n    "trackName" : "Fúgate",\n    "msPlayed" : 199925\n  }\n]',
  },
  'lastfm-csv': {
    name: 'lastfm_scrobbles.csv',
    head: 'Biome,UNITY,Unity,\nBiome,Kora,Let Me,20 Nov 2020 09:35\nBiome,Kora,Kitemare,20 Nov 2020 09:28\n',
  },
  'lastfm-ghan-csv': {
    name: 'scrobbles-alice-1718354500.csv',
    head: 'uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n"1718354402","14 Jun 2024, 08:40","Khruangbin & Leon Bridges","","Texas Sun","","Texas Sun",""\n',
  },
  'lastfm-ghan-json': {
    name: 'scrobbles-alice.json',
    head: '[{"uts":"1718354402","utc_time":"14 Jun 2024, 08:40","artist":"A","artist_mbid":"","album":"","album_mbid":"","track":"T","track_mbid":""}]',
  },
  'lastfm-recenttracks': {
    name: 'recenttracks-shoko2-1749776100.json',
    head: '[{"track":[{"artist":{"mbid":"","#text":"CHUU"},"mbid":"","album":{"mbid":"","#text":""},"name":"because I\'m stupid?","date":{"uts":"1749776100","#text":"13 Jun 2025, 00:55"}}],"@attr":{"page":"1","perPage":"10","totalPages":"1","total":"10","user":"shoko2"}}]',
  },
  'lastfm-1k-tsv': {
    name: 'userid-timestamp-artid-artname-traid-traname.tsv',
    head: 'user_000001\t2009-05-04T23:08:57Z\tf1b1cf71-bd35-4e99-8624-24a6e15f133a\tDeep Dish\t\tFuck Me Im Famous\nuser_000001\t2009-05-04T13:54:10Z\ta7f7df4a-77d8-4f12-8acd-5c60c93f4de8\t坂本龍一\t\tComposition 0919\n',
  },
  'discogs-collection-csv': {
    name: 'alice-collection-20240614-0840.csv',
    head: 'Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added,Collection Media Condition,Collection Sleeve Condition,Collection Notes\nCL 1355,Miles Davis,Kind Of Blue,Columbia,"LP, Album, Mono",5,1959,1234567,Jazz,2023-01-15 19:02:44,Near Mint (NM or M-),Very Good Plus (VG+),\n',
  },
};

describe('format detection', () => {
  it.each(Object.entries(SAMPLES))('recognises %s from its content', (format, sample) => {
    expect(detectFromSniff(sniffOf(sample.name, sample.head))?.format.name).toBe(format);
  });

  it.each(Object.entries(SAMPLES))('still recognises %s when the file is renamed', (format, sample) => {
    expect(detectFromSniff(sniffOf('download (3).txt', sample.head))?.format.name).toBe(format);
  });

  it('recognises a single Last.fm API page, pretty-printed, as recent tracks', () => {
    const head =
      '{\n  "recenttracks": {\n    "track": [\n      {\n        "artist": {"#text": "Radiohead", "mbid": ""},\n';
    expect(detectFromSniff(sniffOf('page1.json', head))?.format.name).toBe('lastfm-recenttracks');
  });

  it('recognises a Last.fm page array whose first page is larger than the head', () => {
    const head = `[{"track":[${'{"artist":{"#text":"A","mbid":""},"name":"T","date":{"uts":"1"}},'.repeat(2000)}`;
    expect(detectFromSniff(sniffOf('x.json', head))?.format.name).toBe('lastfm-recenttracks');
  });

  it('recognises a Discogs file re-saved by pandas and a wantlist', () => {
    const pandas =
      ',Catalognum,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,DateAdded\n0,551093-2,Lin-Manuel Miranda,Hamilton,Atlantic,"2xCD, Album",,2015,7640983,Uncategorized,2022-01-09 19:14:10\n';
    const wants =
      ',Catalognum,Artist,Title,Label,Format,Rating,Released,release_id,Notes\n0,395 312-2,The Neville Brothers,Brother\'s Keeper,A&M Records,"CD, Album",,1990,925929,\n';
    expect(detectFromSniff(sniffOf('collection.csv', pandas))?.format.name).toBe('discogs-collection-csv');
    expect(detectFromSniff(sniffOf('wants.csv', wants))?.format.name).toBe('discogs-collection-csv');
  });

  it('recognises files that start with a UTF-8 BOM', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(SAMPLES['lastfm-ghan-csv'].head),
    ]);
    expect((await detectFormat(entryFromBytes('x.csv', bytes)))?.format.name).toBe('lastfm-ghan-csv');
  });

  it.each([
    ['a ListenBrainz user.json', 'user.json', '{"user_id":46008,"username":"shoko1"}'],
    ['a README', 'README.md', '# Spotify data\n\nSee the PDF.\n'],
    ['an empty array', 'Streaming_History_Audio_2024.json', '[]'],
    ['an empty file', 'empty.csv', ''],
    [
      'a Pano Scrobbler export',
      'panoscrobbler.jsonl',
      '{"timeMs":1762957898933,"artist":"KiloWatts","track":"Scraped On The Way Out","event":"scrobble"}\n',
    ],
    [
      'a ListenBrainz submit payload',
      'valid_import.json',
      '{"listen_type": "import", "payload": [{"listened_at": 1, "track_metadata": {"artist_name": "A", "track_name": "T"}}]}',
    ],
    ['a plain CSV', 'plays.csv', 'artist,track,played_at\nBurial,Archangel,2024-06-14T08:40:02Z\n'],
    [
      'a Discogs inventory export',
      'inventory.csv',
      'listing_id,artist,title,label,catno,format,release_id,status,price\n1,A,T,L,C,LP,1,For Sale,10\n',
    ],
  ])('recognises nothing in %s', async (_label, name, head) => {
    expect(detectFromSniff(sniffOf(name, head))).toBeNull();
    expect(await detectFormat(entryFromBytes(name, head))).toBeNull();
  });

  it('breaks an exact tie by file name, and only then', () => {
    const a: SourceFormat = {
      ...formatByName('listenbrainz-jsonl')!,
      detect: () => 0.9,
      namePattern: /^a\./,
    };
    const b: SourceFormat = { ...formatByName('listenbrainz-dump')!, detect: () => 0.9, namePattern: /^b\./ };
    const c: SourceFormat = { ...formatByName('lastfm-csv')!, detect: () => 0.8, namePattern: /^c\./ };
    expect(detectFromSniff(sniffOf('b.txt', 'x'), [a, b, c])?.format).toBe(b);
    expect(detectFromSniff(sniffOf('a.txt', 'x'), [a, b, c])?.format).toBe(a);
    expect(detectFromSniff(sniffOf('c.txt', 'x'), [a, b, c])?.format).toBe(a);
  });
});

describe('format list', () => {
  it('has every format once, generic-csv only by name', () => {
    const names = FORMATS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(
      listFormats()
        .filter((f) => !f.autoDetected)
        .map((f) => f.name),
    ).toEqual(['generic-csv']);
    expect(formatByName('spotify-extended')?.source).toBe('spotify');
    expect(formatByName('nope')).toBeNull();
  });
});
