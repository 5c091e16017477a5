// Soundtracks: known by MusicBrainz's secondary type, a genre, or the title rule; counted with
// their share of the listening, and filtered in the collection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import-service.js';
import { getSoundtracks } from '../../src/stats/index.js';
import { listCollectionItems } from '../../src/store/collection-repository.js';
import type { Database } from '../../src/store/database.js';
import { memoryDb, tempDir } from '../support/temp.js';

const NOW = Date.UTC(2026, 0, 1);
const RG = '11111111-1111-1111-1111-111111111111';

describe('soundtracks', () => {
  const dir = tempDir();
  let db: Database;

  beforeAll(async () => {
    db = await memoryDb();
    const line = (i: number, artist: string, track: string, release: string, rg?: string) =>
      JSON.stringify({
        listened_at: 1_700_000_000 + i * 600,
        track_metadata: {
          artist_name: artist,
          track_name: track,
          release_name: release,
          additional_info: rg ? { release_group_mbid: rg } : {},
        },
      });
    const listens = [
      line(0, 'Vangelis', 'Main Titles', 'Blade Runner (Original Motion Picture Soundtrack)'),
      line(1, 'Vangelis', 'Love Theme', 'Blade Runner (Original Motion Picture Soundtrack)'),
      line(2, 'Hans Zimmer', 'Cornfield Chase', 'Interstellar', RG),
      line(3, 'Radiohead', 'Airbag', 'OK Computer'),
      line(4, 'Radiohead', 'Lucky', 'OK Computer'),
    ];
    const collection = [
      'Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added,Collection Media Condition,Collection Sleeve Condition,Collection Notes',
      'P 1,Vangelis,Blade Runner (Original Motion Picture Soundtrack),Atlantic,"LP, Album",5,1994,1,Uncategorized,2023-01-15 19:02:44,,,',
      'P 2,Radiohead,OK Computer,Parlophone,"LP, Album",5,1997,2,Uncategorized,2023-01-15 19:02:44,,,',
      'P 3,Hans Zimmer,Interstellar,WaterTower,"CD, Album",4,2014,3,Soundtracks,2023-01-15 19:02:44,,,',
    ];
    await importFiles(db, {
      paths: [
        dir.file('l.jsonl', listens.join('\n') + '\n'),
        dir.file('discogs-collection.csv', collection.join('\n') + '\n'),
      ],
      defaultUserName: 'me',
      now: NOW,
    });
    await db.run(
      `INSERT INTO mb_release_groups (mbid, title, primary_type, secondary_types, stub, import_id)
       VALUES ('${RG}', 'Interstellar', 'Album', ['Soundtrack'], false, 1)`,
    );
  }, 60_000);

  afterAll(() => {
    db?.close();
    dir.cleanup();
  });

  it('counts the soundtracks played, with their share and how each is known', async () => {
    const found = await getSoundtracks(db, { userId: 1, now: NOW });
    expect(found.plays).toBe(3);
    expect(found.share).toBe(0.6);
    expect(found.releases.map((r) => [r.title, r.plays, r.by])).toEqual([
      ['Blade Runner (Original Motion Picture Soundtrack)', 2, 'title'],
      ['Interstellar', 1, 'musicbrainz'],
    ]);
  });

  it('filters the collection to its soundtracks (the title rule, or a folder named so)', async () => {
    const page = await listCollectionItems(db, { userId: 1, soundtracks: true }, { limit: 10, offset: 0 });
    expect(page.items.map((i) => i.title)).toEqual([
      'Interstellar',
      'Blade Runner (Original Motion Picture Soundtrack)',
    ]);
  });
});
