// Enrichment against local HTTP servers answering like MusicBrainz, the Cover Art Archive, Discogs,
// Spotify and an OpenAI-compatible endpoint (test/support/fake-services.ts): the cover sources in
// order, genres from each source, descriptions, the rate limits counted at the server, 503 and 429
// with Retry-After, a timeout, credentials kept out of the cache, images stored once by hash and
// served with cache headers, and a restart in the middle that asks nothing twice.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalogue } from '../../src/catalog/dump-import.js';
import { matchCatalogue } from '../../src/catalog/match-service.js';
import { resolveConfig } from '../../src/config/index.js';
import { createEnrichment, type Enrichment } from '../../src/enrich/index.js';
import { importFiles } from '../../src/ingest/import-service.js';
import { VERSION } from '../../src/server/app.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { createToken } from '../../src/store/token-repository.js';
import { testApp } from '../support/app.js';
import {
  maxInWindow,
  png,
  startFakeServices,
  type FakeServices,
  type Route,
} from '../support/fake-services.js';
import { tempDir } from '../support/temp.js';

const NOW = () => Date.now();
const id = (n: number, k = 'a') =>
  `${String(n).padStart(8, k)}-${k.repeat(4)}-4${k.repeat(3)}-8${k.repeat(3)}-${String(n).padStart(12, k)}`;
const BOC = id(1, 'b');
const APHEX = id(2, 'b');
const G1 = id(1, 'c');
const G2 = id(2, 'c');
const G3 = id(3, 'c');
const G4 = id(4, 'c');
const G5 = id(5, 'c');
const R1 = id(1, 'd');
const R2 = id(2, 'd');
const R3 = id(3, 'd');
const R4 = id(4, 'd');
const R5 = id(5, 'd');
const DISCOGS_TOKEN = 'secret-discogs-token-1234';
const SPOTIFY_SECRET = 'secret-spotify-client-5678';
const SPOTIFY_TOKEN = 'spotify-access-token-9999';

const ALBUMS = [
  {
    rg: G1,
    release: R1,
    title: 'Music Has the Right to Children',
    artist: BOC,
    artistName: 'Boards of Canada',
    year: '1998',
    track: 'Roygbiv',
  },
  {
    rg: G2,
    release: R2,
    title: 'Geogaddi',
    artist: BOC,
    artistName: 'Boards of Canada',
    year: '2002',
    track: 'Music Is Math',
  },
  {
    rg: G3,
    release: R3,
    title: "Tomorrow's Harvest",
    artist: BOC,
    artistName: 'Boards of Canada',
    year: '2013',
    track: 'Reach for the Dead',
  },
  {
    rg: G4,
    release: R4,
    title: 'Original Motion Picture Soundtrack',
    artist: BOC,
    artistName: 'Boards of Canada',
    year: '2020',
    track: 'Night Drive',
  },
  {
    rg: G5,
    release: R5,
    title: 'Selected Ambient Works 85-92',
    artist: APHEX,
    artistName: 'Aphex Twin',
    year: '1992',
    track: 'Xtal',
  },
];

function releaseLine(a: (typeof ALBUMS)[number], k: number): string {
  return JSON.stringify({
    id: a.release,
    title: a.title,
    date: `${a.year}-01-01`,
    'artist-credit': [
      {
        name: a.artistName,
        joinphrase: '',
        artist: { id: a.artist, name: a.artistName, 'sort-name': a.artistName },
      },
    ],
    'release-group': {
      id: a.rg,
      title: a.title,
      'primary-type': 'Album',
      'secondary-types': [],
      'first-release-date': a.year,
    },
    media: [
      {
        position: 1,
        tracks: [
          {
            position: 1,
            title: a.track,
            length: 200_000,
            recording: { id: id(10 + k, 'e'), title: a.track, length: 200_000 },
          },
        ],
      },
    ],
  });
}

