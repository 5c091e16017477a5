// `catalog import` on the real samples (../shared, skipped when absent) and on small dump lines
// written here: counts, what is kept, bad lines by number, a truncated archive, re-imports.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCatalogue } from '../../src/catalog/dump-import.js';
import type { Database } from '../../src/store/database.js';
import { hasXz } from '../support/xz.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { count, memoryDb, tempDir } from '../support/temp.js';

const NOW = () => Date.UTC(2026, 0, 1);
const ARTISTS = () => sharedFile('musicbrainz-artist-dump-derived', 'artist.tar.xz');
const RECORDINGS = () => sharedFile('musicbrainz-json-dump-sample', 'recording.sample100.jsonl');
const dir = tempDir();
afterAll(() => dir.cleanup());

const A1 = '11111111-1111-4111-8111-111111111111';
const A2 = '22222222-2222-4222-8222-222222222222';
const REL = '33333333-3333-4333-8333-333333333333';
const RG = '44444444-4444-4444-8444-444444444444';
const REC1 = '55555555-5555-4555-8555-555555555555';
const REC2 = '66666666-6666-4666-8666-666666666666';

function release(title = 'Hurry Up, We’re Dreaming'): string {
  return JSON.stringify({
    id: REL,
    title,
    status: 'Official',
    date: '2011-10-14',
    country: 'XE',
    barcode: '5051083054524',
    'cover-art-archive': { artwork: true, front: true, count: 4 },
    'artist-credit': [{ name: 'M83', joinphrase: '', artist: { id: A1, name: 'M83', 'sort-name': 'M83' } }],
    'release-group': {
      id: RG,
      title: 'Hurry Up, We’re Dreaming',
      'primary-type': 'Album',
      'secondary-types': [],
      'first-release-date': '2011-10-14',
    },
    media: [
      {
        position: 1,
        tracks: [
          {
            position: 1,
            title: 'Intro',
            length: 322000,
            recording: { id: REC1, title: 'Intro', length: 322000 },
          },
          {
            position: 2,
            title: 'Midnight City',
            length: 243960,
            recording: {
              id: REC2,
              title: 'Midnight City',
              length: 243960,
              'artist-credit': [
                { name: 'M83', joinphrase: ' feat. ', artist: { id: A1, name: 'M83', 'sort-name': 'M83' } },
                {
                  name: 'Zola Jesus',
                  joinphrase: '',
                  artist: { id: A2, name: 'Zola Jesus', 'sort-name': 'Jesus, Zola' },
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

const releaseGroup = JSON.stringify({
  id: RG,
  title: 'Hurry Up, We’re Dreaming',
  'primary-type': 'Album',
  'secondary-types': ['Soundtrack', 'Live'],
  'first-release-date': '2011-10-14',
  'artist-credit': [{ name: 'M83', joinphrase: '', artist: { id: A1, name: 'M83', 'sort-name': 'M83' } }],
  tags: [{ name: 'shoegaze', count: 3 }],
  genres: [{ id: '5f8a3b8d-1c2b-4b0e-9e0b-3d2f1a0c9b7e', name: 'synth-pop', count: 5 }],
});

async function fresh(): Promise<Database> {
  return memoryDb();
}

describe.skipIf(!hasSharedData || !hasXz)('the dump samples', () => {
  it('imports the 21,208 artists of the archive and the 100 rich recordings with what they carry', async () => {
    const db = await fresh();
    const report = await importCatalogue(db, { paths: [ARTISTS(), RECORDINGS()], now: NOW });
    expect(report.complete).toBe(true);
    expect(report.files[0]).toMatchObject({ status: 'completed', dumpTimestamp: expect.any(String) });
    expect(report.files[0]!.parts[0]).toMatchObject({
      entity: 'artist',
      lines: 21_208,
      imported: 21_208,
      badLines: 0,
    });
    // 71 artists are credited on the recordings; 23 of them are in the artist dump already.
    expect(report.files[1]!.parts[0]).toMatchObject({ entity: 'recording', lines: 100, imported: 100 });
    expect(report.files[1]!.parts[0]!.embedded.artist).toBe(48);
    expect(await count(db, 'SELECT count(*) AS n FROM mb_artists')).toBe(21_256);
    expect(await count(db, 'SELECT count(*) AS n FROM mb_recordings')).toBe(100);
    expect(await count(db, 'SELECT count(*) AS n FROM mb_recordings WHERE length_ms IS NOT NULL')).toBe(44);
    expect(await count(db, 'SELECT count(*) AS n FROM mb_isrcs')).toBe(1);
    expect(
      await count(
        db,
        "SELECT count(DISTINCT mbid) AS n FROM mb_credits WHERE entity = 'recording' AND position > 0",
      ),
    ).toBe(8);
    // Donovan, credited on a recording and absent from the artist dump, came with his aliases (their
    // types kept) and his genres with their votes.
    const donovan = await db.all<{ name: string; type: string | null }>(
      `SELECT al.name, al.type FROM mb_aliases al JOIN mb_artists a ON a.mbid = al.mbid WHERE a.name = 'Donovan'`,
    );
    expect(donovan).toContainEqual({ name: 'Donovan Philips Leitch', type: 'Legal name' });
    expect(
      await count(
        db,
        `SELECT count AS n FROM mb_tags t JOIN mb_artists a ON a.mbid = t.mbid WHERE a.name = 'Donovan' AND t.name = 'folk' AND t.is_genre`,
      ),
    ).toBe(3);
    db.close();
  });

  it('imports again without a duplicate, and a newer line updates its entity in place', async () => {
    const db = await fresh();
    await importCatalogue(db, { paths: [RECORDINGS()], now: NOW });
    const before = await count(db, 'SELECT count(*) AS n FROM mb_keys');
    const lines = readFileSync(RECORDINGS(), 'utf8').split('\n');
    const first = JSON.parse(lines[0]!) as { id: string; title: string };
    lines[0] = JSON.stringify({ ...first, title: 'Suck (2026 edit)' });
    const newer = dir.file('recording.newer.jsonl', lines.join('\n'));
    await importCatalogue(db, { paths: [RECORDINGS(), newer], now: NOW });
    expect(await count(db, 'SELECT count(*) AS n FROM mb_recordings')).toBe(100);
    expect(await count(db, 'SELECT count(DISTINCT mbid) AS n FROM mb_artists')).toBe(
      await count(db, 'SELECT count(*) AS n FROM mb_artists'),
    );
    expect(await count(db, 'SELECT count(*) AS n FROM mb_keys')).toBe(before);
    const title = await db.all<{ title: string }>('SELECT title FROM mb_recordings WHERE mbid = ?', [
      first.id,
    ]);
    expect(title).toEqual([{ title: 'Suck (2026 edit)' }]);
    db.close();
  });

  it('keeps what a truncated archive held, says so, and a re-run with the whole file finishes it', async () => {
    const whole = readFileSync(ARTISTS());
    const cut = dir.file('artist.truncated.tar.xz', whole.subarray(0, Math.floor(whole.length * 0.6)));
    const db = await fresh();
    const report = await importCatalogue(db, { paths: [cut], now: NOW, batchLines: 2_000 });
    const file = report.files[0]!;
    expect(file.status).toBe('truncated');
    expect(file.error).toMatch(
      /artist\.truncated\.tar\.xz is incomplete: .*mbdump\/artist is cut short after line \d+/,
    );
    expect(file.error).toContain('re-run the import');
    const kept = await count(db, 'SELECT count(*) AS n FROM mb_artists');
    expect(kept).toBeGreaterThan(5_000);
    expect(kept).toBeLessThan(21_208);
    expect(kept).toBe(file.parts[0]!.imported);
    expect(report.complete).toBe(false);
    const statuses = await db.all<{ status: string }>('SELECT status FROM catalog_imports');
    expect(statuses).toEqual([{ status: 'truncated' }]);

    await importCatalogue(db, { paths: [ARTISTS()], now: NOW });
    expect(await count(db, 'SELECT count(*) AS n FROM mb_artists')).toBe(21_208);
    expect(await count(db, 'SELECT count(DISTINCT mbid) AS n FROM mb_artists')).toBe(21_208);
    db.close();
  });

  it('refuses a dump it does not keep, naming what it holds', async () => {
    const db = await fresh();
    const report = await importCatalogue(db, {
      paths: [sharedFile('musicbrainz-json-dump-sample', 'label.sample75.jsonl')],
      now: NOW,
    });
    expect(report.files[0]).toMatchObject({ status: 'failed' });
    expect(report.files[0]!.error).toMatch(
      /holds MusicBrainz labels \(line 1\), which listenhouse does not keep/,
    );
    db.close();
  });
});

describe('dump lines', () => {
  it('reports a bad line with its number and reason, and imports the rest', async () => {
    const good = releaseGroup;
    const file = dir.file(
      'release-group.jsonl',
      [good, '{"id": "not json', '{"title": "No id"}', '', JSON.stringify({ id: A2, title: '' })].join('\n') +
        '\n',
    );
    const db = await fresh();
    const report = await importCatalogue(db, { paths: [file], now: NOW });
    const part = report.files[0]!.parts[0]!;
    expect(part).toMatchObject({ entity: 'release-group', lines: 5, imported: 1, badLines: 3 });
    expect(part.bad.map((b) => [b.line, b.at])).toEqual([
      [2, `${file}:2`],
      [3, `${file}:3`],
      [5, `${file}:5`],
    ]);
    expect(part.bad[0]!.reason).toMatch(/^not JSON/);
    expect(part.bad[1]!.reason).toMatch(/no MBID/);
    expect(part.bad[2]!.reason).toMatch(/has no title/);
    db.close();
  });

  it('keeps release-group types, a release with its tracks, and replaces stubs by the entity’s own line', async () => {
    const db = await fresh();
    const releases = dir.file('release.jsonl', release() + '\n');
    const report = await importCatalogue(db, { paths: [releases], now: NOW });
    expect(report.imported).toMatchObject({ release: 1, 'release-group': 1, recording: 2, artist: 2 });
    expect(await count(db, 'SELECT count(*) AS n FROM mb_release_tracks')).toBe(2);
    expect(await count(db, 'SELECT count(*) AS n FROM mb_release_groups WHERE stub')).toBe(1);
    // A track without its own credit is credited as the release.
    const intro = await db.all<{ artist_mbid: string }>(`SELECT artist_mbid FROM mb_credits WHERE mbid = ?`, [
      REC1,
    ]);
    expect(intro).toEqual([{ artist_mbid: A1 }]);
    const front = await db.all<{ has_front_art: boolean }>('SELECT has_front_art FROM mb_releases');
    expect(front).toEqual([{ has_front_art: true }]);

    await importCatalogue(db, {
      paths: [dir.file('release-group.good.jsonl', releaseGroup + '\n')],
      now: NOW,
    });
    const rg = await db.all<{ stub: boolean; secondary_types: string[] }>(
      'SELECT stub, secondary_types FROM mb_release_groups',
    );
    expect(rg).toEqual([{ stub: false, secondary_types: ['Soundtrack', 'Live'] }]);
    expect(await count(db, `SELECT count(*) AS n FROM mb_tags WHERE mbid = '${RG}' AND is_genre`)).toBe(1);
    // A later release line never turns the full release group back into a stub.
    await importCatalogue(db, {
      paths: [dir.file('release.again.jsonl', release('Hurry Up') + '\n')],
      now: NOW,
    });
    expect(await count(db, 'SELECT count(*) AS n FROM mb_release_groups WHERE NOT stub')).toBe(1);
    expect(await count(db, 'SELECT count(*) AS n FROM mb_releases')).toBe(1);
    expect(await count(db, 'SELECT count(*) AS n FROM mb_release_tracks')).toBe(2);
    db.close();
  });

  it('reads a plain .tar archive and a gzip-compressed JSON-lines file', async () => {
    const root = join(dir.path, 'dump');
    execFileSync('mkdir', ['-p', join(root, 'mbdump')]);
    writeFileSync(join(root, 'mbdump', 'release-group'), releaseGroup + '\n');
    writeFileSync(join(root, 'mbdump', 'TIMESTAMP'), '2026-12-01 00:00:00.000000+00\n');
    const tar = join(dir.path, 'release-group.tar');
    execFileSync('tar', ['-cf', tar, '-C', root, 'mbdump']);
    const plain = dir.file('release.gz-source.jsonl', release() + '\n');
    execFileSync('gzip', ['-kf', plain]);
    const db = await fresh();
    const report = await importCatalogue(db, { paths: [tar, `${plain}.gz`], now: NOW });
    expect(report.files.map((f) => f.status)).toEqual(['completed', 'completed']);
    expect(report.files[0]!.dumpTimestamp).toBe('2026-12-01 00:00:00.000000+00');
    expect(await count(db, 'SELECT count(*) AS n FROM mb_releases')).toBe(1);
    db.close();
  });
});
