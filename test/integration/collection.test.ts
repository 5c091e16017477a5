// The Discogs items a user imported, as /api/collection shows them: searched, filtered, paged,
// and only the user's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import-service.js';
import { testApp } from '../support/app.js';
import type { App } from '../../src/server/app.js';
import type { Database } from '../../src/store/database.js';
import { createToken } from '../../src/store/token-repository.js';
import { addUser } from '../../src/store/user-repository.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { memoryDb, tempDir } from '../support/temp.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const dir = tempDir();

interface Page {
  user: string;
  total: number;
  next: number | null;
  items: { artist: string; title: string; list: string; format: string | null; rating: number | null }[];
}

const HEADER =
  ',Catalognum,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,DateAdded\n';
const collection = dir.file(
  'collection.csv',
  HEADER +
    '0,NODATA 01,Radiohead,OK Computer,Parlophone,"2xLP, Album, RE",5.0,1997,1001,Uncategorized,2021-11-18 17:52:30\n' +
    '1,SD 7200,"Crosby, Stills, Nash & Young",Déjà Vu,Atlantic,"LP, Album",3.0,1970,1002,Uncategorized,2021-10-23 17:30:19\n' +
    '2,7243 8 55229 2 5,Radiohead,Kid A,Parlophone,"CD, Album",,2000,1003,Uncategorized,2022-01-09 19:14:10\n' +
    '3,ATL 100%,Aretha Franklin,Lady Soul,Atlantic,"LP, Album, Mono",4.0,1968,1004,Uncategorized,2022-02-01 10:00:00\n',
);
const wants = dir.file(
  'wants.csv',
  ',Catalognum,Artist,Title,Label,Format,Rating,Released,release_id,Notes\n' +
    '0,395 312-2,The Neville Brothers,Brother\'s Keeper,A&M Records,"CD, Album",,1990,925929,\n',
);

let db: Database;
let server: App;
let alice: string;
let bob: string;

beforeAll(async () => {
  db = await memoryDb();
  server = testApp(db, { now: () => NOW });
  alice = await createToken(db, (await addUser(db, 'alice')).id);
  bob = await createToken(db, (await addUser(db, 'bob')).id);
  await importFiles(db, { paths: [collection, wants], userName: 'alice', defaultUserName: 'me', now: NOW });
});

afterAll(async () => {
  await server.app.close();
  db.close();
  dir.cleanup();
});

async function get(url: string, token: string): Promise<{ status: number; body: Page & { error?: string } }> {
  const r = await server.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  return { status: r.statusCode, body: r.json() };
}

const titles = (p: Page) => p.items.map((i) => i.title);

describe('GET /api/collection', () => {
  it('lists both lists by artist and title, with the total', async () => {
    const r = await get('/api/collection', alice);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(5);
    expect(titles(r.body)).toEqual(['Lady Soul', 'Déjà Vu', 'Kid A', 'OK Computer', "Brother's Keeper"]);
    expect(r.body.next).toBeNull();
  });

  it('filters by list, text, format, years and rating', async () => {
    expect(titles((await get('/api/collection?list=wantlist', alice)).body)).toEqual(["Brother's Keeper"]);
    expect(titles((await get('/api/collection?search=parlo', alice)).body)).toEqual(['Kid A', 'OK Computer']);
    expect(titles((await get('/api/collection?search=100%25', alice)).body)).toEqual(['Lady Soul']);
    expect(titles((await get('/api/collection?search=%25', alice)).body)).toEqual(['Lady Soul']);
    expect(titles((await get('/api/collection?format=lp', alice)).body)).toEqual([
      'Lady Soul',
      'Déjà Vu',
      'OK Computer',
    ]);
    expect(titles((await get('/api/collection?yearFrom=1990&yearTo=1999', alice)).body)).toEqual([
      'OK Computer',
      "Brother's Keeper",
    ]);
    expect(titles((await get('/api/collection?rating=4', alice)).body)).toEqual(['Lady Soul', 'OK Computer']);
  });

  it('pages with limit and offset; next says where the next page starts', async () => {
    const first = await get('/api/collection?limit=2', alice);
    expect(first.body).toMatchObject({ total: 5, next: 2 });
    const last = await get('/api/collection?limit=2&offset=4', alice);
    expect(last.body).toMatchObject({ total: 5, next: null });
    expect(titles(last.body)).toEqual(["Brother's Keeper"]);
    const past = await get('/api/collection?limit=2&offset=10', alice);
    expect(past.body).toMatchObject({ total: 5, next: null, items: [] });
  });

  it("shows only the token user's items; another private profile is refused", async () => {
    expect((await get('/api/collection', bob)).body).toMatchObject({ user: 'bob', total: 0 });
    const other = await get('/api/collection?user=alice', bob);
    expect(other.status).toBe(403);
    const bad = await get('/api/collection?yearFrom=2000&yearTo=1990', alice);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('yearFrom 2000 is after yearTo 1990');
  });
});