const IMAGES: Record<string, Buffer> = {
  'r1.png': png(600, 600, 10),
  'r1-250.png': png(250, 250, 11),
  'r5.png': png(500, 500, 50),
  'g2.png': png(600, 600, 20),
  'g2-150.png': png(150, 150, 21),
  'th-640.png': png(640, 640, 30),
  'th-300.png': png(300, 300, 31),
  // Discogs' picture of the artist is byte for byte the first album's cover: stored once.
  'boc.png': png(600, 600, 10),
  'aphex-640.png': png(640, 640, 40),
};

function routes(base: () => string): Route[] {
  const img = (name: string) => `${base()}/img/${name}`;
  const caaImages = (full: string, thumb: string) => ({
    images: [
      {
        types: ['Front'],
        front: true,
        back: false,
        approved: true,
        image: img(full),
        thumbnails: { '250': img(thumb), small: img(thumb) },
      },
    ],
    release: `https://musicbrainz.org/release/x`,
  });
  return [
    ({ url }) => {
      const m = /^\/img\/(.+)$/.exec(url.pathname);
      return m && IMAGES[m[1]!] ? { body: IMAGES[m[1]!]! } : null;
    },
    // MusicBrainz WS/2 lookups with genres and tags.
    ({ url }) => {
      if (!url.pathname.startsWith('/ws/2/')) return null;
      if (url.pathname === `/ws/2/artist/${BOC}`)
        return {
          json: {
            id: BOC,
            name: 'Boards of Canada',
            genres: [
              { name: 'electronic', count: 4 },
              { name: 'idm', count: 2 },
            ],
            tags: [{ name: 'scottish', count: 3 }],
          },
        };
      if (url.pathname === `/ws/2/artist/${APHEX}`)
        return {
          json: {
            id: APHEX,
            name: 'Aphex Twin',
            genres: [
              { name: 'idm', count: 5 },
              { name: 'ambient techno', count: 3 },
            ],
            tags: [],
          },
        };
      if (url.pathname === `/ws/2/release-group/${G5}`)
        return { json: { id: G5, genres: [{ name: 'ambient', count: 2 }], tags: [] } };
      if (url.pathname.startsWith('/ws/2/release-group/')) return { json: { genres: [], tags: [] } };
      return null;
    },
    ({ url }) => {
      if (url.pathname === `/caa/release/${R1}/`) return { json: caaImages('r1.png', 'r1-250.png') };
      if (url.pathname === `/caa/release/${R5}/`) return { json: caaImages('r5.png', 'r5.png') };
      return null;
    },
    ({ url, headers }) => {
      if (!url.pathname.startsWith('/discogs/')) return null;
      if (headers.authorization !== `Discogs token=${DISCOGS_TOKEN}`)
        return { status: 401, json: { message: 'You must authenticate to access this resource.' } };
      const p = url.searchParams;
      if (p.get('type') === 'release' && p.get('release_title') === 'Geogaddi')
        return {
          json: {
            pagination: { page: 1, pages: 1, per_page: 5, items: 1, urls: {} },
            results: [
              {
                id: 7,
                type: 'release',
                title: 'Boards Of Canada - Geogaddi',
                year: '2002',
                genre: ['Electronic'],
                style: ['IDM', 'Downtempo'],
                cover_image: img('g2.png'),
                thumb: img('g2-150.png'),
              },
            ],
          },
        };
      if (p.get('type') === 'artist' && p.get('q') === 'Boards of Canada')
        return {
          json: {
            pagination: { page: 1, pages: 1 },
            results: [
              {
                id: 3,
                type: 'artist',
                title: 'Boards Of Canada',
                cover_image: img('boc.png'),
                thumb: img('boc.png'),
              },
            ],
          },
        };
      return { json: { pagination: { page: 1, pages: 0, items: 0 }, results: [] } };
    },
    ({ url, method, headers }) => {
      if (url.pathname === '/spotify-accounts/api/token' && method === 'POST') {
        const expected = `Basic ${Buffer.from(`spotify-client:${SPOTIFY_SECRET}`).toString('base64')}`;
        return headers.authorization === expected
          ? { json: { access_token: SPOTIFY_TOKEN, token_type: 'Bearer', expires_in: 3600 } }
          : { status: 400, json: { error: 'invalid_client' } };
      }
      if (!url.pathname.startsWith('/spotify/')) return null;
      if (headers.authorization !== `Bearer ${SPOTIFY_TOKEN}`)
        return { status: 401, json: { error: { status: 401, message: 'Invalid access token' } } };
      const q = url.searchParams.get('q') ?? '';
      if (url.searchParams.get('type') === 'album' && q.startsWith("album:Tomorrow's Harvest"))
        return {
          json: {
            albums: {
              items: [
                {
                  id: 'x1',
                  name: "Tomorrow's Harvest",
                  artists: [{ name: 'Boards of Canada' }],
                  images: [
                    { url: img('th-640.png'), width: 640, height: 640 },
                    { url: img('th-300.png'), width: 300, height: 300 },
                  ],
                },
              ],
            },
          },
        };
      if (url.searchParams.get('type') === 'artist' && q === 'artist:Aphex Twin')
        return {
          json: {
            artists: {
              items: [
                {
                  id: 'a1',
                  name: 'Aphex Twin',
                  genres: ['ambient'],
                  images: [{ url: img('aphex-640.png'), width: 640, height: 640 }],
                },
              ],
            },
          },
        };
      return { json: { albums: { items: [] }, artists: { items: [] } } };
    },
    ({ url, method, body }) => {
      if (url.pathname !== '/llm/chat/completions' || method !== 'POST') return null;
      const prompt = (JSON.parse(body) as { messages: { content: string }[] }).messages.at(-1)!.content;
      const what = /describe (.+?)\./.exec(prompt)?.[1] ?? 'it';
      return {
        json: {
          id: 'c1',
          object: 'chat.completion',
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: `About ${what}: a record.` },
              finish_reason: 'stop',
            },
          ],
        },
      };
    },
  ];
}

