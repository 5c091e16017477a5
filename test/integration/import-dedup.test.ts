// One play is stored once, whichever sources report it; a real repeat stays two listens.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import-service.js';
import { findStatsUser, getTopArtists } from '../../src/stats/index.js';
import type { Database } from '../../src/store/database.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { count, memoryDb, tempDir } from '../support/temp.js';

const NOW = Date.UTC(2026, 10, 22);
const dir = tempDir();
afterAll(() => dir.cleanup());

let db: Database;
beforeEach(async () => {
  db = await memoryDb();
});
afterEach(() => db.close());

const run = (paths: string[]) => importFiles(db, { paths, defaultUserName: 'me', now: NOW });

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function lastfmDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
function lbLine(at: number, artist: string, track: string, release?: string): string {
  return JSON.stringify({
    listened_at: Math.floor(at / 1000),
    track_metadata: { artist_name: artist, track_name: track, ...(release ? { release_name: release } : {}) },
  });
}
function spotifyRow(endMs: number, playedMs: number, artist: string, track: string): object {
  return {
    ts: new Date(endMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    platform: 'android',
    ms_played: playedMs,
    conn_country: 'DE',
    master_metadata_track_name: track,
    master_metadata_album_artist_name: artist,
    master_metadata_album_album_name: 'Album',
    spotify_track_uri: 'spotify:track:0000000000000000000000',
    episode_name: null,
    episode_show_name: null,
    spotify_episode_uri: null,
    reason_start: 'trackdone',
    reason_end: 'trackdone',
    shuffle: false,
    skipped: false,
    offline: false,
    offline_timestamp: null,
    incognito_mode: false,
  };
}

describe('the same play from two sources', () => {
  const t0 = Date.UTC(2024, 5, 14, 8, 40, 0);

  it('a Last.fm CSV play and the ListenBrainz listen of it, seconds later, are one listen with both sources', async () => {
    const csv = dir.file('a.csv', `Khruangbin & Leon Bridges,Texas Sun,Texas Sun,${lastfmDate(t0)}\n`);
    const lb = dir.file(
      'a.jsonl',
      lbLine(t0 + 37_000, 'Khruangbin & Leon Bridges', 'Texas Sun', 'Texas Sun') + '\n',
    );
    expect((await run([csv])).totals.inserted).toBe(1);
    const second = await run([lb]);
    expect(second.totals.inserted).toBe(0);
    expect(second.files[0]!.merged).toBe(1);
    const sources = await db.all<{ source: string }>(
      `SELECT source FROM listens UNION ALL SELECT source FROM listen_sources ORDER BY 1`,
    );
    expect(sources.map((s) => s.source)).toEqual(['lastfm', 'listenbrainz']);
    // and importing either again changes nothing
    expect((await run([csv, lb])).totals.inserted).toBe(0);
    expect(await count(db, 'SELECT count(*) n FROM listen_sources')).toBe(1);
  });

  it('Spotify stamps the end: a play ending 3:20 after the Last.fm start is the same play', async () => {
    const csv = dir.file('b.csv', `Burial,Untrue,Archangel,${lastfmDate(t0)}\n`);
    const sp = dir.file(
      'b.json',
      JSON.stringify([spotifyRow(t0 + 12_000 + 200_000, 200_000, 'Burial', 'Archangel')]),
    );
    await run([csv]);
    const second = await run([sp]);
    expect(second.files[0]!.format).toBe('spotify-extended');
    expect(second.totals.inserted).toBe(0);
    expect(second.totals.merged).toBe(1);
  });

  type Filled = {
    played_ms: number | null;
    platform: string | null;
    country: string | null;
    spotify_uri: string | null;
  };
  const filledOf = async () =>
    (await db.all<Filled>('SELECT played_ms, platform, country, spotify_uri FROM listens'))[0];

  it('a merge fills what the stored listen lacks (length, platform, country, ids), in either order', async () => {
    const csv = dir.file('f.csv', `Burial,Untrue,Archangel,${lastfmDate(t0)}\n`);
    const sp = dir.file(
      'f.json',
      JSON.stringify([spotifyRow(t0 + 12_000 + 320_000, 320_000, 'Burial', 'Archangel')]),
    );
    await run([csv]);
    expect((await run([sp])).totals.merged).toBe(1);
    const lastfmFirst = await filledOf();
    expect(lastfmFirst).toEqual({
      played_ms: 320_000,
      platform: 'android',
      country: 'DE',
      spotify_uri: 'spotify:track:0000000000000000000000',
    });

    const other = await memoryDb();
    try {
      await importFiles(other, { paths: [sp], defaultUserName: 'me', now: NOW });
      expect(
        (await importFiles(other, { paths: [csv], defaultUserName: 'me', now: NOW })).totals.merged,
      ).toBe(1);
      const spotifyFirst = (
        await other.all<Filled>('SELECT played_ms, platform, country, spotify_uri FROM listens')
      )[0];
      expect(spotifyFirst).toEqual(lastfmFirst);
    } finally {
      other.close();
    }
  });

  it('a merge never overwrites what the first source knew', async () => {
    const sp = dir.file('g.json', JSON.stringify([spotifyRow(t0 + 320_000, 320_000, 'Burial', 'Archangel')]));
    const lb = dir.file(
      'g.jsonl',
      JSON.stringify({
        listened_at: Math.floor(t0 / 1000) + 4,
        track_metadata: {
          artist_name: 'Burial',
          track_name: 'Archangel',
          additional_info: {
            duration_ms: 238_000,
            ms_played: 100_000,
            recording_mbid: '6f9c8c1f-27c8-4a2a-9a5e-6f0e1b3a2f44',
          },
        },
      }) + '\n',
    );
    await run([sp]);
    expect((await run([lb])).totals.merged).toBe(1);
    const [row] = await db.all<{ played_ms: number; duration_ms: number; recording_mbid: string }>(
      'SELECT played_ms, duration_ms, recording_mbid FROM listens',
    );
    expect(row).toEqual({
      played_ms: 320_000,
      duration_ms: 238_000,
      recording_mbid: '6f9c8c1f-27c8-4a2a-9a5e-6f0e1b3a2f44',
    });
  });

  it('a second source stamped exactly on the Last.fm minute is recorded as a merge, and listening time counts it', async () => {
    const csv = dir.file('h.csv', `Burial,Untrue,Archangel,${lastfmDate(t0)}\n`);
    const sp = dir.file('h.json', JSON.stringify([spotifyRow(t0 + 320_000, 320_000, 'Burial', 'Archangel')]));
    await run([csv]);
    const second = await run([sp]);
    expect(second.totals.merged).toBe(1);
    expect(second.totals.duplicates).toBe(1);
    expect(await count(db, "SELECT count(*) n FROM listen_sources WHERE source = 'spotify'")).toBe(1);
    expect((await filledOf())?.played_ms).toBe(320_000);
    const user = await findStatsUser(db, 'me');
    const top = await getTopArtists(db, { userId: user.id, range: 'all_time', by: 'time', now: NOW });
    expect(top.entries[0]).toMatchObject({ name: 'Burial', knownMs: 320_000 });
    // importing the Spotify file again is a duplicate, not another source
    const again = await run([sp]);
    expect(again.totals.merged).toBe(0);
    expect(await count(db, 'SELECT count(*) n FROM listen_sources')).toBe(1);
  });

  it('a real repeat (the same track twice in a row) stays two listens, also when a second source reports both', async () => {
    const csv = dir.file(
      'c.csv',
      [
        `Burial,Untrue,Archangel,${lastfmDate(t0 + 240_000)}`,
        `Burial,Untrue,Archangel,${lastfmDate(t0)}`,
      ].join('\n'),
    );
    const lb = dir.file(
      'c.jsonl',
      [lbLine(t0 + 5_000, 'Burial', 'Archangel'), lbLine(t0 + 245_000, 'Burial', 'Archangel')].join('\n'),
    );
    expect((await run([csv])).totals.inserted).toBe(2);
    const second = await run([lb]);
    expect(second.totals.inserted).toBe(0);
    expect(second.totals.merged).toBe(2);
    expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(2);
  });

  it('version tags and credit spelling do not split a play: "Song - Remastered 2011" is "Song"', async () => {
    const lb = dir.file(
      'd.jsonl',
      lbLine(t0 + 3_000, 'The Beatles', 'Come Together - Remastered 2009') + '\n',
    );
    const csv = dir.file('d.csv', `The Beatles,Abbey Road,Come Together,${lastfmDate(t0)}\n`);
    await run([csv]);
    expect((await run([lb])).totals.merged).toBe(1);
    // the title as first given is kept for display
    const rows = await db.all<{ track: string }>('SELECT track FROM listens');
    expect(rows.map((r) => r.track)).toEqual(['Come Together']);
  });

  it('different tracks at the same minute are two listens', async () => {
    const csv = dir.file('e.csv', [`A,,One,${lastfmDate(t0)}`, `A,,Two,${lastfmDate(t0)}`].join('\n'));
    expect((await run([csv])).totals.inserted).toBe(2);
  });
});

describe.skipIf(!hasSharedData)('the real Last.fm CSV and the same plays exported in other formats', () => {
  const csvPath = sharedFile('lastfm-scrobbles-export-benjaminbenben', 'lastfm_scrobbles.csv');

  function datedRows(): { artist: string; album: string; track: string; at: number }[] {
    const rows: { artist: string; album: string; track: string; at: number }[] = [];
    for (const line of readFileSync(csvPath, 'utf8').split('\n')) {
      // this export quotes fields that contain commas; only the unquoted rows are needed to build the copy
      if (!line || line.includes('"')) continue;
      const [artist, album, track, date] = line.split(',');
      if (!date) continue;
      rows.push({ artist: artist!, album: album!, track: track!, at: Date.parse(`${date} UTC`) });
    }
    return rows;
  }

  // The copy is faithful: a double scrobble (two identical rows) is the same listen in the copy too,
  // so the seconds come from the row's content, not its position.
  function offsetS(r: { at: number; track: string; artist: string }, modulo: number): number {
    let h = r.at / 60_000;
    for (const c of r.artist + r.track) h = (h * 31 + c.charCodeAt(0)) % 1_000_003;
    return h % modulo;
  }

  it('a ListenBrainz JSONL copy (with seconds) of every play stores nothing new', async () => {
    const rows = datedRows();
    // deterministic "seconds" within the minute, as a ListenBrainz export would have them
    const lines = rows.map((r) =>
      lbLine(r.at + offsetS(r, 60) * 1000, r.artist, r.track, r.album || undefined),
    );
    const lb = dir.file('lastfm-as-lb.jsonl', lines.join('\n') + '\n');
    const first = await run([csvPath]);
    const before = await count(db, 'SELECT count(*) n FROM listens');
    expect(before).toBe(first.totals.inserted);
    const second = await run([lb]);
    expect(second.files[0]!.format).toBe('listenbrainz-jsonl');
    expect(second.totals.read).toBe(rows.length);
    expect(second.totals.inserted).toBe(0);
    expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(before);
  });

  it('a Spotify extended-history copy (end-stamped) of a year of plays stores nothing new', async () => {
    const rows = datedRows().filter((r) => new Date(r.at).getUTCFullYear() === 2019);
    expect(rows.length).toBeGreaterThan(1000);
    // Spotify: ts = end of play; the play started a few seconds into the Last.fm minute
    const spotify = rows.map((r) =>
      spotifyRow(r.at + offsetS(r, 50) * 1000 + 150_000, 150_000, r.artist, r.track),
    );
    const sp = dir.file('lastfm-as-spotify.json', JSON.stringify(spotify, null, 2));
    await run([csvPath]);
    const before = await count(db, 'SELECT count(*) n FROM listens');
    const second = await run([sp]);
    expect(second.totals.inserted).toBe(0);
    expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(before);
  });
});
