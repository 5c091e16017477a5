// The catalogue from the command line, as a user meets it (the built CLI on temp databases): dump
// imports of the real samples, a truncated archive's exit code and message, a kill in the middle
// of an import and the re-run, matching, the MBID map, enrichment against a local service, and the
// same commands going through a running server.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../support/cli.js';
import { startFakeServices } from '../support/fake-services.js';
import { spawnServer, stopServer } from '../support/server.js';
import { hasXz } from '../support/xz.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

const uuid = (n: number) => {
  const h = n.toString(16).padStart(12, '0');
  return `0000${h.slice(0, 4)}-0000-4000-8000-${h}`;
};

/** A JSON-lines artist dump of `n` lines. */
function artistDump(n: number): string {
  const path = join(dir.path, `artist-${n}.jsonl`);
  writeFileSync(
    path,
    Array.from({ length: n }, (_, i) =>
      JSON.stringify({
        id: uuid(i + 1),
        name: `Artist ${i + 1}`,
        'sort-name': `Artist ${i + 1}`,
        type: 'Group',
        aliases: [],
        tags: [],
        genres: [],
      }),
    ).join('\n') + '\n',
  );
  return path;
}

const RELEASE = JSON.stringify({
  id: uuid(900_001),
  title: 'Dreamland',
  date: '2019-05-01',
  'artist-credit': [
    {
      name: 'Nova Lights',
      joinphrase: '',
      artist: { id: uuid(900_002), name: 'Nova Lights', 'sort-name': 'Nova Lights' },
    },
  ],
  'release-group': {
    id: uuid(900_003),
    title: 'Dreamland',
    'primary-type': 'Album',
    'first-release-date': '2019',
  },
  media: [
    {
      position: 1,
      tracks: [
        {
          position: 1,
          title: 'Glass Harbour',
          length: 241_000,
          recording: { id: uuid(900_004), title: 'Glass Harbour', length: 241_000 },
        },
      ],
    },
  ],
});