describe.skipIf(!hasSharedData)('a real Discogs collection and wantlist', () => {
  it('shows every item imported, in both lists', async () => {
    const own = await memoryDb();
    const app = testApp(own, { now: () => NOW });
    try {
      const token = await createToken(own, 1);
      await importFiles(own, {
        paths: [
          sharedFile('discogs-collection-derived', 'collection.csv'),
          sharedFile('discogs-collection-derived', 'wants.csv'),
        ],
        defaultUserName: 'me',
        now: NOW,
      });
      const page = async (q: string) =>
        (
          await app.app.inject({
            method: 'GET',
            url: `/api/collection?${q}`,
            headers: { authorization: `Bearer ${token}` },
          })
        ).json<Page>();
      expect((await page('list=collection')).total).toBe(23);
      expect((await page('list=wantlist')).total).toBe(359);
      const deja = await page('search=d%C3%A9j%C3%A0');
      expect(deja.items.map((i) => [i.artist, i.title, i.rating])).toContainEqual([
        'Crosby, Stills, Nash & Young',
        'Déjà Vu',
        3,
      ]);
    } finally {
      await app.app.close();
      own.close();
    }
  });
});

/**
 * The test's own matching, simpler than the store's: case, accents kept, punctuation and spacing
 * ignored, Discogs' "(2)" and "*" marks dropped. Edition tags are not handled, so every item is
 * expected to have at least the plays found here, and exactly as many where no stored release
 * title of that artist carries more than the item's title.
 */
const plain = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s\(\d+\)(?=\s|,|$)|(?<=\S)\*(?=\s|,|$)/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

describe.skipIf(!hasSharedData)('listens of each Discogs item, from a real Last.fm export', () => {
  it('counts the plays of the release of the same artist and title, and when the latest was', async () => {
    const own = await memoryDb();
    const app = testApp(own, { now: () => NOW });
    try {
      const token = await createToken(own, 1);
      await importFiles(own, {
        paths: [
          sharedFile('discogs-collection-derived', 'collection.csv'),
          sharedFile('discogs-collection-derived', 'wants.csv'),
          sharedFile('lastfm-scrobbles-export-benjaminbenben', 'lastfm_scrobbles.csv'),
        ],
        defaultUserName: 'me',
        now: NOW,
      });
      // The stored listens' own text, counted here by the simple match above.
      const stored = await own.all<{ artist: string; release: string | null; at: string }>(
        `SELECT artist, release, strftime(listened_at, '%Y-%m-%dT%H:%M:%SZ') AS at FROM listens WHERE user_id = 1`,
      );
      const byKey = new Map<string, { n: number; last: string }>();
      for (const l of stored) {
        if (!l.release) continue;
        const key = `${plain(l.artist)}|${plain(l.release)}`;
        const seen = byKey.get(key) ?? { n: 0, last: '' };
        byKey.set(key, { n: seen.n + 1, last: l.at > seen.last ? l.at : seen.last });
      }
      type Played = Page['items'][number] & { listens: number; lastListenedAt: string | null };
      const items: Played[] = [];
      let offset: number | null = 0;
      while (offset !== null) {
        const r: { json: () => { next: number | null; items: Played[] } } = await app.app.inject({
          method: 'GET',
          url: `/api/collection?limit=100&offset=${offset}`,
          headers: { authorization: `Bearer ${token}` },
        });
        const body = r.json();
        items.push(...body.items);
        offset = body.next;
      }
      expect(items).toHaveLength(23 + 359);
      const expected = items.map((i) => byKey.get(`${plain(i.artist)}|${plain(i.title)}`));
      const played = items.filter((_, k) => expected[k] !== undefined);
      // Radiohead's OK Computer, Electric Ladyland, Master of Puppets, Wu-Tang Forever, …
      expect(played.length).toBeGreaterThanOrEqual(14);
      items.forEach((item, k) => {
        const want = expected[k];
        expect(item.listens, `${item.artist} – ${item.title}`).toBeGreaterThanOrEqual(want?.n ?? 0);
        if (want) expect(item.lastListenedAt).toBe(want.last);
        else if (item.listens === 0) expect(item.lastListenedAt).toBeNull();
      });
      const ok = items.find((i) => i.artist === 'Radiohead' && i.title === 'OK Computer');
      expect(ok?.listens).toBe(byKey.get('radiohead|ok computer')?.n);
      // Nothing played by another user counts: a second user's view of the same items shows none.
      const bob = await addUser(own, 'bob');
      await importFiles(own, {
        paths: [sharedFile('discogs-collection-derived', 'collection.csv')],
        userName: 'bob',
        defaultUserName: 'me',
        now: NOW,
      });
      const bobs = await app.app.inject({
        method: 'GET',
        url: '/api/collection?limit=100',
        headers: { authorization: `Bearer ${await createToken(own, bob.id)}` },
      });
      expect(bobs.json<{ items: { listens: number }[] }>().items.every((i) => i.listens === 0)).toBe(true);
    } finally {
      await app.app.close();
      own.close();
    }
  }, 60_000);
});
