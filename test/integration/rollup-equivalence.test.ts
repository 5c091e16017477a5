// Every statistic read through the rollups the write path keeps equals the same statistic computed
// from the listens alone (readingListens, the queries that were the only way before), on seeded
// random histories written through the real write path: imports from three sources (merges fill
// lengths and platforms), back-dated imports, corrections of time and names, deletions and the undo
// of an import (its listens reported by another source survive as that source's). After each step the
// rollups also equal a recomputation from the listens (diffRollups). Zones: UTC, Europe/Berlin (clock
// changes) and Asia/Kathmandu (+05:45, where only quarter hours fit).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editListen } from '../../src/ingest/edit-service.js';
import { importFiles } from '../../src/ingest/import-service.js';
import { Random } from '../../src/sim/random.js';
import {
  BREAKDOWN_FIELDS,
  LEADER_ENTITIES,
  compareUsers,
  getActivity,
  getBreakdown,
  getEntity,
  getEntityCounts,
  getLeaders,
  getListeningClock,
  getSessions,
  getShortPlays,
  getStreaks,
  getSummary,
  getTopArtists,
  getTopRecordings,
  getTopReleaseGroups,
  getTopReleases,
  getYearInReview,
  readingListens,
  type StatsOptions,
} from '../../src/stats/index.js';
import type { Database } from '../../src/store/database.js';
import { undoImport } from '../../src/store/import-undo.js';
import { deleteListens } from '../../src/store/listen-edits.js';
import { diffRollups } from '../../src/store/rollups.js';
import { memoryDb, tempDir } from '../support/temp.js';

const NOW = Date.UTC(2025, 5, 1, 12);
const DAY = 86_400_000;
const ZONES = ['UTC', 'Europe/Berlin', 'Asia/Kathmandu'];
/** Whole history (open and bounded), part of it in local days, instants cutting quarter hours, rolling. */
const RANGES = [
  'all_time',
  '2020-01-01..2025-12-31',
  '2022-03-01..2023-06-30',
  '2022-05-01T10:07:13Z..2023-02-11T03:53:41Z',
  'year',
  '2023-03-26..',
];

const dir = tempDir();
afterAll(() => dir.cleanup());

const ARTISTS = ['Caribou', 'Four Tet', 'Burial', 'Bonobo', 'Floating Points', 'Kelly Lee Owens', 'Jamie xx'];
/** Release-group MBIDs some releases share (a reissue and its original). */
const GROUPS = ['0f3c8e0e-1111-4a4a-8a8a-000000000001', '0f3c8e0e-2222-4a4a-8a8a-000000000002'];

interface Play {
  /** Start, UTC epoch ms. */
  at: number;
  artist: string;
  track: string;
  release: string | null;
  durationMs: number | null;
  groupMbid: string | null;
}

/** A play of the seeded catalogue: some credit two artists, some name a guest in the title. */
function randomPlay(random: Random, at: number): Play {
  const a = random.int(ARTISTS.length);
  const artist = random.chance(0.1) ? `${ARTISTS[a]} & ${ARTISTS[(a + 1) % ARTISTS.length]}` : ARTISTS[a]!;
  const n = random.int(6);
  const track = random.chance(0.1) ? `Track ${n} (feat. ${ARTISTS[(a + 3) % ARTISTS.length]})` : `Track ${n}`;
  const r = random.int(4);
  return {
    at,
    artist,
    track,
    release: r === 3 ? null : `Album ${a}-${r}`,
    durationMs: random.chance(0.8) ? 120_000 + random.int(360_000) : null,
    groupMbid: r > 0 && r < 3 && a < 2 ? GROUPS[a]! : null,
  };
}

/**
 * `count` plays in sessions on random days between `from` and `to` (epoch ms): runs of 2-12 plays, one
 * after the other or a few minutes apart, now and then a silence of about the session gap.
 */