function listens(): string {
  const path = join(dir.path, 'listens.jsonl');
  writeFileSync(
    path,
    [
      {
        listened_at: 1_760_000_000,
        track_metadata: {
          artist_name: 'Nova Lights',
          track_name: 'Glass Harbour',
          release_name: 'Dreamland',
        },
      },
      {
        listened_at: 1_760_000_600,
        track_metadata: {
          artist_name: 'NOVA LIGHTS',
          track_name: 'Glass Harbour (Remastered)',
          release_name: 'Dreamland',
        },
      },
      {
        listened_at: 1_760_001_200,
        track_metadata: { artist_name: 'Nobody Known', track_name: 'Some Song' },
      },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n') + '\n',
  );
  return path;
}

describe.skipIf(!hasSharedData || !hasXz)('listenhouse catalog import on the samples', () => {
  it('imports the artist archive and the recording sample, and reports in JSON', async () => {
    const db = join(dir.path, 'samples.duckdb');
    const r = await runCli([
      'catalog',
      'import',
      sharedFile('musicbrainz-artist-dump-derived', 'artist.tar.xz'),
      sharedFile('musicbrainz-json-dump-sample', 'recording.sample100.jsonl'),
      '--db',
      db,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      complete: boolean;
      imported: Record<string, number>;
      lines: number;
    };
    expect(report).toMatchObject({
      complete: true,
      lines: 21_308,
      imported: { artist: 21_256, recording: 100 },
    });
    const status = JSON.parse((await runCli(['catalog', 'status', '--db', db, '--json'])).stdout) as {
      catalogue: { artists: number; recordings: number };
    };
    expect(status.catalogue).toMatchObject({ artists: 21_256, recordings: 100 });
  });

  it('says a truncated archive is incomplete, keeps what it held, and exits 1', async () => {
    const whole = readFileSync(sharedFile('musicbrainz-artist-dump-derived', 'artist.tar.xz'));
    const cut = join(dir.path, 'artist.cut.tar.xz');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const r = await runCli(['catalog', 'import', cut, '--db', join(dir.path, 'cut.duckdb')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Incomplete: .*artist\.cut\.tar\.xz is incomplete: .*cut short after line \d+/);
    expect(r.stdout).toMatch(/mbdump\/artist: [\d,]+ artists from [\d,]+ lines/);
  });
});

describe('listenhouse catalog', () => {
  it('refuses a missing file with exit 2, naming it', async () => {
    const r = await runCli([
      'catalog',
      'import',
      join(dir.path, 'nope.tar.xz'),
      '--db',
      join(dir.path, 'x.duckdb'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No such file');
  });

  it('finishes without duplicates after a kill in the middle of an import', async () => {
    const db = join(dir.path, 'killed.duckdb');
    const dump = artistDump(120_000);
    const child = spawn(process.execPath, [CLI, 'catalog', 'import', dump, '--db', db], {
      stdio: 'ignore',
      env: { ...process.env, TZ: 'UTC' },
    });
    // Killed once some batches are written (its write-ahead log grows with each), not all of them.
    for (let waited = 0; waited < 60_000; waited += 100) {
      await new Promise((done) => setTimeout(done, 100));
      if (existsSync(`${db}.wal`) && statSync(`${db}.wal`).size > 2_000_000) break;
    }
    child.kill('SIGKILL');
    await new Promise((done) => child.once('close', done));
    const killed = JSON.parse((await runCli(['catalog', 'status', '--db', db, '--json'])).stdout) as {
      catalogue: { artists: number };
      imports: { status: string; imported: number }[];
    };
    // Whole batches only: what the import recorded is what is stored.
    expect(killed.catalogue.artists).toBeGreaterThan(0);
    expect(killed.catalogue.artists).toBeLessThan(120_000);
    expect(killed.imports).toEqual([
      expect.objectContaining({ status: 'running', imported: killed.catalogue.artists }),
    ]);

    const again = await runCli(['catalog', 'import', dump, '--db', db, '--json']);
    expect(again.code, again.stderr).toBe(0);
    const status = JSON.parse((await runCli(['catalog', 'status', '--db', db, '--json'])).stdout) as {
      catalogue: { artists: number };
      imports: { status: string }[];
    };
    expect(status.catalogue.artists).toBe(120_000);
    expect(status.imports.map((i) => i.status)).toEqual(['completed', 'interrupted']);
  }, 180_000);

  it('matches, reports by method, and exports the MBID map', async () => {
    const db = join(dir.path, 'match.duckdb');
    const dump = join(dir.path, 'release.jsonl');
    writeFileSync(dump, RELEASE + '\n');
    expect((await runCli(['catalog', 'import', dump, '--db', db])).code).toBe(0);
    expect((await runCli(['import', listens(), '--db', db])).code).toBe(0);
    const match = await runCli(['catalog', 'match', '--db', db, '--json']);
    expect(match.code, match.stderr).toBe(0);
    expect(JSON.parse(match.stdout)).toMatchObject({
      tuples: 2,
      counts: { matched: 1, unmatched: 1 },
      listensMatched: 2,
    });
    const text = await runCli(['catalog', 'match', '--db', db]);
    expect(text.stdout).toContain('Nothing to match');

    const out = join(dir.path, 'map.csv');
    const map = await runCli(['export', 'mbid-map', '--db', db, '--out', out, '--json']);
    expect(map.code, map.stderr).toBe(0);
    expect(JSON.parse(map.stdout)).toMatchObject({ format: 'csv', rows: 2 });
    expect(readFileSync(out, 'utf8').split('\n')).toEqual([
      'artist_name,track_name,release_name,artist_mbids,recording_mbid,release_mbid,confidence,method',
      `Nobody Known,Some Song,,,,,0,none`,
      `Nova Lights,Glass Harbour,Dreamland,${uuid(900_002)},${uuid(900_004)},${uuid(900_001)},1,exact`,
      '',
    ]);
    const json = await runCli(['export', 'mbid-map', '--db', db, '--format', 'json']);
    expect(JSON.parse(json.stdout)).toHaveLength(2);
    const bad = await runCli(['export', 'mbid-map', '--db', db, '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--format takes csv or json, not 'xml'");
  });

  it('enriches a batch against the configured services, and says what it did', async () => {
    const db = join(dir.path, 'enrich.duckdb');
    const dump = join(dir.path, 'release-enrich.jsonl');
    writeFileSync(dump, RELEASE + '\n');
    await runCli(['catalog', 'import', dump, '--db', db]);
    await runCli(['import', listens(), '--db', db]);
    await runCli(['catalog', 'match', '--db', db]);
    const fake = await startFakeServices([
      ({ url }) =>
        url.pathname.startsWith('/ws/2/')
          ? { json: { genres: [{ name: 'dream pop', count: 2 }], tags: [] } }
          : null,
    ]);
    try {
      const env = {
        LISTENHOUSE_MUSICBRAINZ_URL: `${fake.url}/ws/2`,
        LISTENHOUSE_COVER_ART_URL: `${fake.url}/caa`,
        LISTENHOUSE_MUSICBRAINZ_RATE: '10',
        LISTENHOUSE_ENRICH_RETRIES: '0',
      };
      const r = await runCli(['enrich', '--db', db, '--json'], env);
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout) as {
        tasks: { task: string; done: number; found: number; none: number }[];
      };
      expect(report.tasks.find((t) => t.task === 'genres')).toMatchObject({ done: 2, found: 2 });
      expect(report.tasks.find((t) => t.task === 'covers')).toMatchObject({ done: 2, found: 0, none: 2 });
      const text = await runCli(['enrich', '--db', db, '--only', 'covers'], env);
      expect(text.stdout).toContain('covers: 0 looked at');
      const bad = await runCli(['enrich', '--db', db, '--only', 'lyrics']);
      expect(bad.code).toBe(2);
    } finally {
      await fake.close();
    }
  });

  it('goes through a running server: matching now and a dump import as a job', async () => {
    const db = join(dir.path, 'served.duckdb');
    await runCli(['import', listens(), '--db', db]);
    const server = await spawnServer(['serve', '--db', db, '--port', '0']);
    try {
      const dump = join(dir.path, 'release-served.jsonl');
      writeFileSync(dump, RELEASE + '\n');
      const imported = await runCli(['catalog', 'import', dump, '--db', db, '--json']);
      expect(imported.code, imported.stderr).toBe(0);
      expect(JSON.parse(imported.stdout)).toMatchObject({
        complete: true,
        imported: { release: 1, recording: 1 },
      });
      const match = await runCli(['catalog', 'match', '--db', db, '--json']);
      expect(match.code, match.stderr).toBe(0);
      const status = JSON.parse((await runCli(['catalog', 'status', '--db', db, '--json'])).stdout) as {
        listensMatched: number;
      };
      // The background matcher or the command matched them: two of three listens have a recording.
      expect(status.listensMatched).toBeCloseTo(2 / 3, 3);
    } finally {
      expect(await stopServer(server)).toBe(0);
    }
  }, 60_000);
});