function enrichConfig(fake: FakeServices, extra: Record<string, string> = {}) {
  return resolveConfig({
    env: {
      LISTENHOUSE_MUSICBRAINZ_URL: `${fake.url}/ws/2`,
      LISTENHOUSE_MUSICBRAINZ_RATE: '2',
      LISTENHOUSE_COVER_ART_URL: `${fake.url}/caa`,
      LISTENHOUSE_DISCOGS_URL: `${fake.url}/discogs`,
      LISTENHOUSE_DISCOGS_RATE: '120',
      LISTENHOUSE_DISCOGS_TOKEN: DISCOGS_TOKEN,
      LISTENHOUSE_SPOTIFY_URL: `${fake.url}/spotify`,
      LISTENHOUSE_SPOTIFY_ACCOUNTS_URL: `${fake.url}/spotify-accounts`,
      LISTENHOUSE_SPOTIFY_CLIENT_ID: 'spotify-client',
      LISTENHOUSE_SPOTIFY_CLIENT_SECRET: SPOTIFY_SECRET,
      LISTENHOUSE_LLM_URL: `${fake.url}/llm`,
      LISTENHOUSE_LLM_RATE: '600',
      LISTENHOUSE_ENRICH_TIMEOUT: '1',
      LISTENHOUSE_ENRICH_RETRIES: '2',
      LISTENHOUSE_ENRICH_CONTACT: 'tests@example.org',
      ...extra,
    },
  }).config;
}

