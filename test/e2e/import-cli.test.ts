// The import command as a user runs it: reports, exit codes, a killed import finished by re-running it.
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { runCli, spawnCli } from '../support/cli.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { count, tempDir } from '../support/temp.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

function lbLines(n: number, startSec: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      JSON.stringify({
        listened_at: startSec + i * 200,
        track_metadata: {
          artist_name: `Artist ${i % 977}`,
          track_name: `Track ${i % 5003}`,
          release_name: `Album ${i % 1409}`,
        },
      }),
    );
  }
  return out.join('\n') + '\n';
}

describe('listenhouse import', () => {
  it('prints a JSON report with format, counts and reasons, and exits 0', async () => {
    const db = join(dir.path, 'a.duckdb');
    const file = dir.file('small.jsonl', lbLines(50, 1_600_000_000) + '{"broken\n');
    const result = await runCli(['import', '--db', db, '--json', file]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.files[0]).toMatchObject({
      format: 'listenbrainz-jsonl',
      read: 51,
      inserted: 50,
      duplicates: 0,
      rejected: { malformed: 1 },
    });
    const again = JSON.parse((await runCli(['import', '--db', db, '--json', file])).stdout);
    expect(again.files[0]).toMatchObject({ inserted: 0, duplicates: 50 });
    const rejected = await runCli(['rejected', '--db', db, '--json']);
    expect(JSON.parse(rejected.stdout).records).toHaveLength(1);
  });

  it('says when it read a file as Windows-1252 and when it removed control characters from a name', async () => {
    const db = join(dir.path, 'e.duckdb');
    const rows =
      'Mot\xf6rhead,Ace of Spades,Ace of\x00 Spades,20 Nov 2020 10:05\nBeyonc\xe9,Lemonade,Don\x92t,20 Nov 2020 09:40\n';
    const file = dir.file('cp1252.csv', Buffer.from(rows, 'latin1'));
    const result = await runCli(['import', '--db', db, file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`decoded as Windows-1252 (not UTF-8): ${file}:1 is the first line`);
    expect(result.stdout).toMatch(/stored with characters removed: control characters 1\n/);
    expect(result.stdout).toContain(`${file}:1: control characters removed: the track name has U+0000`);
    const utf8 = await runCli(['import', '--db', join(dir.path, 'e2.duckdb'), '--encoding', 'utf8', file]);
    expect(utf8.stdout).toMatch(/rejected: bad encoding 2/);
    expect(utf8.stdout).not.toContain('Windows-1252 (not UTF-8)');
  });

  it('exits 2 with a clear message for an unknown format, and for bad usage', async () => {
    const db = join(dir.path, 'b.duckdb');
    const file = dir.file('unknown.bin', Buffer.from([0, 1, 2, 3, 250, 251]));
    const unknown = await runCli(['import', '--db', db, file]);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout + unknown.stderr).toMatch(/could not recognise the format/);
    const usage = await runCli(['import', '--db', db, '--format', 'nonsense', file]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/unknown format.*Known formats/);
    const noArgs = await runCli(['import']);
    expect(noArgs.code).toBe(2);
  });

  it('reads any CSV through a column mapping, and names a missing column', async () => {
    const db = join(dir.path, 'g.duckdb');
    const file = dir.file(
      'plays.csv',
      'Artist;Title;Played At;Album\nMassive Attack;Teardrop;2021-03-04T10:00:00Z;Mezzanine\n' +
        'Portishead;Roads;1614852000;Dummy\nBad;Row;yesterday;X\n',
    );
    const ok = await runCli([
      'import',
      '--db',
      db,
      '--json',
      '--columns',
      'artist=Artist,track=Title,timestamp=Played At,album=Album',
      file,
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).files[0]).toMatchObject({
      format: 'generic-csv',
      inserted: 2,
      rejected: { bad_timestamp: 1 },
    });
    const missing = await runCli([
      'import',
      '--db',
      db,
      '--columns',
      'artist=Artist,track=Name,timestamp=Played At',
      file,
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toMatch(/column "Name" is not in the header .* Artist, Title, Played At, Album/);
  });

  it('says clearly when another process holds the database', async () => {
    const dbPath = join(dir.path, 'locked.duckdb');
    const holder = await openDatabase(dbPath);
    try {
      // DuckDB's lock is per process: this test process holds it, the CLI child must say so.
      const file = dir.file('one.jsonl', lbLines(1, 1_600_000_000));
      const result = await runCli(['import', '--db', dbPath, file]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/in use by another listenhouse process/);
      expect(result.stderr).toMatch(/--db/);
    } finally {
      holder.close();
    }
  });

  it('an import killed half-way leaves the database consistent; running it again completes it without duplicates', async () => {
    const db = join(dir.path, 'kill.duckdb');
    const total = 120_000;
    const file = join(dir.path, 'big.jsonl');
    writeFileSync(file, lbLines(total, 1_500_000_000));
    const child = spawnCli(['import', '--db', db, '--batch-size', '5000', file], {
      LISTENHOUSE_LOG: 'debug',
    });
    let committed = 0;
    child.stderr!.on('data', (d: Buffer) => {
      committed += (d.toString().match(/committed:/g) ?? []).length;
      if (committed >= 3) child.kill('SIGKILL');
    });
    await once(child, 'close');
    expect(child.signalCode).toBe('SIGKILL');

    const store = await openDatabase(db);
    const afterKill = await count(store, 'SELECT count(*) n FROM listens');
    const runs = await store.all<{ status: string; inserted: bigint }>(
      'SELECT status, inserted FROM import_runs',
    );
    store.close();
    expect(afterKill).toBeGreaterThanOrEqual(15_000);
    expect(afterKill).toBeLessThan(total);
    // the run's own counts match what is stored: progress is committed with each batch
    expect(Number(runs[0]!.inserted)).toBe(afterKill);

    const rerun = await runCli(['import', '--db', db, '--json', file]);
    expect(rerun.code).toBe(0);
    const report = JSON.parse(rerun.stdout);
    expect(report.files[0].inserted).toBe(total - afterKill);
    expect(report.files[0].duplicates).toBe(afterKill);
    const imports = (
      JSON.parse((await runCli(['imports', '--db', db, '--json'])).stdout) as {
        imports: { status: string }[];
      }
    ).imports;
    expect(imports.map((r) => r.status)).toEqual(['completed', 'interrupted']);
    const check = await openDatabase(db);
    expect(await count(check, 'SELECT count(*) n FROM listens')).toBe(total);
    expect(
      await count(
        check,
        'SELECT count(*) n FROM (SELECT DISTINCT user_id, listened_at, recording_id FROM listens)',
      ),
    ).toBe(total);
    check.close();
  }, 240_000); // 120,000 lines imported, killed and imported again: minutes on a loaded machine
});

describe('listenhouse import FOLDER', () => {
  it('a folder of images and an empty folder: says what each holds and what to do (exit 2)', async () => {
    const db = join(dir.path, 'folders.duckdb');
    const images = join(dir.path, 'cover-art');
    const empty = join(dir.path, 'nothing-here');
    mkdirSync(images);
    mkdirSync(empty);
    for (const name of ['a.png', 'b.jpg', 'ReadMeFirst.pdf', '.DS_Store'])
      writeFileSync(join(images, name), 'x');
    const result = await runCli(['import', '--db', db, images, empty]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      `${images}: the folder holds 4 files (.DS_Store, a.png, b.jpg, ReadMeFirst.pdf), none in a format listenhouse reads`,
    );
    expect(result.stdout).toContain(`${empty}: the folder is empty`);
    expect(result.stdout).toContain("or at the export's zip as you downloaded it");
    expect(result.stdout).not.toMatch(/this file|0 files/);
  });

  it('a folder with one unrecognised file calls it the one file in this folder, and "1 entry that holds"', async () => {
    const db = join(dir.path, 'one-file.duckdb');
    const folder = join(dir.path, 'notes');
    mkdirSync(folder);
    writeFileSync(join(folder, 'notes.txt'), 'just some notes\n');
    const result = await runCli(['import', '--db', db, folder]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      `${folder}: could not recognise the format of the one file in this folder (notes.txt).`,
    );
    expect(result.stdout).toContain('ignored 1 entry that holds no listens');
  });
});

describe.skipIf(!hasSharedData)('listenhouse import on a real export', () => {
  it('reads a Spotify folder and reports skipped rows per reason in words', async () => {
    const db = join(dir.path, 'c.duckdb');
    const result = await runCli([
      'import',
      '--db',
      db,
      sharedFile('spotify-extended-streaming-history', 'efrrowini'),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Spotify/);
    expect(result.stdout).toMatch(/skipped: .*short play 1891/);
  });
});
