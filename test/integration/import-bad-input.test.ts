// Bad input gets a clear message (what, where, what to do); valid rows in the same file still import;
// rejected rows are kept with file, line, reason and raw text.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import-service.js';
import type { Database } from '../../src/store/database.js';
import { listRejectedRecords } from '../../src/store/report-repository.js';
import { count, memoryDb, tempDir } from '../support/temp.js';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const dir = tempDir();
afterAll(() => dir.cleanup());

let db: Database;
beforeEach(async () => {
  db = await memoryDb();
});
afterEach(() => db.close());

const run = (paths: string[], extra: { encoding?: 'utf8' | 'latin1' } = {}) =>
  importFiles(db, { paths, defaultUserName: 'me', now: NOW, ...extra });

function lb(at: number, artist: string, track: string): string {
  return JSON.stringify({ listened_at: at, track_metadata: { artist_name: artist, track_name: track } });
}

async function rejected() {
  return listRejectedRecords(db, { userId: 1, status: 'rejected', limit: 100 });
}

describe('bad input', () => {
  it('an unknown format is refused with what we read and how to proceed', async () => {
    const file = dir.file('notes.txt', 'shopping list\nmilk\neggs\n');
    const report = await run([file]);
    const f = report.files[0]!;
    expect(f.status).toBe('unreadable');
    expect(f.error?.code).toBe('UNKNOWN_FORMAT');
    expect(f.error?.message).toContain(file);
    expect(f.error?.message).toMatch(/--columns|--format/);
    expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(0);
  });

  it('a missing file is named', async () => {
    const report = await run([`${dir.path}/nope.json`]);
    expect(report.files[0]!.error?.code).toBe('NOT_FOUND');
    expect(report.files[0]!.error?.message).toContain('nope.json');
  });

  it('truncated JSON: the complete records before the cut are imported, the cut is reported with its line', async () => {
    const rows = [0, 1, 2].map((i) => ({
      ts: `2024-08-02T11:5${i}:55Z`,
      ms_played: 200_000,
      master_metadata_track_name: `Song ${i}`,
      master_metadata_album_artist_name: 'Artist',
      master_metadata_album_album_name: 'Album',
      spotify_track_uri: `spotify:track:${String(i).repeat(22)}`,
      reason_end: 'trackdone',
      incognito_mode: false,
    }));
    const text = JSON.stringify(rows, null, 2);
    const cut = text.slice(0, text.lastIndexOf('"master_metadata_album_artist_name"'));
    const file = dir.file('Streaming_History_Audio_2024.json', cut);
    const report = await run([file]);
    const f = report.files[0]!;
    expect(f.inserted).toBe(2);
    expect(f.status).toBe('partial');
    expect(f.rejected).toEqual({ truncated: 1 });
    const [r] = await rejected();
    expect(r!.reason).toBe('truncated');
    expect(r!.line).toBeGreaterThan(1);
    expect(r!.message).toMatch(/truncated|ends/i);
  });

  it('a Latin-1 file with --encoding utf8: rows with non-UTF-8 bytes are rejected with a hint, the rest import; --encoding latin1 reads them', async () => {
    const lines = [
      'Björk,Homogenic,Jóga,20 Nov 2020 09:35',
      'Biome,Kora,Let Me,20 Nov 2020 09:28',
      'Sigur Rós,( ),Untitled,20 Nov 2020 09:20',
    ];
    const file = dir.file('latin1.csv', Buffer.from(lines.join('\n') + '\n', 'latin1'));
    const report = await run([file], { encoding: 'utf8' });
    const f = report.files[0]!;
    expect(f.inserted).toBe(1);
    expect(f.rejected).toEqual({ bad_encoding: 2 });
    const rows = await rejected();
    expect(rows.map((r) => r.line)).toEqual([1, 3]);
    expect(rows[0]!.message).toMatch(/UTF-8/);
    expect(rows[0]!.message).toMatch(/--encoding latin1/);
    expect(rows[0]!.raw).toContain('Björk');
    expect(f).toMatchObject({ encoding: 'utf8', encodingDetected: false });
    const again = await run([file], { encoding: 'latin1' });
    expect(again.files[0]!.inserted).toBe(2);
    expect(again.files[0]).toMatchObject({ encoding: 'windows-1252', encodingDetected: false });
    const names = await db.all<{ artist: string }>('SELECT artist FROM listens ORDER BY artist');
    expect(names.map((n) => n.artist)).toEqual(['Biome', 'Björk', 'Sigur Rós']);
  });

  it('malformed rows, old and future timestamps, empty names: each rejected with its line, valid rows kept', async () => {
    const good = Math.floor(NOW / 1000) - 3600;
    const lines = [
      lb(good, 'Good Artist', 'Good Track'), // 1
      '{"listened_at": 1718354402, "track_metadata": {"artist_name": "Cut', // 2 malformed
      lb(946684800, 'Old', 'Y2K'), // 3 before 2002-10-01
      lb(Math.floor(NOW / 1000) + 86_400, 'Future', 'Tomorrow'), // 4 in the future
      lb(good - 300, '   ', 'No Artist'), // 5 empty artist
      lb(good - 600, 'Another', 'Good One'), // 6
      JSON.stringify({ listened_at: good, track_metadata: { artist_name: 'No track' } }), // 7 missing track
    ];
    const file = dir.file('mixed.jsonl', lines.join('\n') + '\n');
    const report = await run([file]);
    const f = report.files[0]!;
    expect(f.inserted).toBe(2);
    expect(f.rejected).toEqual({ malformed: 1, too_old: 1, in_future: 1, empty_name: 1, missing_field: 1 });
    const byLine = new Map((await rejected()).map((r) => [r.line, r]));
    expect(byLine.get(2)!.reason).toBe('malformed');
    expect(byLine.get(2)!.raw).toBe(lines[1]);
    expect(byLine.get(3)!.message).toMatch(/2000-01-01.*before 2002-10-01/);
    expect(byLine.get(4)!.message).toMatch(/future/);
    expect(byLine.get(5)!.message).toMatch(/artist name is empty/);
    expect(byLine.get(7)!.reason).toBe('missing_field');
    // Examples in the report point at file:line.
    expect(f.examples.map((e) => e.where)).toContain(`${file}:2`);
    // Importing again neither duplicates listens nor the kept rejected rows.
    await run([file]);
    expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(2);
    expect(await count(db, `SELECT count(*) n FROM rejected_records`)).toBe(5);
  });

  it('a dry run counts everything and stores nothing', async () => {
    const file = dir.file('dry.jsonl', [lb(1718354402, 'A', 'B'), lb(1718354402, 'A', 'B')].join('\n'));
    const report = await importFiles(db, { paths: [file], defaultUserName: 'me', now: NOW, dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.totals.inserted).toBe(1);
    expect(report.totals.duplicates).toBe(1);
    expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(0);
    expect(await count(db, 'SELECT count(*) n FROM import_runs')).toBe(0);
  });
});
