// Covers in the collection PDF: enrichment's collection-covers task against a local server replaying
// Discogs' release endpoint (GET /releases/{id}, with `images` of the real shape) and serving real
// JPEG and PNG bytes: covers found, stored once, a release without images, an unknown one and a
// failing image fetch each recorded, nothing asked twice on a re-run; then the PDF (here, from the
// CLI and as the API's download) holds each cover once, drawn beside its release, and every release
// without one is still listed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerExportCommands } from '../../src/cli/commands/export.js';
import { resolveConfig } from '../../src/config/index.js';
import { collectionPdf } from '../../src/export/collection-document.js';
import { createEnrichment, type EnrichBatchReport, type Enrichment } from '../../src/enrich/index.js';
import { importFiles } from '../../src/ingest/import-service.js';
import { VERSION } from '../../src/server/app.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { createToken } from '../../src/store/token-repository.js';
import { findUserByName } from '../../src/store/user-repository.js';
import { testApp } from '../support/app.js';
import { jpeg, png, startFakeServices, type FakeServices, type Route } from '../support/fake-services.js';
import { readPdf } from '../support/pdf-content.js';
import { tempDir } from '../support/temp.js';

const TOKEN = 'secret-discogs-token-4321';
const NOW = Date.UTC(2026, 0, 1);

type Kind = 'jpeg' | 'png' | 'shared' | 'no-images' | 'unknown' | 'broken-image' | 'webp';
interface Release {
  id: number;
  artist: string;
  title: string;
  kind: Kind;
  copies?: number;
}

const colour = (n: number): [number, number, number] => [(n * 67) % 256, (n * 131) % 256, (n * 199) % 256];
/** A cover: a two-colour picture, different for each seed. */
const picture = (size: number, seed: number, as: 'jpeg' | 'png') =>
  as === 'jpeg'
    ? jpeg(size, size, (x, y) => (x + y < size ? colour(seed) : colour(seed + 7)))
    : png(size, size, 40 + ((seed * 23) % 180));

const RELEASES: Release[] = [
  ...Array.from({ length: 14 }, (_, i): Release => ({
    id: 5000 + i,
    artist: ['Boards of Canada', 'Aphex Twin', 'Autechre', 'Broadcast', 'Stereolab'][i % 5]!,
    title: `Record ${i}`,
    kind: i % 4 === 3 ? 'png' : 'jpeg',
  })),
  // Two copies of one release: one cover, drawn twice.
  { id: 6001, artist: 'Boards of Canada', title: 'Geogaddi', kind: 'jpeg', copies: 2 },
  // Two pressings whose picture is byte for byte the same: stored and embedded once.
  { id: 6002, artist: 'Broadcast', title: 'The Noise Made by People', kind: 'shared' },
  { id: 6003, artist: 'Broadcast', title: 'The Noise Made by People (Reissue)', kind: 'shared' },
  { id: 6004, artist: 'Stereolab', title: 'Dots and Loops', kind: 'no-images' },
  { id: 6005, artist: 'Autechre', title: 'Amber', kind: 'unknown' },
  { id: 6006, artist: 'Aphex Twin', title: 'Drukqs', kind: 'broken-image' },
  { id: 6007, artist: 'Aphex Twin', title: 'Syro', kind: 'webp' },
  {
    id: 6008,
    artist: 'Boards of Canada',
    title:
      'Music Has the Right to Children (Remastered Anniversary Deluxe Edition with Demos, Outtakes and Live Recordings from the Peel Sessions)',
    kind: 'jpeg',
  },
];

const WEBP = Buffer.concat([
  Buffer.from('RIFF', 'latin1'),
  Buffer.from([0x1a, 0, 0, 0]),
  Buffer.from('WEBPVP8 ', 'latin1'),
  Buffer.alloc(18, 0x10),
]);

