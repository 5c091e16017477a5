/**
 * Every real export under ../shared/data that holds listens or a collection, parsed end to end:
 * detection picks the right format and the counts match the folder READMEs after the documented
 * skip rules. The data sets are never copied into the repository; without ../shared the suite is
 * skipped with a line saying so.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedRecord } from '../../src/domain/listen.js';
import { detectFormat, openInputs } from '../../src/sources/index.js';
import type { Entry, FormatName } from '../../src/sources/types.js';

const SHARED = resolve(import.meta.dirname, '../../../shared');
const DATA = join(SHARED, 'data');
const FIXTURES = join(SHARED, 'fixtures', 'listenbrainz');
const HAS_DATA = existsSync(DATA);

if (!HAS_DATA) {
  console.warn(
    `sources-real-data: skipped, ${DATA} is absent (the shared data sets live next to the repository)`,
  );
}

const OPTIONS = { encoding: 'utf8' as const, now: Date.UTC(2026, 11, 31) };

interface Tally {
  format: FormatName | null;
  records: number;
  listens: number;
  collection: number;
  skipped: Record<string, number>;
  rejected: Record<string, number>;
  users: Set<string>;
  all: ParsedRecord[];
}

async function tally(entries: Entry[]): Promise<Tally> {
  const t: Tally = {
    format: null,
    records: 0,
    listens: 0,
    collection: 0,
    skipped: {},
    rejected: {},
    users: new Set(),
    all: [],
  };
  for (const entry of entries) {
    const detection = await detectFormat(entry);
    if (!detection) throw new Error(`${entry.path}: no format detected`);
    if (t.format !== null && t.format !== detection.format.name)
      throw new Error(`${entry.path}: mixed formats`);
    t.format = detection.format.name;
    for await (const record of detection.format.parse(entry, OPTIONS)) {
      t.records++;
      t.all.push(record);
      if (record.kind === 'listen') {
        t.listens++;
        if (record.listen.user) t.users.add(record.listen.user);
      } else if (record.kind === 'collection') {
        t.collection++;
      } else if (record.kind === 'skip') {
        t.skipped[record.reason] = (t.skipped[record.reason] ?? 0) + 1;
      } else {
        t.rejected[record.reason] = (t.rejected[record.reason] ?? 0) + 1;
      }
    }
  }
  return t;
}

async function tallyPath(path: string, keep: (entry: Entry) => boolean = () => true): Promise<Tally> {
  return tally((await openInputs(path)).filter(keep));
}

describe.skipIf(!HAS_DATA)('real exports in ../shared/data', () => {
  it('Last.fm lastfm-to-csv export: 60,950 rows, 303 now-playing rows skipped, 60,647 listens', async () => {
    const t = await tallyPath(join(DATA, 'lastfm-scrobbles-export-benjaminbenben', 'lastfm_scrobbles.csv'));
    expect(t.format).toBe('lastfm-csv');
    expect(t.records).toBe(60_950);
    expect(t.skipped).toEqual({ now_playing: 303 });
    expect(t.listens).toBe(60_647);
    expect(t.rejected).toEqual({});
    // The now-playing rows sit at the start of every 201-row page.
    const nowPlayingLines = t.all.filter((r) => r.kind === 'skip').map((r) => r.where.line);
    expect(nowPlayingLines.slice(0, 3)).toEqual([1, 202, 403]);
    const times = t.all.flatMap((r) => (r.kind === 'listen' ? [r.listen.listenedAt] : []));
    expect(new Date(Math.min(...times)).toISOString()).toBe('2008-08-20T11:17:00.000Z');
    expect(new Date(Math.max(...times)).toISOString()).toBe('2020-11-20T09:35:00.000Z');
  });

  describe('Spotify extended streaming history (efrrowini)', () => {
    const dir = join(DATA, 'spotify-extended-streaming-history', 'efrrowini');

    it('audio files: 6,978 rows → 5,038 listens, 1,891 short plays, 49 podcast episodes', async () => {
      const t = await tallyPath(dir, (e) => e.name.includes('Audio'));
      expect(t.format).toBe('spotify-extended');
      expect(t.records).toBe(6_978);
      expect(t.listens).toBe(5_038);
      expect(t.skipped).toEqual({ short_play: 1_891, podcast: 49 });
      expect(t.rejected).toEqual({});
    });

    it('video files: all 29 rows skipped as video', async () => {
      const t = await tallyPath(dir, (e) => e.name.includes('Video'));
      expect(t.format).toBe('spotify-extended');
      expect(t.records).toBe(29);
      expect(t.skipped).toEqual({ video: 29 });
    });

    it('stamps listens at the start: ts minus ms_played', async () => {
      const [entry] = (await openInputs(dir)).filter((e) => e.name === 'Streaming_History_Audio_2024.json');
      const t = await tally([entry!]);
      const trackdone = t.all.find(
        (r) =>
          r.kind === 'listen' &&
          r.raw.includes('"Everytime We Touch"') &&
          r.raw.includes('"ms_played": 197124'),
      );
      expect(trackdone).toMatchObject({
        kind: 'listen',
        listen: {
          listenedAt: Date.parse('2024-08-02T12:00:30Z') - 197124,
          stampedEdge: 'end',
          artist: 'Cascada',
        },
      });
    });
  });

  it('Spotify account data StreamingHistory0.json: 6,866 rows → 5,150 listens, 1,716 short plays', async () => {
    const t = await tallyPath(join(DATA, 'spotify-streaming-history-basic', 'StreamingHistory0.json'));
    expect(t.format).toBe('spotify-account');
    expect(t.records).toBe(6_866);
    expect(t.listens).toBe(5_150);
    expect(t.skipped).toEqual({ short_play: 1_716 });
    expect(t.rejected).toEqual({});
  });

  it('Last.fm 1K sample: 5,000 listens of 2 users', async () => {
    const t = await tallyPath(
      join(DATA, 'lastfm-1k-sample', 'userid-timestamp-artid-artname-traid-traname.head5000.tsv'),
    );
    expect(t.format).toBe('lastfm-1k-tsv');
    expect(t.listens).toBe(5_000);
    expect(t.records).toBe(5_000);
    expect([...t.users].sort()).toEqual(['user_000001', 'user_000002']);
    const withArtistMbid = t.all.filter((r) => r.kind === 'listen' && r.listen.artistMbids).length;
    const withTrackMbid = t.all.filter((r) => r.kind === 'listen' && r.listen.recordingMbid).length;
    expect([withArtistMbid, withTrackMbid]).toEqual([4_647, 3_604]);
  });

  it('the profile file of the 1K data set is not a listening history', async () => {
    const [entry] = await openInputs(join(DATA, 'lastfm-1k-sample', 'userid-profile.tsv'));
    expect(await detectFormat(entry!)).toBeNull();
  });

  describe('ListenBrainz exports (Koito fixtures)', () => {
    const koito = join(DATA, 'listenbrainz-export-fixtures', 'koito');

    it('listenbrainz_shoko1_123456789.zip: 19 listens, 9 with a recording MBID', async () => {
      const t = await tallyPath(join(koito, 'listenbrainz_shoko1_123456789.zip'));
      expect(t.format).toBe('listenbrainz-jsonl');
      expect(t.listens).toBe(19);
      expect(t.records).toBe(19);
      expect(t.all.filter((r) => r.kind === 'listen' && r.listen.recordingMbid).length).toBe(9);
    });

    it('listenbrainz_shoko1_1749780844.zip: 5 listens; user.json is not a listen file', async () => {
      const entries = await openInputs(join(koito, 'listenbrainz_shoko1_1749780844.zip'));
      expect(entries.map((e) => e.name).sort()).toEqual(['6.jsonl', 'user.json']);
      const userJson = entries.find((e) => e.name === 'user.json')!;
      expect(await detectFormat(userJson)).toBeNull();
      const t = await tally(entries.filter((e) => e !== userJson));
      expect(t.format).toBe('listenbrainz-jsonl');
      expect(t.listens).toBe(5);
      expect(t.all.every((r) => r.kind === 'listen' && r.listen.recordingMbid)).toBe(true);
      expect(t.all[0]?.where.file).toBe(
        `${join(koito, 'listenbrainz_shoko1_1749780844.zip')}:listens/2025/6.jsonl`,
      );
    });

    it('keeps the mapped credit only where it spells the submitted artist', async () => {
      const t = await tallyPath(
        join(koito, 'listenbrainz_shoko1_1749780844.zip'),
        (e) => e.name !== 'user.json',
      );
      const byTrack = new Map(
        t.all.flatMap((r) => (r.kind === 'listen' ? [[r.listen.track, r.listen] as const] : [])),
      );
      expect(byTrack.get('The Loneliest Time')?.credit?.map((c) => c.name)).toEqual([
        'Carly Rae Jepsen',
        'Rufus Wainwright',
      ]);
    });

    it('recenttracks-shoko2-1749776100.json: 10 Last.fm scrobbles', async () => {
      const t = await tallyPath(join(koito, 'recenttracks-shoko2-1749776100.json'));
      expect(t.format).toBe('lastfm-recenttracks');
      expect(t.listens).toBe(10);
      expect(t.records).toBe(10);
    });
  });

  describe('Discogs (pandas-resaved exports)', () => {
    const dir = join(DATA, 'discogs-collection-derived');

    it('collection.csv: 23 collection items', async () => {
      const t = await tallyPath(join(dir, 'collection.csv'));
      expect(t.format).toBe('discogs-collection-csv');
      expect(t.collection).toBe(23);
      expect(t.records).toBe(23);
      expect(
        t.all.every(
          (r) => r.kind === 'collection' && r.item.list === 'collection' && r.item.addedAt !== null,
        ),
      ).toBe(true);
    });

    it('wants.csv: 359 wantlist items', async () => {
      const t = await tallyPath(join(dir, 'wants.csv'));
      expect(t.format).toBe('discogs-collection-csv');
      expect(t.collection).toBe(359);
      expect(t.records).toBe(359);
      expect(t.all.every((r) => r.kind === 'collection' && r.item.list === 'wantlist')).toBe(true);
    });
  });
});

describe.skipIf(!existsSync(FIXTURES))(
  'ListenBrainz export-like fixtures in ../shared/fixtures/listenbrainz',
  () => {
    it('listenbrainz_listens.jsonl: 2 listens mapped from Spotify, with ISRC and Spotify URI', async () => {
      const t = await tallyPath(join(FIXTURES, 'listenbrainz_listens.jsonl'));
      expect(t.format).toBe('listenbrainz-jsonl');
      expect(t.listens).toBe(2);
      expect(t.all[1]).toMatchObject({
        listen: {
          artist: 'The Mamas & The Papas',
          isrc: 'USMC16532697',
          spotifyUri: 'spotify:track:4s6LhHAV5SEsOV0lC2tjvJ',
          // The mapping spells "The Mamas & the Papas": the same text ignoring case, so its credit is kept.
          credit: [
            { name: 'The Mamas & the Papas', joinPhrase: '', mbid: 'ff294730-0315-440d-a543-54005779c15b' },
          ],
        },
      });
    });

    it('mixed_validity and all_invalid: every line is read; empty names are left for ingest to reject', async () => {
      const mixed = await tallyPath(join(FIXTURES, 'listenbrainz_mixed_validity.jsonl'));
      expect(mixed.listens).toBe(5);
      const emptyNamed = mixed.all.filter(
        (r) => r.kind === 'listen' && (r.listen.artist === '' || r.listen.track === ''),
      );
      expect(emptyNamed.map((r) => r.where.line)).toEqual([2, 4]);
      const invalid = await tallyPath(join(FIXTURES, 'listenbrainz_all_invalid.jsonl'));
      expect(invalid.listens).toBe(3);
    });

    it('panoscrobbler.jsonl is not a ListenBrainz file', async () => {
      const [entry] = await openInputs(join(FIXTURES, 'panoscrobbler.jsonl'));
      expect(await detectFormat(entry!)).toBeNull();
    });
  },
);
