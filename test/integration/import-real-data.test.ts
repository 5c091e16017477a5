// Every real export under ../shared/data that holds listens or a collection imports with the counts
// its README gives (after the documented skip rules), and importing it again inserts nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles, type FileReport } from '../../src/ingest/import-service.js';
import type { Database } from '../../src/store/database.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { count, memoryDb, tempDir } from '../support/temp.js';
import { writeZip } from '../support/zip.js';

const NOW = Date.UTC(2026, 10, 22);

async function importOnce(db: Database, paths: string[], userName?: string) {
  return importFiles(db, { paths, defaultUserName: 'me', now: NOW, ...(userName ? { userName } : {}) });
}

function only(files: FileReport[]): FileReport {
  expect(files).toHaveLength(1);
  return files[0]!;
}

describe.skipIf(!hasSharedData)('importing the real exports in ../shared/data', () => {
  let db: Database;
  beforeAll(async () => {
    db = await memoryDb();
  });
  afterAll(() => db.close());

  it('Last.fm lastfm-to-csv: 60,950 rows, 303 "now playing" rows skipped, double scrobbles stored once', async () => {
    const file = sharedFile('lastfm-scrobbles-export-benjaminbenben', 'lastfm_scrobbles.csv');
    const first = only((await importOnce(db, [file], 'lastfm-user')).files);
    expect(first.format).toBe('lastfm-csv');
    expect(first.read).toBe(60_950);
    expect(first.skipped).toEqual({ now_playing: 303 });
    expect(first.rejected).toEqual({});
    // 60,647 dated rows; 2,383 repeat another row's artist, track and minute (Last.fm double scrobbles;
    // 2,382 are identical rows, one differs only in its album): each is one play.
    expect(first.inserted + first.duplicates).toBe(60_647);
    expect(first.duplicates).toBe(2_383);
    const again = only((await importOnce(db, [file], 'lastfm-user')).files);
    expect(again.inserted).toBe(0);
    expect(again.duplicates).toBe(60_647);
    expect(
      await count(
        db,
        `SELECT count(*) n FROM listens l JOIN users u ON u.id = l.user_id WHERE u.name = 'lastfm-user'`,
      ),
    ).toBe(58_264);
    // Skipped rows are kept, once, with their reason.
    expect(
      await count(
        db,
        `SELECT count(*) n FROM rejected_records WHERE status = 'skipped' AND reason = 'now_playing'`,
      ),
    ).toBe(303);
  }, 240_000); // 61k rows imported twice

  it('Spotify extended history: a folder of yearly files, podcasts, videos and short plays reported', async () => {
    const dir = sharedFile('spotify-extended-streaming-history', 'efrrowini');
    const report = await importOnce(db, [dir], 'spotify-user');
    const files = report.files;
    const audio = files.find((f) => f.format === 'spotify-extended')!;
    expect(audio.entries).toBe(6);
    expect(audio.read).toBe(7_007);
    expect(audio.skipped).toEqual({ short_play: 1_891, podcast: 49, video: 29 });
    expect(audio.inserted + audio.duplicates).toBe(5_038);
    const again = await importOnce(db, [dir], 'spotify-user');
    expect(again.totals.inserted).toBe(0);
  });

  it('Spotify account data: minute-precision end times become starts; short plays skipped', async () => {
    const file = sharedFile('spotify-streaming-history-basic', 'StreamingHistory0.json');
    const f = only((await importOnce(db, [file], 'basic-user')).files);
    expect(f.format).toBe('spotify-account');
    expect(f.read).toBe(6_866);
    expect(f.skipped).toEqual({ short_play: 1_716 });
    expect(f.inserted + f.duplicates).toBe(5_150);
    expect(only((await importOnce(db, [file], 'basic-user')).files).inserted).toBe(0);
  });

  it('Last.fm 1K research TSV: the users named in the file are created', async () => {
    const file = sharedFile('lastfm-1k-sample', 'userid-timestamp-artid-artname-traid-traname.head5000.tsv');
    const f = only((await importOnce(db, [file])).files);
    expect(f.format).toBe('lastfm-1k-tsv');
    expect(f.inserted + f.duplicates).toBe(5_000);
    expect(f.usersCreated.sort()).toEqual(['user_000001', 'user_000002']);
    expect(
      await count(
        db,
        `SELECT count(*) n FROM listens l JOIN users u ON u.id = l.user_id WHERE u.name = 'user_000002'`,
      ),
    ).toBe(3);
    expect(only((await importOnce(db, [file])).files).inserted).toBe(0);
  });

  it('ListenBrainz export zips and a Last.fm recent-tracks page', async () => {
    const zips = ['listenbrainz_shoko1_123456789.zip', 'listenbrainz_shoko1_1749780844.zip'].map((z) =>
      sharedFile('listenbrainz-export-fixtures', 'koito', z),
    );
    const report = await importOnce(db, zips, 'shoko');
    expect(report.files.map((f) => [f.format, f.inserted])).toEqual([
      ['listenbrainz-jsonl', 19],
      ['listenbrainz-jsonl', 5],
    ]);
    expect(report.files[1]!.ignoredEntries.map((e) => e.entry)).toEqual([`${zips[1]}:user.json`]);
    const recent = sharedFile('listenbrainz-export-fixtures', 'koito', 'recenttracks-shoko2-1749776100.json');
    const page = only((await importOnce(db, [recent], 'shoko2')).files);
    expect(page.format).toBe('lastfm-recenttracks');
    expect(page.inserted).toBe(10);
    expect((await importOnce(db, zips, 'shoko')).totals.inserted).toBe(0);
    expect((await importOnce(db, [recent], 'shoko2')).totals.inserted).toBe(0);
  });

  it('Discogs collection and wantlist (pandas re-saved CSVs)', async () => {
    const collection = sharedFile('discogs-collection-derived', 'collection.csv');
    const wants = sharedFile('discogs-collection-derived', 'wants.csv');
    const report = await importOnce(db, [collection, wants], 'collector');
    expect(report.files.map((f) => [f.format, f.collectionItems?.inserted])).toEqual([
      ['discogs-collection-csv', 23],
      ['discogs-collection-csv', 359],
    ]);
    expect(await count(db, `SELECT count(*) n FROM collection_items WHERE list = 'wantlist'`)).toBe(359);
    const again = await importOnce(db, [collection, wants], 'collector');
    expect(again.files.map((f) => f.collectionItems?.inserted)).toEqual([0, 0]);
  });
});

