// Exports read back: listens, the catalogue and the collection as Parquet (read by DuckDB), JSON and
// CSV; the collection as Markdown and as a PDF whose pages are counted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionMarkdown, collectionPdf } from '../../src/export/collection-document.js';
import { exportTable } from '../../src/export/table-export.js';
import { importFiles } from '../../src/ingest/import-service.js';
import type { Database } from '../../src/store/database.js';
import { memoryDb, tempDir } from '../support/temp.js';

const NOW = Date.UTC(2026, 0, 1);
const HEADER =
  'Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added,Collection Media Condition,Collection Sleeve Condition,Collection Notes';

describe('exports', () => {
  const dir = tempDir();
  let db: Database;

  beforeAll(async () => {
    db = await memoryDb();
    const listens = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({
        listened_at: 1_700_000_000 + i * 600,
        track_metadata: {
          artist_name: i % 2 ? 'Moby' : 'Air',
          track_name: `Track ${i % 5}`,
          release_name: 'Album',
        },
      }),
    );
    const collection = [
      HEADER,
      ...Array.from(
        { length: 120 },
        (_, i) =>
          `CAT ${i},Artist ${i % 12},Record ${i},Label ${i % 3},"${i % 2 ? 'LP' : 'CD'}, Album",${(i % 5) + 1},${1960 + (i % 50)},${1000 + i},Uncategorized,2023-01-15 19:02:44,,,`,
      ),
    ];
    await importFiles(db, {
      paths: [
        dir.file('l.jsonl', listens.join('\n') + '\n'),
        dir.file('discogs-collection.csv', collection.join('\n') + '\n'),
      ],
      defaultUserName: 'me',
      now: NOW,
    });
  }, 60_000);

  afterAll(() => {
    db?.close();
    dir.cleanup();
  });

  it('writes listens, the catalogue and the collection as Parquet that DuckDB reads back', async () => {
    for (const [what, rows] of [
      ['listens', 30],
      ['catalogue', 10],
      ['collection', 120],
    ] as const) {
      const path = join(dir.path, `${what}.parquet`);
      expect(await exportTable(db, { what, format: 'parquet', userId: 1, path })).toEqual({ rows });
      const [back] = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM read_parquet('${path}')`);
      expect(Number(back!.n)).toBe(rows);
    }
    const [top] = await db.all<{ artist: string; plays: bigint }>(
      `SELECT artist, plays FROM read_parquet('${join(dir.path, 'catalogue.parquet')}') LIMIT 1`,
    );
    expect(Number(top!.plays)).toBe(3);
  });

  it('writes JSON as one array and CSV with a header, and limits listens to a time range', async () => {
    const json = join(dir.path, 'listens.json');
    await exportTable(db, {
      what: 'listens',
      format: 'json',
      userId: 1,
      path: json,
      fromMs: 1_700_000_000_000,
      toMs: 1_700_003_000_000,
    });
    const parsed = JSON.parse(readFileSync(json, 'utf8')) as Array<{ artist: string; listened_at: string }>;
    expect(parsed).toHaveLength(5);
    expect(parsed[0]).toMatchObject({ artist: 'Air', listened_at: '2023-11-14T22:13:20Z' });
    const csv = join(dir.path, 'collection.csv');
    await exportTable(db, { what: 'collection', format: 'csv', userId: 1, path: csv });
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^list,discogs_release_id,instance,artist,title/);
    expect(lines).toHaveLength(121);
  });

  it('writes the collection as Markdown and as a PDF catalogue over several pages', async () => {
    const md = await collectionMarkdown(db, { userId: 1, user: 'me', by: 'format' });
    expect(md).toMatchObject({ items: 120, groups: 2 });
    expect(md.text).toContain('## LP');
    expect(md.text).toContain('- **Record 1** — Artist 1 · 1961 · LP, Album · Label 1 CAT 1 · rated 2/5');
    const path = join(dir.path, 'collection.pdf');
    const doc = await collectionPdf(db, {
      userId: 1,
      user: 'me',
      by: 'artist',
      path,
      now: NOW,
      covers: null,
    });
    // No cover was fetched: every release has the empty box, and the file holds no image.
    expect(doc).toMatchObject({ items: 120, groups: 12, covers: 0, images: 0 });
    const bytes = readFileSync(path).toString('latin1');
    expect(bytes.startsWith('%PDF-')).toBe(true);
    const pages = bytes.match(/\/Type \/Page\b/g)?.length ?? 0;
    const count = /\/Type \/Pages\s*\/Count (\d+)/.exec(bytes)?.[1];
    expect(Number(count)).toBe(pages);
    expect(pages).toBe(doc.pages);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(bytes.match(/\/Subtype \/Image/g)).toBeNull();
  });
});