async function preparedDatabase(dir: ReturnType<typeof tempDir>, name: string): Promise<string> {
  const path = join(dir.path, name);
  const db = await openDatabase(path);
  const dump = dir.file(`release-${name}.jsonl`, ALBUMS.map(releaseLine).join('\n') + '\n');
  const rgDump = dir.file(
    `release-group-${name}.jsonl`,
    JSON.stringify({
      id: G1,
      title: ALBUMS[0]!.title,
      'primary-type': 'Album',
      'first-release-date': '1998',
      genres: [
        { name: 'electronic', count: 5 },
        { name: 'idm', count: 3 },
      ],
      tags: [],
    }) + '\n',
  );
  await importCatalogue(db, { paths: [dump, rgDump], now: NOW });
  const listens = dir.file(
    `listens-${name}.jsonl`,
    ALBUMS.flatMap((a, k) =>
      [0, 1, 2].map((n) =>
        JSON.stringify({
          listened_at: 1_700_000_000 + k * 10_000 + n * 1000,
          track_metadata: { artist_name: a.artistName, track_name: a.track, release_name: a.title },
        }),
      ),
    ).join('\n') + '\n',
  );
  await importFiles(db, { paths: [listens], defaultUserName: 'me', now: NOW() });
  await matchCatalogue({ reads: db, writes: db }, { now: NOW });
  db.close();
  return path;
}

function enrichmentOf(db: Database, fake: FakeServices, path: string): Enrichment {
  return createEnrichment({
    reads: db,
    writes: db,
    settings: enrichConfig(fake).enrich,
    dbPath: path,
    version: VERSION,
    now: NOW,
  });
}