describe.skipIf(!hasSharedData)('a Spotify export zip as downloaded', () => {
  it('is read in place: the audio and video files inside, the PDF ignored, the same counts as the folder', async () => {
    const dir = tempDir();
    const db = await memoryDb();
    try {
      const folder = sharedFile('spotify-extended-streaming-history', 'efrrowini');
      const members: Record<string, Buffer | string> = {
        'Spotify Extended Streaming History/': '',
        'Spotify Extended Streaming History/ReadMeFirst_ExtendedStreamingHistory.pdf': '%PDF-1.4 not really',
      };
      for (const name of readdirSync(folder)) {
        members[`Spotify Extended Streaming History/${name}`] = readFileSync(join(folder, name));
      }
      const zip = join(dir.path, 'my_spotify_data.zip');
      await writeZip(zip, members);
      const report = await importFiles(db, { paths: [zip], defaultUserName: 'me', now: NOW });
      const f = only(report.files);
      expect(f.format).toBe('spotify-extended');
      expect(f.entries).toBe(6);
      expect(f.inserted).toBe(5_038);
      expect(f.skipped).toEqual({ short_play: 1_891, podcast: 49, video: 29 });
      expect(f.examples[0]!.where).toMatch(
        /my_spotify_data\.zip:Spotify Extended Streaming History\/Streaming_History_\w+\.json:\d+/,
      );
    } finally {
      db.close();
      dir.cleanup();
    }
  });
});
