// A user's recommended recordings as a JSPF playlist: `listenhouse export recommendations` (in
// process, on a temp database file) writes a file that passes the JSPF schema, whose tracks are the
// list /api/recommendations serves, in its order, with the reasons as annotations and MusicBrainz
// recording URLs where the MBID is known; GET /api/recommendations.jspf downloads the same file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerExportCommands } from '../../src/cli/commands/export.js';
import { storeSimulation } from '../../src/cli/commands/simulate.js';
import { KernelPool, retrain } from '../../src/recommend/index.js';
import { openDatabase } from '../../src/store/database.js';
import { storeOn } from '../../src/store/index.js';
import { createToken } from '../../src/store/token-repository.js';
import { findUserByName } from '../../src/store/user-repository.js';
import { testApp } from '../support/app.js';
import { jspfProblems, type ValidJspf } from '../support/jspf-schema.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir();
const dbPath = join(dir.path, 'recommend.duckdb');
let listener = '';

beforeAll(async () => {
  const db = await openDatabase(dbPath);
  const store = storeOn(db);
  await storeSimulation(
    store,
    { seed: 5, users: 4, days: 40, end: Date.UTC(2025, 0, 1), listensPerUserPerDay: 20, artists: 80 },
    false,
  );
  // The simulator names no MusicBrainz IDs: a third of the recordings and artists get one, so the
  // file has tracks with identifiers and tracks without.
  await db.run(`
    UPDATE recordings SET mbid = printf('%08x-0000-4000-8000-%012x', id, id) WHERE id % 3 = 0;
    UPDATE artists SET mbid = printf('%08x-1111-4111-8111-%012x', id, id) WHERE id % 3 = 0;`);
  const pool = new KernelPool(1);
  try {
    const outcome = await retrain({
      store,
      entity: 'recording',
      pool,
      now: Date.now(),
      model: { kind: 'itemknn', settings: {} },
    });
    expect(outcome.decision).toBe('promoted');
  } finally {
    await pool.close();
  }
  listener = (await store.users.list()).find((u) => u.name !== 'me')!.name;
  db.close();
}, 180_000);

afterAll(() => dir.cleanup());
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

/** Runs `listenhouse export …` in this process, returning what it printed and the exit code. */
async function exportCli(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (out += parts.join(' ') + '\n'));
  const program = new Command().exitOverride();
  registerExportCommands(program);
  await program.parseAsync(['export', ...args, '--db', dbPath], { from: 'user' });
  const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  vi.restoreAllMocks();
  return { out, err, code };
}

interface Listed {
  computedAt: string;
  items: {
    rank: number;
    reason: string;
    item: { id: number; name: string; artist: string; mbid: string | null };
  }[];
}

describe('recommendations as JSPF', () => {
  it('writes the list from the CLI as valid JSPF, and the API downloads the same file', async () => {
    const file = join(dir.path, 'for-listener.jspf');
    const run = await exportCli(
      'recommendations',
      '--user',
      listener,
      '--limit',
      '15',
      '--out',
      file,
      '--json',
    );
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const jspf = JSON.parse(readFileSync(file, 'utf8')) as ValidJspf;
    expect(jspfProblems(jspf)).toEqual([]);
    const summary = JSON.parse(run.out) as { tracks: number; file: string; computedAt: string };
    expect(summary).toMatchObject({ tracks: jspf.playlist.track.length, file, format: 'jspf' });

    const db = await openDatabase(dbPath);
    const server = testApp(db);
    try {
      const token = await createToken(db, (await findUserByName(db, 'me'))!.id);
      const get = (url: string) =>
        server.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      const listed = (
        await get(`/api/recommendations?user=${listener}&entity=recording&limit=15`)
      ).json<Listed>();
      expect(listed.items).toHaveLength(15);

      // The tracks are the recommendations, in order: names, reasons, MBIDs where known.
      const tracks = jspf.playlist.track;
      expect(tracks.map((t) => [t.title, t.creator, t.annotation])).toEqual(
        listed.items.map((r) => [r.item.name, r.item.artist, r.reason]),
      );
      expect(tracks.map((t) => t.identifier?.[0] ?? null)).toEqual(
        listed.items.map((r) => (r.item.mbid ? `https://musicbrainz.org/recording/${r.item.mbid}` : null)),
      );
      expect(tracks.some((t) => t.identifier) && tracks.some((t) => !t.identifier)).toBe(true);
      expect(jspf.playlist.date).toBe(listed.computedAt);
      expect(summary.computedAt).toBe(listed.computedAt);
      const ext = jspf.playlist.extension!['https://musicbrainz.org/doc/jspf#playlist'];
      expect(ext).toMatchObject({ created_for: listener, public: false });

      const download = await get(`/api/recommendations.jspf?user=${listener}&limit=15`);
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-disposition']).toBe(
        `attachment; filename="recommendations-${listener}.jspf"`,
      );
      expect(download.json()).toEqual(jspf);
    } finally {
      await server.app.close();
      db.close();
    }
  }, 120_000);

  it('writes to stdout without --out, and says what to do for an unknown user', async () => {
    const run = await exportCli('recommendations', '--user', listener, '--limit', '3');
    expect(run.code).toBe(0);
    const jspf = JSON.parse(run.out) as ValidJspf;
    expect(jspfProblems(jspf)).toEqual([]);
    expect(jspf.playlist.track).toHaveLength(3);
    const unknown = await exportCli('recommendations', '--user', 'nobody');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('No user "nobody"');
    // With --json the failure is a JSON document too.
    const json = await exportCli('recommendations', '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out)).toMatchObject({
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('--json needs --out FILE') as string },
    });
  }, 60_000);
});

describe('recommendations as JSPF before a model is trained', () => {
  it('answers 404 with the command that trains one', async () => {
    const fresh = tempDir();
    const db = await openDatabase(join(fresh.path, 'empty.duckdb'));
    const server = testApp(db);
    try {
      const token = await createToken(db, (await findUserByName(db, 'me'))!.id);
      const r = await server.app.inject({
        method: 'GET',
        url: '/api/recommendations.jspf',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(r.statusCode).toBe(404);
      expect(r.json<{ error: string }>().error).toContain('listenhouse recommend retrain --entity recording');
    } finally {
      await server.app.close();
      db.close();
      fresh.cleanup();
    }
  });
});

describe('recommendations as JSPF when the model has nothing to suggest', () => {
  it('says so, not that no model exists (one listener who played everything the model knows)', async () => {
    const alone = tempDir();
    const db = await openDatabase(join(alone.path, 'alone.duckdb'));
    const store = storeOn(db);
    const server = testApp(db);
    const pool = new KernelPool(1);
    try {
      await storeSimulation(
        store,
        { seed: 9, users: 1, days: 20, end: Date.UTC(2025, 0, 1), listensPerUserPerDay: 20, artists: 30 },
        false,
      );
      const user = (await store.users.list())[0]!;
      const outcome = await retrain({
        store,
        entity: 'recording',
        pool,
        now: Date.now(),
        model: { kind: 'itemknn', settings: {} },
      });
      expect(outcome.decision).toBe('promoted');
      const token = await createToken(db, user.id);
      const r = await server.app.inject({
        method: 'GET',
        url: `/api/recommendations.jspf?user=${encodeURIComponent(user.name)}`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(r.statusCode).toBe(404);
      const message = r.json<{ error: string }>().error;
      expect(message).toContain(`has no recommendations for "${user.name}"`);
      expect(message).not.toContain('No recording model is trained yet');
    } finally {
      await pool.close();
      await server.app.close();
      db.close();
      alone.cleanup();
    }
  }, 120_000);
});