/** The image files the fake serves: `{id}.{ext}` (600 px) and `{id}-150.{ext}`. */
function imageFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const r of RELEASES) {
    if (r.kind === 'jpeg' || r.kind === 'png') {
      files.set(`${r.id}.${ext(r)}`, picture(300, r.id, r.kind));
      files.set(`${r.id}-150.${ext(r)}`, picture(150, r.id, r.kind));
    }
    if (r.kind === 'shared') {
      files.set(`${r.id}.jpg`, picture(300, 6002, 'jpeg'));
      files.set(`${r.id}-150.jpg`, picture(150, 6002, 'jpeg'));
    }
    if (r.kind === 'webp') {
      files.set(`${r.id}.webp`, WEBP);
      files.set(`${r.id}-150.webp`, WEBP);
    }
  }
  return files;
}

function ext(r: Release): string {
  return r.kind === 'png' ? 'png' : r.kind === 'webp' ? 'webp' : 'jpg';
}

const hasCover = (r: Release) => r.kind === 'jpeg' || r.kind === 'png' || r.kind === 'shared';

function routes(base: () => string, files: Map<string, Buffer>): Route[] {
  return [
    ({ url }) => {
      const m = /^\/img\/(.+)$/.exec(url.pathname);
      if (!m) return null;
      if (m[1]!.startsWith('6006')) return { status: 500, json: { message: 'Internal Server Error' } };
      const body = files.get(m[1]!);
      const type = m[1]!.endsWith('.png')
        ? 'image/png'
        : m[1]!.endsWith('.webp')
          ? 'image/webp'
          : 'image/jpeg';
      return body ? { body, headers: { 'content-type': type } } : null;
    },
    ({ url, headers }) => {
      const m = /^\/discogs\/releases\/(\d+)$/.exec(url.pathname);
      if (!m) return null;
      if (headers.authorization !== `Discogs token=${TOKEN}`)
        return { status: 401, json: { message: 'You must authenticate to access this resource.' } };
      const release = RELEASES.find((r) => r.id === Number(m[1]));
      if (!release || release.kind === 'unknown')
        return { status: 404, json: { message: 'Release not found.' } };
      const img = (name: string) => `${base()}/img/${name}`;
      const e = ext(release);
      return {
        json: {
          id: release.id,
          status: 'Accepted',
          year: 2002,
          resource_url: `https://api.discogs.com/releases/${release.id}`,
          uri: `https://www.discogs.com/release/${release.id}`,
          artists: [
            { name: release.artist, anv: '', join: '', role: '', tracks: '', id: 1, resource_url: '' },
          ],
          artists_sort: release.artist,
          title: release.title,
          labels: [{ name: 'Warp Records', catno: `WARP${release.id}`, entity_type: '1', id: 23528 }],
          formats: [{ name: 'Vinyl', qty: '1', descriptions: ['LP', 'Album'] }],
          genres: ['Electronic'],
          styles: ['IDM'],
          ...(release.kind === 'no-images'
            ? {}
            : {
                thumb: img(`${release.id}-150.${e}`),
                images: [
                  // A secondary image first: the primary one is the cover.
                  {
                    type: 'secondary',
                    uri: img(`back-${release.id}.jpg`),
                    uri150: img(`back-${release.id}-150.jpg`),
                    resource_url: '',
                    width: 600,
                    height: 600,
                  },
                  {
                    type: 'primary',
                    uri: img(`${release.id}.${e}`),
                    uri150: img(`${release.id}-150.${e}`),
                    resource_url: img(`${release.id}.${e}`),
                    width: 300,
                    height: 300,
                  },
                ],
              }),
        },
      };
    },
  ];
}

function collectionCsv(): string {
  const header =
    'Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added,Collection Media Condition,Collection Sleeve Condition,Collection Notes';
  const rows = RELEASES.flatMap((r, i) =>
    Array.from(
      { length: r.copies ?? 1 },
      () =>
        `WARP${r.id},${r.artist},"${r.title}",Warp Records,"LP, Album",${(i % 5) + 1},${1990 + (i % 30)},${r.id},Uncategorized,2023-01-${String((i % 28) + 1).padStart(2, '0')} 19:02:44,,,`,
    ),
  );
  return [header, ...rows].join('\n') + '\n';
}

const dir = tempDir();
const dbPath = join(dir.path, 'collection.duckdb');
let fake: FakeServices;
let db: Database;
let enrichment: Enrichment;
let first: EnrichBatchReport;