function history(random: Random, count: number, from: number, to: number): Play[] {
  const plays: Play[] = [];
  while (plays.length < count) {
    let at = from + Math.floor(random.next() * (to - from));
    for (let i = random.between(2, 12); i > 0 && plays.length < count; i--) {
      const play = randomPlay(random, Math.floor(at / 1000) * 1000);
      plays.push(play);
      at += (play.durationMs ?? 200_000) + random.pick([0, 0, 5_000, 60_000, 25 * 60_000, 31 * 60_000]);
    }
  }
  return plays;
}

function listenBrainzFile(name: string, plays: readonly Play[]): string {
  return dir.file(
    name,
    plays
      .map((p) =>
        JSON.stringify({
          listened_at: p.at / 1000,
          track_metadata: {
            artist_name: p.artist,
            track_name: p.track,
            ...(p.release === null ? {} : { release_name: p.release }),
            additional_info: {
              ...(p.durationMs === null ? {} : { duration_ms: p.durationMs }),
              ...(p.groupMbid === null ? {} : { release_group_mbid: p.groupMbid }),
              ...(p.at % 3 === 0 ? { submission_client: 'Navidrome' } : {}),
            },
          },
        }),
      )
      .join('\n') + '\n',
  );
}

/** Spotify's extended history stamps the end: start + ms_played. */
function spotifyFile(name: string, plays: readonly Play[], random: Random): string {
  return dir.file(
    name,
    JSON.stringify(
      plays.map((p) => {
        const played =
          p.durationMs === null ? 30_000 + random.int(300_000) : p.durationMs - random.int(20_000);
        return {
          ts: new Date(p.at + played).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          platform: random.pick(['android', 'ios', 'windows']),
          ms_played: Math.max(played, 30_000),
          conn_country: random.pick(['DE', 'NP', 'US']),
          master_metadata_track_name: p.track,
          master_metadata_album_artist_name: p.artist,
          master_metadata_album_album_name: p.release ?? 'Singles',
          spotify_track_uri: 'spotify:track:0000000000000000000000',
          episode_name: null,
          episode_show_name: null,
          spotify_episode_uri: null,
          reason_start: 'trackdone',
          reason_end: 'trackdone',
          shuffle: false,
          skipped: false,
          offline: false,
          offline_timestamp: null,
          incognito_mode: false,
        };
      }),
    ),
  );
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Last.fm's CSV: artist, album, track, date to the minute. */
function lastfmFile(name: string, plays: readonly Play[]): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = (ms: number) => {
    const d = new Date(ms);
    return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  };
  const csv = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return dir.file(
    name,
    plays.map((p) => [p.artist, p.release ?? '', p.track, date(p.at)].map(csv).join(',')).join('\n') + '\n',
  );
}

/**
 * Every statistic of the user over the ranges in the zone, as one object: after each step those the
 * rollups answer; with `full`, those that read the listens either way too (leaders, entity pages,
 * short plays, the year in review's discoveries) and every period and gap.
 */