describe('enrichment against local services', () => {
  const dir = tempDir();
  let fake: FakeServices;
  let db: Database;
  let path: string;
  let enrichment: Enrichment;
  let report: Awaited<ReturnType<Enrichment['service']['runBatch']>>;

  beforeAll(async () => {
    fake = await startFakeServices(routes(() => fake.url));
    path = await preparedDatabase(dir, 'enrich.duckdb');
    db = await openDatabase(path);
    enrichment = enrichmentOf(db, fake, path);
    fake.fault(`/caa/release/${R5}/`, {
      status: 503,
      headers: { 'retry-after': '1' },
      json: { error: 'busy' },
    });
    fake.fault('/discogs/', {
      status: 429,
      headers: { 'retry-after': '1' },
      json: { message: 'You are making requests too quickly.' },
    });
    fake.fault('/llm/', { hang: true });
    report = await enrichment.service.runBatch({ limit: 50 });
  }, 120_000);

  afterAll(async () => {
    db?.close();
    await fake?.close();
    dir.cleanup();
  });

  it('finds covers in the configured order: Cover Art Archive, then Discogs, then Spotify', async () => {
    const covers = report.tasks.find((t) => t.task === 'covers')!;
    // Five albums and two artists; one album has no cover anywhere.
    expect(covers).toMatchObject({ done: 7, found: 6, none: 1, failed: 0 });
    expect(covers.bySource).toEqual({ coverartarchive: 2, discogs: 2, spotify: 2 });
    const art = await db.all<{ mbid: string; size: string; source: string }>(
      `SELECT mbid, size, source FROM enrich_artwork ORDER BY mbid, size`,
    );
    expect(art.filter((a) => a.size === 'full').map((a) => [a.mbid, a.source])).toEqual([
      [BOC, 'discogs'],
      [APHEX, 'spotify'],
      [G1, 'coverartarchive'],
      [G2, 'discogs'],
      [G3, 'spotify'],
      [G5, 'coverartarchive'],
    ]);
  });

  it('stores each image once by content hash, with its size, and thumbnails beside', async () => {
    const images = await db.all<{ hash: string; width: number; height: number }>(
      'SELECT hash, width, height FROM enrich_images',
    );
    // Six covers and four thumbnails (two covers came without one), two of them the same bytes as
    // another (Discogs' artist picture is the first album's cover): eight images.
    expect(images).toHaveLength(8);
    expect(images.every((i) => i.width > 0 && i.height > 0)).toBe(true);
    for (const i of images)
      expect(existsSync(join(dir.path, 'images', i.hash.slice(0, 2), `${i.hash}.png`))).toBe(true);
    const thumb = await db.all<{ width: number }>(
      `SELECT i.width FROM enrich_artwork a JOIN enrich_images i ON i.hash = a.hash WHERE a.mbid = ? AND a.size = 'thumb'`,
      [G1],
    );
    expect(thumb).toEqual([{ width: 250 }]);
  });

  it('holds each service to its rate, counted per second at the server', () => {
    const mb = fake.requests('/ws/2/');
    expect(mb.length).toBeGreaterThanOrEqual(4);
    expect(maxInWindow(mb, 1000)).toBeLessThanOrEqual(2);
    const discogs = fake.requests('/discogs/');
    expect(discogs.length).toBeGreaterThanOrEqual(4);
    expect(maxInWindow(discogs, 1000)).toBeLessThanOrEqual(2);
    for (const r of mb) expect(r.headers['user-agent']).toBe(`listenhouse/${VERSION} ( tests@example.org )`);
  });

  it('waits as long as a 503 or a 429 says (Retry-After) before asking again', () => {
    const [busy, retried] = fake.requests(`/caa/release/${R5}/`);
    expect(busy!.status).toBe(503);
    expect(retried!.status).toBe(200);
    expect(retried!.at - busy!.at).toBeGreaterThanOrEqual(1000);
    const [limited, next] = fake.requests('/discogs/');
    expect(limited!.status).toBe(429);
    expect(next!.at - limited!.at).toBeGreaterThanOrEqual(1000);
  });

  it('retries a request that timed out, and describes with the endpoint', async () => {
    const llm = fake.requests('/llm/');
    expect(llm[0]!.status).toBe(-1);
    expect(llm[1]!.at - llm[0]!.at).toBeGreaterThanOrEqual(1000);
    const descriptions = await db.all<{ mbid: string; text: string; source: string }>(
      'SELECT mbid, text, source FROM enrich_descriptions ORDER BY mbid',
    );
    expect(descriptions).toHaveLength(7);
    expect(descriptions.every((d) => d.source === 'llm')).toBe(true);
    expect(descriptions.find((d) => d.mbid === G2)!.text).toBe(
      'About the album "Geogaddi" by Boards of Canada (2002): a record.',
    );
  });

  it('takes genres from MusicBrainz first (votes counted), then Discogs styles, then marks a keyword guess', async () => {
    const genres = await db.all<{
      mbid: string;
      genre: string;
      subgenre: string | null;
      weight: number;
      source: string;
    }>(
      'SELECT mbid, genre, subgenre, round(weight, 3) AS weight, source FROM enrich_genres ORDER BY mbid, weight DESC, subgenre',
    );
    const of = (mbid: string) =>
      genres.filter((g) => g.mbid === mbid).map((g) => [g.genre, g.subgenre, g.weight, g.source]);
    expect(of(G1)).toEqual([
      ['electronic', null, 0.625, 'musicbrainz'],
      ['electronic', 'idm', 0.375, 'musicbrainz'],
    ]);
    expect(of(BOC)).toEqual([
      ['electronic', null, 0.667, 'musicbrainz'],
      ['electronic', 'idm', 0.333, 'musicbrainz'],
    ]);
    expect(of(G2)).toEqual([
      ['electronic', 'downtempo', 0.4, 'discogs'],
      ['electronic', 'idm', 0.4, 'discogs'],
      ['electronic', null, 0.2, 'discogs'],
    ]);
    expect(of(G4)).toEqual([['soundtrack', null, 1, 'keyword']]);
  });

  it('keeps credentials out of the cache and out of reports', async () => {
    const cached = await db.all<{ request_key: string; body: string | null }>(
      'SELECT request_key, body FROM enrich_http_cache',
    );
    const text = JSON.stringify(cached) + JSON.stringify(report);
    for (const secret of [DISCOGS_TOKEN, SPOTIFY_SECRET, SPOTIFY_TOKEN]) expect(text).not.toContain(secret);
    expect(
      fake.requests('/discogs/').every((r) => r.headers.authorization === `Discogs token=${DISCOGS_TOKEN}`),
    ).toBe(true);
  });

  it('asks nothing again on a second run: every answer, "not found" included, is kept', async () => {
    const before = fake.log.length;
    const again = await enrichment.service.runBatch({ limit: 50 });
    expect(again.tasks.every((t) => t.done === 0 || t.failed === 0)).toBe(true);
    expect(fake.log.length).toBe(before);
  });

  it('serves the images with year-long cache headers, and the pages their artwork and genres', async () => {
    const { app } = testApp(db);
    const token = await createToken(db, 1);
    const releaseId = (await db.all<{ id: number }>(`SELECT id FROM releases WHERE title = 'Geogaddi'`))[0]!
      .id;
    const page = await app.inject({
      method: 'GET',
      url: `/api/catalog/entity/release/${releaseId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(page.statusCode, page.body).toBe(200);
    const body = page.json<{
      mbid: string;
      artwork: { full: { url: string; width: number }; thumb: { url: string }; source: string };
      genres: { genre: string }[];
      description: { source: string };
    }>();
    expect(body.artwork.source).toBe('discogs');
    expect(body.artwork.full.width).toBe(600);
    expect(body.genres[0]!.genre).toBe('electronic');
    expect(body.description.source).toBe('llm');
    // No token: an <img> sends none.
    const image = await app.inject({ method: 'GET', url: body.artwork.thumb.url });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(image.rawPayload.equals(IMAGES['g2-150.png']!)).toBe(true);
    const revalidated = await app.inject({
      method: 'GET',
      url: body.artwork.thumb.url,
      headers: { 'if-none-match': String(image.headers.etag) },
    });
    expect(revalidated.statusCode).toBe(304);
    const missing = await app.inject({ method: 'GET', url: `/api/images/${'0'.repeat(64)}` });
    expect(missing.statusCode).toBe(404);
    await app.close();
  });
});

describe('enrichment restarted in the middle', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());

  it('asks nothing twice after a restart, and finishes the rest', async () => {
    const fake = await startFakeServices(routes(() => fake.url));
    try {
      const path = await preparedDatabase(dir, 'restart.duckdb');
      let db = await openDatabase(path);
      await enrichmentOf(db, fake, path).service.runBatch({ limit: 3 });
      db.close();
      const answered = new Set(fake.log.filter((r) => r.status > 0 && r.method === 'GET').map((r) => r.url));
      const asked = fake.log.length;
      expect(answered.size).toBeGreaterThan(5);

      db = await openDatabase(path);
      const rest = await enrichmentOf(db, fake, path).service.runBatch({ limit: 50 });
      const after = fake.log.slice(asked).filter((r) => r.method === 'GET');
      expect(after.length).toBeGreaterThan(0);
      expect(after.filter((r) => answered.has(r.url)).map((r) => r.url)).toEqual([]);
      expect(rest.progress.every((p) => p.remaining === 0)).toBe(true);
      db.close();
    } finally {
      await fake.close();
    }
  }, 60_000);
});

describe('descriptions without an endpoint', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());

  it('uses the plain template: "Title by Artist (Year)"', async () => {
    const fake = await startFakeServices(routes(() => fake.url));
    try {
      const path = await preparedDatabase(dir, 'template.duckdb');
      const db = await openDatabase(path);
      const settings = { ...enrichConfig(fake).enrich, llmUrl: undefined };
      const { service } = createEnrichment({
        reads: db,
        writes: db,
        settings,
        dbPath: path,
        version: VERSION,
        now: NOW,
      });
      await service.runBatch({ only: 'descriptions', limit: 50 });
      const rows = await db.all<{ mbid: string; text: string; source: string }>(
        'SELECT mbid, text, source FROM enrich_descriptions',
      );
      expect(rows.find((r) => r.mbid === G3)).toEqual({
        mbid: G3,
        text: "Tomorrow's Harvest by Boards of Canada (2013)",
        source: 'template',
      });
      expect(fake.requests('/llm/')).toEqual([]);
      db.close();
    } finally {
      await fake.close();
    }
  }, 60_000);
});
