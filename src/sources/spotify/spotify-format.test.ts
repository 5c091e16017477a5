import { describe, expect, it } from 'vitest';
import type { ParsedRecord } from '../../domain/listen.js';
import { entryFromBytes } from '../read/memory-entry.js';
import { spotifyAccountFormat, spotifyExtendedFormat } from './spotify-format.js';

const OPTIONS = { encoding: 'utf8' as const, now: Date.UTC(2025, 0, 1) };

async function parse(
  format: typeof spotifyExtendedFormat,
  path: string,
  content: string,
  minPlayedMs?: number,
) {
  const out: ParsedRecord[] = [];
  const options = minPlayedMs === undefined ? OPTIONS : { ...OPTIONS, minPlayedMs };
  for await (const r of format.parse(entryFromBytes(path, content, { chunkSize: 50 }), options)) out.push(r);
  return out;
}

const row = (ms: number, reasonEnd = 'trackdone') =>
  `{"ts": "2024-08-02T12:00:30Z", "ms_played": ${ms}, "master_metadata_track_name": "T", "master_metadata_album_artist_name": "A", "master_metadata_album_album_name": "R", "spotify_track_uri": "spotify:track:2QWGkc7Tnz6672asv4BtLi", "reason_end": "${reasonEnd}", "incognito_mode": false}`;

describe('Spotify formats', () => {
  it('parses an extended history file with the line of each row', async () => {
    const records = await parse(
      spotifyExtendedFormat,
      'Streaming_History_Audio_2024.json',
      `[\n  ${row(197124)},\n  ${row(11677, 'fwdbtn')}\n]`,
    );
    expect(records.map((r) => [r.kind, r.where.line])).toEqual([
      ['listen', 2],
      ['skip', 3],
    ]);
  });

  it('skips every row of a video file, found by its name inside a zip', async () => {
    const records = await parse(
      spotifyExtendedFormat,
      'my_spotify_data.zip:Spotify Extended Streaming History/Streaming_History_Video_2023.json',
      `[${row(197124)}]`,
    );
    expect(records).toMatchObject([{ kind: 'skip', reason: 'video' }]);
  });

  it('passes minPlayedMs through', async () => {
    const records = await parse(spotifyExtendedFormat, 'endsong_0.json', `[${row(45000, 'fwdbtn')}]`, 60000);
    expect(records).toMatchObject([{ kind: 'skip', reason: 'short_play' }]);
  });

  it('parses an account-data file written with " : " spacing', async () => {
    const content =
      '[\n  {\n    "endTime" : "2020-01-16 03:13",\n    "artistName" : "Esteman",\n    "trackName" : "Caótica Belleza",\n    "msPlayed" : 237866\n  }\n]';
    const records = await parse(spotifyAccountFormat, 'StreamingHistory0.json', content);
    expect(records).toMatchObject([
      { kind: 'listen', where: { line: 2 }, listen: { artist: 'Esteman', precisionS: 60 } },
    ]);
  });
});