async function everyStatistic(
  db: Database,
  user: { id: number; other: number; tz: string; ranges: readonly string[]; full: boolean },
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const periods = user.full ? (['day', 'week', 'month', 'year'] as const) : (['day', 'month'] as const);
  const gaps = user.full ? [30, 20, 47, 10] : [30, 20];
  for (const range of user.ranges) {
    const o: StatsOptions = { userId: user.id, tz: user.tz, now: NOW, range };
    const top = { ...o, limit: 1000 };
    out[`summary ${range}`] = await getSummary(db, o);
    out[`counts ${range}`] = await getEntityCounts(db, o);
    // Short lists too: ties at the cut go to the lower id.
    out[`artists top 3 ${range}`] = await getTopArtists(db, { ...o, limit: 3 });
    out[`releases top 3 ${range}`] = await getTopReleases(db, { ...o, limit: 3 });
    out[`release groups top 3 ${range}`] = await getTopReleaseGroups(db, { ...o, limit: 3, by: 'time' });
    out[`recordings top 3 ${range}`] = await getTopRecordings(db, { ...o, limit: 3 });
    for (const by of ['plays', 'time'] as const) {
      out[`artists ${by} ${range}`] = await getTopArtists(db, { ...top, by });
      out[`releases ${by} ${range}`] = await getTopReleases(db, { ...top, by });
      out[`release groups ${by} ${range}`] = await getTopReleaseGroups(db, { ...top, by });
      out[`recordings ${by} ${range}`] = await getTopRecordings(db, { ...top, by });
    }
    for (const period of periods)
      out[`activity ${period} ${range}`] = await getActivity(db, { ...o, period });
    out[`clock ${range}`] = await getListeningClock(db, o);
    for (const gapMinutes of gaps)
      out[`sessions ${gapMinutes} ${range}`] = await getSessions(db, { ...o, gapMinutes });
    out[`streaks ${range}`] = await getStreaks(db, o);
    for (const field of BREAKDOWN_FIELDS)
      out[`breakdown ${field} ${range}`] = await getBreakdown(db, { ...o, field });
    out[`compare ${range}`] = await compareUsers(db, { ...o, otherUserId: user.other });
    if (!user.full) continue;
    out[`short plays ${range}`] = await getShortPlays(db, o);
    for (const entity of LEADER_ENTITIES)
      out[`leaders ${entity} ${range}`] = await getLeaders(db, { ...o, entity });
  }
  if (!user.full) return out;
  const all: StatsOptions = { userId: user.id, tz: user.tz, now: NOW };
  const [artist] = (await getTopArtists(db, all)).entries;
  const [release] = (await getTopReleases(db, all)).entries;
  const [recording] = (await getTopRecordings(db, all)).entries;
  for (const [kind, id] of [
    ['artist', artist?.id],
    ['release', release?.id],
    ['recording', recording?.id],
  ] as const) {
    if (id !== undefined) out[`entity ${kind}`] = await getEntity(db, { ...all, kind, id });
  }
  for (const year of [2021, 2023]) out[`review ${year}`] = await getYearInReview(db, { ...all, year });
  return out;
}

/** The statistics from the rollups and from the listens, which must agree; and the rollups read. */
async function compareBothWays(db: Database, ranges: readonly string[], full: boolean): Promise<void> {
  const sql: string[] = [];
  const all = db.all.bind(db);
  const spy: Database['all'] = (text, params) => {
    sql.push(text);
    return all(text, params);
  };
  db.all = spy;
  try {
    for (const tz of ZONES) {
      const user = { id: me, other: bob, tz, ranges, full };
      sql.length = 0;
      const fromRollups = await everyStatistic(db, user);
      expect(sql.some((s) => s.includes('rollup_artists_of'))).toBe(true);
      expect(sql.some((s) => s.includes('local_hour_buckets') || s.includes('local_quarter_buckets'))).toBe(
        true,
      );
      sql.length = 0;
      const fromListens = await readingListens(() => everyStatistic(db, user));
      expect(sql.some((s) => /rollup_/.test(s))).toBe(false);
      expect(fromRollups).toEqual(fromListens);
    }
  } finally {
    db.all = all;
  }
}

let db: Database;
let me: number;
let bob: number;

async function importAs(
  user: string,
  path: string,
): Promise<{ run: number; merged: number; inserted: number }> {
  const report = await importFiles(db, { paths: [path], userName: user, defaultUserName: 'me', now: NOW });
  const file = report.files[0]!;
  expect(file.status, JSON.stringify(file)).not.toBe('failed');
  return { run: file.importRunId!, merged: file.merged, inserted: file.inserted };
}

async function storedListens(user: number): Promise<{ id: bigint; at: number }[]> {
  return db.all<{ id: bigint; at: number }>(
    'SELECT id, epoch_ms(listened_at)::DOUBLE AS at FROM listens WHERE user_id = ? ORDER BY id',
    [user],
  );
}

