import { describe, expect, it } from 'vitest';
import type { ParsedRecord } from '../../domain/listen.js';
import { entryFromBytes } from '../read/memory-entry.js';
import type { SourceFormat } from '../types.js';
import { lastfmCsvFormat, lastfmGhanCsvFormat } from './lastfm-csv-format.js';
import { lastfmGhanJsonFormat, lastfmRecentTracksFormat } from './lastfm-json-format.js';

const OPTIONS = { encoding: 'utf8' as const, now: Date.UTC(2025, 0, 1) };

async function parse(format: SourceFormat, content: string): Promise<ParsedRecord[]> {
  const out: ParsedRecord[] = [];
  for await (const r of format.parse(entryFromBytes('in', content, { chunkSize: 13 }), OPTIONS)) out.push(r);
  return out;
}

const kinds = (records: ParsedRecord[]) =>
  records.map((r) => [
    r.kind === 'listen' ? 'listen' : `${r.kind}:${'reason' in r ? r.reason : ''}`,
    r.where.line,
  ]);

describe('Last.fm CSV formats', () => {
  it('parses a headerless benjaminbenben export, skipping the now-playing rows', async () => {
    const content =
      'Biome,UNITY,Unity,\nBiome,Kora,Let Me,20 Nov 2020 09:35\n"Tyler, The Creator",IGOR,EARFQUAKE,13 Jun 2024 22:05\n';
    const records = await parse(lastfmCsvFormat, content);
    expect(kinds(records)).toEqual([
      ['skip:now_playing', 1],
      ['listen', 2],
      ['listen', 3],
    ]);
    expect(records[2]).toMatchObject({
      raw: '"Tyler, The Creator",IGOR,EARFQUAKE,13 Jun 2024 22:05',
      listen: { artist: 'Tyler, The Creator' },
    });
  });

  it('passes over the optional header', async () => {
    const records = await parse(
      lastfmCsvFormat,
      'artist,album,name,date\nBiome,Kora,Let Me,20 Nov 2020 09:35\n',
    );
    expect(kinds(records)).toEqual([['listen', 2]]);
  });

  it('parses a ghan.nl CSV by its header names', async () => {
    const content =
      'uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n' +
      '"1718354402","14 Jun 2024, 08:40","Khruangbin & Leon Bridges","","Texas Sun","","Texas Sun","3d8c0f0e-6b51-4f0e-9c0b-7d0f5a1b2c3d"\n';
    const records = await parse(lastfmGhanCsvFormat, content);
    expect(records).toMatchObject([
      {
        kind: 'listen',
        where: { line: 2 },
        listen: { listenedAt: 1718354402000, recordingMbid: '3d8c0f0e-6b51-4f0e-9c0b-7d0f5a1b2c3d' },
      },
    ]);
  });

  it('stops with a clear error when a ghan CSV lacks a needed column', async () => {
    await expect(parse(lastfmGhanCsvFormat, 'uts,utc_time,artist\n"1","x","A"\n')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'column "track" is not in the header of in; the header has: uts, utc_time, artist',
    });
  });
});

describe('Last.fm JSON formats', () => {
  const track = (uts: string, name: string) =>
    `{"artist":{"mbid":"","#text":"CHUU"},"mbid":"","album":{"mbid":"","#text":""},"name":"${name}","date":{"uts":"${uts}","#text":"13 Jun 2025, 00:55"}}`;

  it('parses an array of bare pages (Koito, ghan.nl)', async () => {
    const content = `[{"track":[${track('1749776100', 'a')},${track('1749775800', 'b')}],"@attr":{"page":"1"}},\n{"track":${track('1749775500', 'c')},"@attr":{"page":"2"}}]`;
    const records = await parse(lastfmRecentTracksFormat, content);
    expect(kinds(records)).toEqual([
      ['listen', 1],
      ['listen', 1],
      ['listen', 2],
    ]);
  });

  it('parses a single API page with its now-playing item', async () => {
    const nowPlaying =
      '{"artist":{"#text":"Radiohead","mbid":""},"name":"Weird Fishes","@attr":{"nowplaying":"true"}}';
    const content = `{\n  "recenttracks": {\n    "track": [${nowPlaying}, ${track('1718354402', 'x')}],\n    "@attr": {"user": "u", "page": "1"}\n  }\n}\n`;
    const records = await parse(lastfmRecentTracksFormat, content);
    expect(kinds(records)).toEqual([
      ['skip:now_playing', 1],
      ['listen', 1],
    ]);
  });

  it('parses a flat ghan JSON array', async () => {
    const content =
      '[{"uts":"1718354402","utc_time":"14 Jun 2024, 08:40","artist":"A","artist_mbid":"","album":"","album_mbid":"","track":"T","track_mbid":""}]';
    expect(kinds(await parse(lastfmGhanJsonFormat, content))).toEqual([['listen', 1]]);
  });
});