beforeAll(async () => {
  const files = imageFiles();
  fake = await startFakeServices(routes(() => fake.url, files));
  db = await openDatabase(dbPath);
  await importFiles(db, {
    paths: [dir.file('discogs-collection.csv', collectionCsv())],
    defaultUserName: 'me',
    now: NOW,
  });
  enrichment = createEnrichment({
    reads: db,
    writes: db,
    settings: resolveConfig({
      env: {
        LISTENHOUSE_DISCOGS_URL: `${fake.url}/discogs`,
        LISTENHOUSE_DISCOGS_TOKEN: TOKEN,
        LISTENHOUSE_DISCOGS_RATE: '1000',
        LISTENHOUSE_ENRICH_RETRIES: '1',
        LISTENHOUSE_ENRICH_TIMEOUT: '2',
      },
    }).config.enrich,
    dbPath,
    version: VERSION,
    // The real clock: the rate limiter spaces requests by it.
    now: Date.now,
  });
  first = await enrichment.service.runBatch({ only: 'collection-covers', limit: 100 });
}, 120_000);

afterAll(async () => {
  db?.close();
  await fake?.close();
  dir.cleanup();
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe("enrichment's collection-covers task", () => {
  it('finds the primary image of each release with one, and records the others', () => {
    const [task] = first.tasks;
    const count = (kinds: Kind[]) => RELEASES.filter((r) => kinds.includes(r.kind)).length;
    expect(task).toMatchObject({
      task: 'collection-covers',
      done: RELEASES.length,
      // A WebP is a cover too (the dashboard can show it); only the PDF leaves it out.
      found: count(['jpeg', 'png', 'shared', 'webp']),
      none: count(['no-images', 'unknown']),
      failed: count(['broken-image']),
      bySource: { discogs: count(['jpeg', 'png', 'shared', 'webp']) },
    });
    expect(first.progress.find((p) => p.task === 'collection-covers')).toMatchObject({
      total: RELEASES.length,
      remaining: 0,
    });
  });

  it('asks Discogs with the token, for the primary image, once per release and image', () => {
    const asked = fake.requests('/discogs/releases/');
    expect(asked.map((r) => r.url).sort()).toEqual(RELEASES.map((r) => `/discogs/releases/${r.id}`).sort());
    for (const r of asked) expect(r.headers.authorization).toBe(`Discogs token=${TOKEN}`);
    expect(fake.requests('/img/back-')).toEqual([]);
    const images = fake
      .requests('/img/')
      .filter((r) => r.status === 200)
      .map((r) => r.url);
    expect(new Set(images).size).toBe(images.length);
  });

  it('stores each picture once by content hash, and its thumbnail as the release artwork', async () => {
    const rows = await db.all<{ mbid: string; size: string; width: number; mime: string }>(
      `SELECT a.mbid, a.size, i.width, i.mime FROM enrich_artwork a JOIN enrich_images i ON i.hash = a.hash
       WHERE a.entity = 'discogs-release' ORDER BY a.mbid, a.size`,
    );
    const found = RELEASES.filter((r) => hasCover(r) || r.kind === 'webp');
    expect([...new Set(rows.map((r) => Number(r.mbid)))]).toEqual(found.map((r) => r.id).sort());
    expect(
      rows.filter((r) => r.size === 'thumb' && r.mime !== 'image/webp').every((r) => r.width === 150),
    ).toBe(true);
    const [shared] = await db.all<{ n: bigint }>(
      `SELECT count(DISTINCT hash) AS n FROM enrich_artwork WHERE entity = 'discogs-release' AND mbid IN ('6002', '6003')`,
    );
    expect(Number(shared!.n)).toBe(2); // full and thumb, the same for both pressings
  });

  it('is part of every batch (the background enricher and the pipeline run those), and asks nothing again', async () => {
    const before = fake.log.length;
    const again = await enrichment.service.runBatch({ limit: 100 });
    expect(again.tasks.map((t) => t.task)).toContain('collection-covers');
    expect(again.tasks.find((t) => t.task === 'collection-covers')).toMatchObject({ done: 0 });
    expect(fake.log.length).toBe(before);
  });

  it('says what is missing without a Discogs token', async () => {
    const without = createEnrichment({
      reads: db,
      writes: db,
      settings: resolveConfig({ env: { LISTENHOUSE_DISCOGS_URL: `${fake.url}/discogs` } }).config.enrich,
      dbPath,
      version: VERSION,
      now: () => Date.now() + 40 * 86_400_000,
    });
    const report = await without.service.runBatch({ only: 'collection-covers' });
    expect(report.tasks[0]).toMatchObject({
      done: 0,
      skipped: expect.stringContaining('enrich.discogsToken') as string,
    });
  });
});

describe('the collection PDF with covers', () => {
  const items = RELEASES.flatMap((r) => Array.from({ length: r.copies ?? 1 }, () => r));
  const drawnWithCover = items.filter(hasCover);
  const distinctPictures = new Set(
    RELEASES.filter(hasCover).map((r) => (r.kind === 'shared' ? 'shared' : r.id)),
  );

  function expectCatalogue(bytes: Buffer, pages: number) {
    const pdf = readPdf(bytes);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.pages).toBe(pages);
    expect(pdf.text).toHaveLength(pages);
    expect(pdf.images).toBe(distinctPictures.size);
    expect(pdf.drawn.reduce((a, b) => a + b, 0)).toBe(drawnWithCover.length);
    // Every release is listed, those without a cover (none, unknown, failing, WebP) too; a title
    // longer than the line is cut with an ellipsis.
    const shown = pdf.text.flat();
    const isTitleOf = (t: string, title: string) =>
      t === title || (t.endsWith('…') && t.length > 20 && title.startsWith(t.slice(0, -1)));
    for (const r of RELEASES) expect(shown.filter((t) => isTitleOf(t, r.title))).toHaveLength(r.copies ?? 1);
    expect(shown.some((t) => t.endsWith('…'))).toBe(true);
    return pdf;
  }

  it('embeds each cover once and draws it beside its release, with an empty box for the others', async () => {
    const path = join(dir.path, 'collection.pdf');
    const doc = await collectionPdf(db, {
      userId: 1,
      user: 'me',
      by: 'artist',
      path,
      now: NOW,
      covers: enrichment.images,
    });
    expect(doc).toMatchObject({
      items: items.length,
      groups: new Set(RELEASES.map((r) => r.artist)).size,
      covers: drawnWithCover.length,
      images: distinctPictures.size,
    });
    expect(doc.pages).toBeGreaterThanOrEqual(2);
    const pdf = expectCatalogue(readFileSync(path), doc.pages);
    expect(pdf.text[0]!.some((t) => t.includes(`${drawnWithCover.length} with their cover`))).toBe(true);
    expect(pdf.text.at(-1)!.at(-1)).toBe(`me's collection · page ${doc.pages} of ${doc.pages}`);
  });

  it('is the same catalogue from `listenhouse export collection --format pdf` and the API', async () => {
    db.close();
    const out = join(dir.path, 'cli.pdf');
    let printed = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((printed += String(chunk)), true));
    const program = new Command().exitOverride();
    registerExportCommands(program);
    await program.parseAsync(
      ['export', 'collection', '--format', 'pdf', '--out', out, '--json', '--db', dbPath],
      { from: 'user' },
    );
    vi.restoreAllMocks();
    const summary = JSON.parse(printed) as { rows: number; pages: number; covers: number };
    expect(summary).toMatchObject({ rows: items.length, covers: drawnWithCover.length });
    expectCatalogue(readFileSync(out), summary.pages);

    db = await openDatabase(dbPath);
    const server = testApp(db, { now: () => NOW });
    try {
      const token = await createToken(db, (await findUserByName(db, 'me'))!.id);
      const r = await server.app.inject({
        method: 'GET',
        url: '/api/export/tables/collection?format=pdf',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('application/pdf');
      expect(r.headers['x-cover-count']).toBe(String(drawnWithCover.length));
      expectCatalogue(r.rawPayload, Number(r.headers['x-page-count']));
    } finally {
      await server.app.close();
    }
  }, 60_000);
});
