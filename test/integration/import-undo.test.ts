// Undoing an import as a user notices it: the listens it brought are gone, the listens it only
// confirmed stay, a listen another source also reported survives as that source's, and the run
// shows as deleted.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import-service.js';
import { testApp } from '../support/app.js';
import type { Database } from '../../src/store/database.js';
import { undoImport } from '../../src/store/import-undo.js';
import { listImportRuns } from '../../src/store/report-repository.js';
import { createToken } from '../../src/store/token-repository.js';
import { addUser } from '../../src/store/user-repository.js';
import { count, memoryDb, tempDir } from '../support/temp.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
// 20 s past the minute: Last.fm's minute-precision scrobbles of these plays merge, not repeat them exactly.
const START = Date.parse('2024-03-01T10:00:20Z') / 1000;
const dir = tempDir();
afterAll(() => dir.cleanup());

/** Ten ListenBrainz listens, ten minutes apart, and one broken line. */
const lbFile = dir.file(
  'listens.jsonl',
  Array.from({ length: 10 }, (_, i) =>
    JSON.stringify({
      listened_at: START + i * 600,
      track_metadata: { artist_name: 'Radiohead', track_name: `Song ${i}`, release_name: 'OK Computer' },
    }),
  ).join('\n') + '\n{"broken\n',
);

/** Last.fm scrobbles of the first four of those plays (minute precision), and one play of its own. */
const MONTHS = ['Jan', 'Feb', 'Mar'];
const lastfmLine = (sec: number, track: string) => {
  const d = new Date(sec * 1000);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `Radiohead,OK Computer,${track},${String(d.getUTCDate()).padStart(2, '0')} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${hh}:${mm}`;
};
const lastfmFile = dir.file(
  'lastfm.csv',
  [
    lastfmLine(START + 9000, 'Airbag'),
    ...[3, 2, 1, 0].map((i) => lastfmLine(START + i * 600, `Song ${i}`)),
  ].join('\n') + '\n',
);

const discogsFile = dir.file(
  'collection.csv',
  ',Catalognum,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,DateAdded\n' +
    '0,NODATA 01,Radiohead,OK Computer,Parlophone,"2xLP, Album, RE",5.0,1997,1234567,Uncategorized,2021-11-18 17:52:30\n' +
    '1,SD 7200,"Crosby, Stills, Nash & Young",Déjà Vu,Atlantic,"LP, Album",3.0,1970,1132195,Uncategorized,2021-10-23 17:30:19\n',
);

let db: Database;
let lbRun: number;
let lastfmRun: number;

async function importOne(path: string, user = 'me'): Promise<{ run: number; inserted: number }> {
  const report = await importFiles(db, { paths: [path], userName: user, defaultUserName: 'me', now: NOW });
  const file = report.files[0]!;
  return { run: file.importRunId!, inserted: file.inserted };
}

const listens = () => count(db, 'SELECT count(*) n FROM listens');
const sources = () => count(db, 'SELECT count(*) n FROM listen_sources');

beforeEach(async () => {
  db?.close();
  db = await memoryDb();
  lbRun = (await importOne(lbFile)).run;
  const lastfm = await importOne(lastfmFile);
  lastfmRun = lastfm.run;
  expect(lastfm.inserted).toBe(1);
  expect(await listens()).toBe(11);
  expect(await sources()).toBe(4);
});