describe.each([
  { seed: 7, ranges: RANGES.slice(0, 4), last: true },
  { seed: 1234, ranges: [RANGES[0]!, RANGES[3]!], last: false },
])('rollups against the listens, seed $seed', ({ seed, ranges, last }) => {
  const random = new Random(seed);
  const mine = history(random, 220, Date.UTC(2022, 0, 1), Date.UTC(2024, 11, 31));
  let firstRun = 0;

  beforeAll(async () => {
    db = await memoryDb();
    await db.run("INSERT INTO users (name) VALUES ('bob')");
    me = Number((await db.all<{ id: number }>("SELECT id FROM users WHERE name = 'me'"))[0]!.id);
    bob = Number((await db.all<{ id: number }>("SELECT id FROM users WHERE name = 'bob'"))[0]!.id);
  });
  afterAll(() => db.close());

  /** A change through the write path, then the rollups against a recomputation and every statistic. */
  const step = (name: string, work: () => Promise<void>, full = false) =>
    it(
      name,
      async () => {
        await work();
        expect(await diffRollups(db)).toEqual([]);
        await compareBothWays(db, full ? RANGES : ranges, full);
      },
      240_000,
    );

  step('imports of two users', async () => {
    firstRun = (await importAs('me', listenBrainzFile(`me-${seed}.jsonl`, mine))).run;
    const theirs = history(random, 90, Date.UTC(2022, 5, 1), Date.UTC(2024, 5, 1));
    await importAs('bob', listenBrainzFile(`bob-${seed}.jsonl`, theirs));
  });

  step('a back-dated import, before and between the stored listens', async () => {
    const before = history(random, 50, Date.UTC(2021, 0, 1), Date.UTC(2021, 11, 31));
    const between = history(random, 40, Date.UTC(2023, 0, 1), Date.UTC(2023, 11, 31));
    const { inserted } = await importAs(
      'me',
      listenBrainzFile(`backdated-${seed}.jsonl`, [...before, ...between]),
    );
    expect(inserted).toBeGreaterThan(80);
  });

  step('a second source merged: Spotify fills lengths, platforms, countries', async () => {
    const again = mine.filter(() => random.chance(0.25));
    const fresh = history(random, 15, Date.UTC(2024, 0, 1), Date.UTC(2024, 11, 31));
    const { merged } = await importAs(
      'me',
      spotifyFile(`spotify-${seed}.json`, [...again, ...fresh], random),
    );
    expect(merged).toBeGreaterThan(again.length / 2);
  });

  step('a third source: Last.fm scrobbles of stored plays and new ones', async () => {
    const again = mine.filter(() => random.chance(0.2));
    const fresh = history(random, 15, Date.UTC(2022, 0, 1), Date.UTC(2022, 11, 31));
    const { merged } = await importAs('me', lastfmFile(`lastfm-${seed}.csv`, [...again, ...fresh]));
    expect(merged).toBeGreaterThan(0);
  });

  step('corrections of time and names', async () => {
    const listens = await storedListens(me);
    for (let i = 0; i < 8; i++) {
      const listen = random.pick(listens);
      const changes =
        i % 3 === 0
          ? { listenedAt: listen.at + random.pick([-1, 1]) * random.between(60_000, 40 * DAY) }
          : i % 3 === 1
            ? { artist: random.pick(ARTISTS), track: `Corrected ${i}` }
            : { release: random.chance(0.5) ? null : `Album ${i}` };
      await editListen(db, { userId: me, listenId: Number(listen.id), changes, now: NOW });
    }
  });

  step('deletions', async () => {
    const listens = await storedListens(me);
    const ids = Array.from({ length: 12 }, () => random.pick(listens).id);
    expect(await deleteListens(db, me, ids)).toBeGreaterThan(8);
  });

  step('the undo of the first import: plays another source reported stay as theirs', async () => {
    const undone = await undoImport(db, { runId: firstRun, dryRun: false, now: NOW });
    expect(undone.removed?.promoted).toBeGreaterThan(0);
    expect(undone.removed?.listens).toBeGreaterThan(0);
  });

  step(
    `another import afterwards${last ? '; every range, period and gap, and what reads the listens either way' : ''}`,
    async () => {
      const later = history(random, 40, Date.UTC(2024, 6, 1), Date.UTC(2025, 4, 31));
      await importAs('me', listenBrainzFile(`later-${seed}.jsonl`, later));
    },
    last,
  );
});
