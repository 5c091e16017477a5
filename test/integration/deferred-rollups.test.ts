// Live submissions store their listens first and add them to the rollups a moment later (one
// addition for many group commits). A statistic asked at once still counts every acknowledged
// listen, and a process that stops before the addition leaves nothing wrong for the next one.
import { afterAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import-service.js';
import { ListenSubmitter, type Submission } from '../../src/ingest/submit-service.js';
import { getSessions, getSummary, getTopArtists, readingListens } from '../../src/stats/index.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { diffRollups } from '../../src/store/rollups.js';
import { count, tempDir } from '../support/temp.js';

const NOW = Date.UTC(2025, 5, 1, 12);
const dir = tempDir();
afterAll(() => dir.cleanup());

function single(userId: number, n: number): Submission {
  return {
    userId,
    source: 'listenbrainz',
    format: 'listenbrainz-api',
    now: NOW,
    listens: [
      {
        draft: {
          // Back-dated and out of order: sessions and quarters in the middle of the history change.
          listenedAt: NOW - ((n * 7919) % 400) * 600_000,
          stampedEdge: 'start',
          precisionS: 1,
          artist: `Artist ${n % 13}`,
          track: `Track ${n % 41}`,
          release: `Album ${n % 5}`,
          durationMs: 180_000 + (n % 9) * 10_000,
        },
        raw: '{}',
      },
    ],
  };
}

async function mark(db: Database): Promise<{ mark: bigint; max: bigint }> {
  const [row] = await db.all<{ mark: bigint; max: bigint }>(
    'SELECT (SELECT applied_through FROM rollup_state) AS mark, (SELECT max(id) FROM listens) AS max',
  );
  return row!;
}

async function statistics(db: Database, userId: number): Promise<unknown[]> {
  const o = { userId, tz: 'Europe/Berlin', now: NOW };
  return [
    await getSummary(db, o),
    await getTopArtists(db, { ...o, limit: 20 }),
    await getSessions(db, { ...o, gapMinutes: 30 }),
  ];
}

describe('deferred rollups of live submissions', () => {
  const path = `${dir.path}/live.duckdb`;
  let userId = 0;

  it('a statistic asked right after the acknowledgements counts every listen', async () => {
    const db = await openDatabase(path);
    try {
      userId = Number((await db.all<{ id: number }>("SELECT id FROM users WHERE name = 'me'"))[0]!.id);
      const submitter = new ListenSubmitter(db);
      const results = await Promise.all(
        Array.from({ length: 120 }, (_, n) => submitter.submit(single(userId, n))),
      );
      expect(results.every((r) => r.accepted === 1)).toBe(true);
      // Acknowledged, and not in the rollups yet: the addition waits for more writes.
      const before = await mark(db);
      expect(before.mark).toBeLessThan(before.max);
      const reader = db.reader();
      const [summary] = (await statistics(reader, userId)) as [{ plays: number }];
      expect(summary.plays).toBe(await count(db, 'SELECT count(*) AS n FROM listens'));
      expect(await statistics(reader, userId)).toEqual(
        await readingListens(() => statistics(reader, userId)),
      );
      expect(await diffRollups(db)).toEqual([]);
      await submitter.drain();
    } finally {
      db.close();
    }
  }, 60_000);

  it('submissions go on while the rollups catch up beside them, and a merge among them is counted once', async () => {
    const db = await openDatabase(`${dir.path}/beside.duckdb`);
    try {
      const me = Number((await db.all<{ id: number }>("SELECT id FROM users WHERE name = 'me'"))[0]!.id);
      const submitter = new ListenSubmitter(db);
      await Promise.all(Array.from({ length: 40 }, (_, n) => submitter.submit(single(me, n))));
      // An import (ids from the sequence, above those the live writer reserved) between live writes.
      const file = dir.file(
        'between.jsonl',
        Array.from({ length: 5 }, (_, k) =>
          JSON.stringify({
            listened_at: Math.floor(NOW / 1000) - 86_400 * (k + 3),
            track_metadata: { artist_name: 'Between', track_name: `Import ${k}` },
          }),
        ).join('\n') + '\n',
      );
      await importFiles(db, { paths: [file], defaultUserName: 'me', now: NOW });
      // Statistics (each adding the tail beside the writer first) asked while more listens arrive,
      // some of them the same plays from Last.fm a second later: merges, which change the rollups.
      const lastfm = (n: number): Submission => {
        const s = single(me, n);
        const draft = { ...s.listens[0]!.draft, listenedAt: s.listens[0]!.draft.listenedAt + 1000 };
        return { ...s, source: 'lastfm', format: 'lastfm-api', listens: [{ draft, raw: '{}' }] };
      };
      const reader = db.reader();
      const asked: Promise<unknown>[] = [];
      const submitted: Promise<unknown>[] = [];
      for (let n = 40; n < 160; n++) {
        submitted.push(submitter.submit(single(me, n)));
        if (n % 3 === 0) submitted.push(submitter.submit(lastfm((n - 42) / 3)));
        if (n % 20 === 0) asked.push(statistics(reader, me));
        if (n % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await Promise.all([...submitted, ...asked]);
      expect(await count(db, 'SELECT count(*) AS n FROM listen_sources')).toBe(40);
      expect(await count(db, 'SELECT count(*) AS n FROM listens')).toBe(165);
      const [summary] = (await statistics(reader, me)) as [{ plays: number }];
      expect(summary.plays).toBe(165);
      expect(await statistics(reader, me)).toEqual(await readingListens(() => statistics(reader, me)));
      expect(await diffRollups(db)).toEqual([]);
      await submitter.drain();
    } finally {
      db.close();
    }
  }, 60_000);

  it('listens a stopped process acknowledged but never added are added by the next one', async () => {
    let db = await openDatabase(path);
    const submitter = new ListenSubmitter(db);
    await Promise.all(Array.from({ length: 60 }, (_, n) => submitter.submit(single(userId, 1000 + n))));
    const left = await mark(db);
    expect(left.mark).toBeLessThan(left.max);
    // No drain, no statistic: the process goes with its tail, as a kill would leave it.
    db.close();
    db = await openDatabase(path);
    try {
      const [summary] = (await statistics(db, userId)) as [{ plays: number }];
      expect(summary.plays).toBe(180);
      expect(await statistics(db, userId)).toEqual(await readingListens(() => statistics(db, userId)));
      expect(await diffRollups(db)).toEqual([]);
      const after = await mark(db);
      expect(after.mark).toBe(after.max);
    } finally {
      db.close();
    }
  }, 60_000);
});

describe('catalogue keys of live submissions', () => {
  it('a key another writer stored since the filter was built is looked up, not created twice', async () => {
    const db = await openDatabase(`${dir.path}/keys.duckdb`);
    try {
      const userId = Number((await db.all<{ id: number }>("SELECT id FROM users WHERE name = 'me'"))[0]!.id);
      const submitter = new ListenSubmitter(db);
      const play = (n: number, artist: string, track: string): Submission => {
        const s = single(userId, n);
        return { ...s, listens: [{ ...s.listens[0]!, draft: { ...s.listens[0]!.draft, artist, track } }] };
      };
      // The first submission builds the filters of the stored keys (none yet).
      await submitter.submit(play(1, 'Nils Frahm', 'Says'));
      // An import (its own writer, no filter) stores new keys meanwhile …
      const file = dir.file(
        'more.jsonl',
        JSON.stringify({
          listened_at: Math.floor(NOW / 1000) - 86_400,
          track_metadata: {
            artist_name: 'Ólafur Arnalds',
            track_name: 'Saman',
            release_name: 'Living Room Songs',
          },
        }) + '\n',
      );
      const report = await importFiles(db, { paths: [file], defaultUserName: 'me', now: NOW });
      expect(report.files[0]!.inserted).toBe(1);
      // … and a live submission naming them must reuse them, not give them new ids.
      await submitter.submit(play(2, 'Ólafur Arnalds', 'Saman'));
      await submitter.submit(play(3, 'Nils Frahm', 'Says'));
      expect(await count(db, 'SELECT count(*) AS n FROM recordings')).toBe(2);
      expect(await count(db, 'SELECT count(*) AS n FROM artists')).toBe(2);
      expect(await count(db, 'SELECT count(DISTINCT recording_id) AS n FROM listens')).toBe(2);
      await submitter.drain();
    } finally {
      db.close();
    }
  }, 60_000);
});