describe('undoing an import', () => {
  it('a dry run counts and changes nothing', async () => {
    const r = await undoImport(db, { runId: lbRun, dryRun: true, now: NOW });
    expect(r).toMatchObject({
      dryRun: true,
      removed: null,
      preview: { listens: 6, promoted: 4, sources: 0, collectionItems: 0, rejectedRecords: 1 },
    });
    expect(await listens()).toBe(11);
    expect((await listImportRuns(db, 10)).find((x) => x.id === lbRun)?.status).toBe('completed');
  });

  it('removes the second sources a later import added, and the listen it brought; the first import stays', async () => {
    const r = await undoImport(db, { runId: lastfmRun, dryRun: false, now: NOW });
    expect(r.removed).toEqual({
      listens: 1,
      promoted: 0,
      sources: 4,
      collectionItems: 0,
      rejectedRecords: 0,
    });
    expect(r.preview).toEqual(r.removed);
    expect(await listens()).toBe(10);
    expect(await sources()).toBe(0);
    expect(await count(db, "SELECT count(*) n FROM listens WHERE track = 'Airbag'")).toBe(0);
  });

  it('keeps a listen another source also reported, as that source’s, and removes the rest', async () => {
    const r = await undoImport(db, { runId: lbRun, dryRun: false, now: NOW });
    expect(r.removed).toEqual({
      listens: 6,
      promoted: 4,
      sources: 0,
      collectionItems: 0,
      rejectedRecords: 1,
    });
    expect(r.run.status).toBe('deleted');
    // The four plays Last.fm also scrobbled, and Last.fm's own play.
    const left = await db.all<{ track: string; source: string; run: bigint }>(
      'SELECT track, source, import_run_id AS run FROM listens ORDER BY listened_at',
    );
    expect(left.map((l) => [l.track, l.source, Number(l.run)])).toEqual([
      ['Song 0', 'lastfm', lastfmRun],
      ['Song 1', 'lastfm', lastfmRun],
      ['Song 2', 'lastfm', lastfmRun],
      ['Song 3', 'lastfm', lastfmRun],
      ['Airbag', 'lastfm', lastfmRun],
    ]);
    expect(await sources()).toBe(0);
    expect(await count(db, 'SELECT count(*) n FROM rejected_records')).toBe(0);
    const run = (await listImportRuns(db, 10)).find((x) => x.id === lbRun)!;
    expect(run).toMatchObject({ status: 'deleted', inserted: 10, rejected: 1 });

    // Undoing the other one too leaves nothing; the same file again brings its listens back.
    await undoImport(db, { runId: lastfmRun, dryRun: false, now: NOW });
    expect(await listens()).toBe(0);
    expect((await importOne(lbFile)).inserted).toBe(10);
  });

  it('removes the collection items of a Discogs import', async () => {
    const discogs = await importOne(discogsFile);
    expect(await count(db, 'SELECT count(*) n FROM collection_items')).toBe(2);
    const r = await undoImport(db, { runId: discogs.run, dryRun: false, now: NOW });
    expect(r.removed).toMatchObject({ listens: 0, collectionItems: 2 });
    expect(await count(db, 'SELECT count(*) n FROM collection_items')).toBe(0);
  });

  it('says why it refuses: an unknown run, a run already undone', async () => {
    await expect(undoImport(db, { runId: 999, dryRun: true, now: NOW })).rejects.toThrow(
      /No import run 999: `listenhouse imports` lists them/,
    );
    await undoImport(db, { runId: lastfmRun, dryRun: false, now: NOW });
    await expect(undoImport(db, { runId: lastfmRun, dryRun: false, now: NOW })).rejects.toThrow(
      /was already undone/,
    );
  });
});

describe('DELETE /api/imports/{id}', () => {
  it("the run's owner or an admin; a dry run counts only", async () => {
    const server = testApp(db, { now: () => NOW });
    try {
      const admin = await createToken(db, 1);
      const alice = await createToken(db, (await addUser(db, 'alice')).id);
      const send = (url: string, token: string) =>
        server.app.inject({ method: 'DELETE', url, headers: { authorization: `Bearer ${token}` } });

      const forbidden = await send(`/api/imports/${lbRun}?dry_run=true`, alice);
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json<{ error: string }>().error).toBe(
        `Import run ${lbRun} is me's: only me or an admin may undo it.`,
      );
      const dry = await send(`/api/imports/${lbRun}?dry_run=true`, admin);
      expect(dry.statusCode).toBe(200);
      expect(dry.json()).toMatchObject({ dryRun: true, removed: null, preview: { listens: 6, promoted: 4 } });
      expect(await listens()).toBe(11);

      const done = await send(`/api/imports/${lastfmRun}`, admin);
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ run: { status: 'deleted' }, removed: { listens: 1, sources: 4 } });
      const again = await send(`/api/imports/${lastfmRun}`, admin);
      expect(again.statusCode).toBe(409);
      expect((await send('/api/imports/4242', admin)).statusCode).toBe(404);
      const runs = await server.app.inject({
        method: 'GET',
        url: '/api/imports',
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(
        runs.json<{ runs: { id: number; status: string }[] }>().runs.find((r) => r.id === lastfmRun)?.status,
      ).toBe('deleted');
    } finally {
      await server.app.close();
    }
  });
});
