// Statistics on a small history written by hand, every expected number worked out in the comments.
// Times are UTC; Europe/Berlin is UTC+1 (CET) and UTC+2 (CEST, 2024-03-31 01:00Z → 2024-10-27 01:00Z).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  getActivity,
  getBreakdown,
  getLeaders,
  getListeningClock,
  getSessions,
  getStreaks,
  getSummary,
  getTopArtists,
  getTopRecordings,
  getTopReleases,
  getShortPlays,
  findStatsUser,
} from '../../src/stats/index.js';
import type { Database } from '../../src/store/database.js';
import { rebuildRollups } from '../../src/store/rollups.js';
import { memoryDb } from '../support/temp.js';

/** Tuesday 2024-10-29 10:00Z = 11:00 in Berlin: "today" is 2024-10-29 in both zones. */
const NOW = Date.UTC(2024, 9, 29, 10, 0);
const BERLIN = 'Europe/Berlin';

const CATALOGUE = `
  INSERT INTO users (id, name, time_zone) VALUES (2, 'alice', 'Europe/Berlin');
  INSERT INTO artists (id, key, name) VALUES
    (1, 'aphex twin', 'Aphex Twin'), (2, 'boards of canada', 'Boards of Canada'),
    (3, 'caribou', 'Caribou'), (4, 'daft punk', 'Daft Punk');
  INSERT INTO artist_credits (id, key, name) VALUES
    (1, 'aphex twin', 'Aphex Twin'), (2, 'boards of canada', 'Boards of Canada'), (3, 'caribou', 'Caribou'),
    (4, 'daft punk', 'Daft Punk'), (5, 'caribou & daft punk', 'Caribou & Daft Punk'),
    (6, 'aphex twin & aphex twin', 'Aphex Twin & Aphex Twin');
  INSERT INTO artist_credit_members (credit_id, position, artist_id, credited_name, join_phrase) VALUES
    (1, 0, 1, 'Aphex Twin', ''), (2, 0, 2, 'Boards of Canada', ''), (3, 0, 3, 'Caribou', ''),
    (4, 0, 4, 'Daft Punk', ''), (5, 0, 3, 'Caribou', ' & '), (5, 1, 4, 'Daft Punk', ''),
    (6, 0, 1, 'Aphex Twin', ' & '), (6, 1, 1, 'AFX', '');
  INSERT INTO releases (id, key, title, artist_id) VALUES
    (1, 'r1', 'Selected Ambient Works', 1), (2, 'r2', 'Music Has the Right to Children', 2),
    (3, 'r3', 'Swim', 3), (4, 'r4', 'Discovery', 4);
  INSERT INTO recordings (id, key, title, artist_credit_id, artist_id) VALUES
    (1, 'x', 'Xtal', 1, 1), (2, 'r', 'Roygbiv', 2, 2), (3, 's', 'Sun', 3, 3),
    (4, 'o', 'One More Time', 4, 4), (5, 'c', 'Collab', 5, 3), (6, 'l', 'Long Mix', 6, 1);
`;

// One row per listen: id, user, start (UTC), duration_ms, played_ms, recording, source, platform,
// country, client. Credit, primary artist and release follow from the recording.
type Row = [
  number,
  number,
  string,
  number | null,
  number | null,
  number,
  string,
  string | null,
  string | null,
  string | null,
];
const RECORDING = {
  1: [1, 1, 1],
  2: [2, 2, 2],
  3: [3, 3, 3],
  4: [4, 4, 4],
  5: [5, 3, 3],
  6: [6, 1, null],
} as const;

const HISTORY: Row[] = [
  // Saturday 23:30 UTC is Sunday 00:30 in Berlin: the first Berlin day is 2024-03-10.
  [1, 1, '2024-03-09 23:30:00', 400000, 300000, 1, 'lastfm', null, null, null],
  [2, 1, '2024-03-10 10:00:00', 240000, null, 5, 'lastfm', null, null, null], // length only: 4 min known
  [3, 1, '2024-03-10 10:05:00', null, null, 2, 'lastfm', null, null, null], // no length at all
  [4, 1, '2024-03-10 10:40:00', 200000, 180000, 3, 'lastfm', null, null, null], // 35 min after 10:05: new session
  [5, 1, '2024-03-10 11:00:00', null, 3600000, 6, 'lastfm', null, null, null], // a one-hour mix, to 12:00
  [6, 1, '2024-03-10 11:05:00', 60000, 60000, 4, 'lastfm', null, null, null],
  [7, 1, '2024-03-10 11:50:00', null, 180000, 3, 'lastfm', null, null, null], // the mix still plays: same session
  [8, 1, '2024-03-10 12:40:00', null, 180000, 3, 'lastfm', null, null, null], // 40 min after the mix ended
  // Spring forward in Berlin on Sunday 2024-03-31: 01:30 CET, then 03:30 CEST (02:xx never happens).
  [9, 1, '2024-03-31 00:30:00', null, 120000, 1, 'spotify', 'android', 'DE', null],
  [10, 1, '2024-03-31 01:30:00', null, 120000, 1, 'spotify', 'android', 'DE', null],
  [11, 1, '2024-04-01 18:00:00', null, 240000, 2, 'spotify', 'ios', 'DE', null],
  [12, 1, '2024-04-02 18:00:00', null, 240000, 2, 'spotify', '  ', 'DE', null], // blank platform → unknown
  [13, 1, '2024-10-25 17:00:00', null, 200000, 4, 'listenbrainz', null, null, 'Navidrome'],
  [14, 1, '2024-10-26 17:00:00', null, 200000, 4, 'listenbrainz', null, null, 'Navidrome'],
  // Fall back in Berlin on Sunday 2024-10-27: 02:30 CEST and, an hour later, 02:30 CET again.
  [15, 1, '2024-10-27 00:30:00', null, 120000, 1, 'listenbrainz', null, null, 'Jellyfin'],
  [16, 1, '2024-10-27 01:30:00', null, 120000, 1, 'listenbrainz', null, null, null],
  [17, 1, '2024-10-28 22:30:00', null, 240000, 2, 'listenbrainz', null, null, null],
  // Another user's listens never show in "me"'s statistics.
  [18, 2, '2024-03-10 10:00:00', null, 240000, 4, 'lastfm', null, null, null],
  [19, 2, '2024-10-28 12:00:00', null, 240000, 4, 'lastfm', null, null, null],
];

/** listens.match_key is leaving the schema (recording_id takes over as identity): filled while it exists. */
let withMatchKey = false;

function insertSql(rows: Row[]): string {
  const text = (v: string | null) => (v === null ? 'NULL' : `'${v}'`);
  const num = (v: number | null) => (v === null ? 'NULL' : String(v));
  const values = rows.map(
    ([id, user, at, duration, played, recording, source, platform, country, client]) => {
      const [credit, artist, release] = RECORDING[recording as keyof typeof RECORDING];
      return (
        `(${id}, ${user}, TIMESTAMP '${at}', 'start', 1, ${num(duration)}, ${num(played)}, 'artist', 'track', NULL, ` +
        `${credit}, ${artist}, ${recording}, ${num(release)}, ${withMatchKey ? "'key', " : ''}${text(source)}, 'test', ${text(client)}, ${text(platform)}, ${text(country)})`
      );
    },
  );
  return `INSERT INTO listens (id, user_id, listened_at, stamped_edge, precision_s, duration_ms, played_ms, artist, track,
            release, artist_credit_id, artist_id, recording_id, release_id, ${withMatchKey ? 'match_key, ' : ''}source, format, client,
            platform, country) VALUES ${values.join(',\n')}`;
}

/**
 * Stores rows with SQL, past the write path: the rollups it keeps in the same transaction are
 * recomputed after (src/store/rollups.ts).
 */
async function insert(rows: Row[]): Promise<void> {
  await db.run(insertSql(rows));
  await rebuildRollups(db);
}

let db: Database;
let me: number;
beforeEach(async () => {
  db = await memoryDb();
  withMatchKey = await hasColumn(db, 'listens', 'match_key');
  await db.run(CATALOGUE);
  await insert(HISTORY);
  me = (await findStatsUser(db, 'me')).id;
});
afterEach(() => db.close());

const at = (iso: string) => new Date(iso).toISOString();

async function hasColumn(db: Database, table: string, column: string): Promise<boolean> {
  const rows = await db.all('SELECT 1 FROM duckdb_columns() WHERE table_name = ? AND column_name = ?', [
    table,
    column,
  ]);
  return rows.length > 0;
}

describe('top lists', () => {
  it('ranks recordings by plays, ties by id, each with known time and plays of unknown length', async () => {
    const top = await getTopRecordings(db, { userId: me, now: NOW });
    // Xtal: #1, #9, #10, #15, #16 = 300 000 + 4 × 120 000. Roygbiv: #3 (no length), #11, #12, #17.
    expect(top.entries.map((e) => [e.rank, e.name, e.plays, e.knownMs, e.unknownTimePlays])).toEqual([
      [1, 'Xtal', 5, 780_000, 0],
      [2, 'Roygbiv', 4, 720_000, 1],
      [3, 'Sun', 3, 540_000, 0],
      [4, 'One More Time', 3, 460_000, 0],
      [5, 'Collab', 1, 240_000, 0], // duration_ms stands in when played_ms is missing
      [6, 'Long Mix', 1, 3_600_000, 0],
    ]);
    expect(top.entries[4]?.artist).toBe('Caribou & Daft Punk');
    expect(top.range).toEqual({ spec: 'all_time', tz: 'UTC', from: null, to: null });
  });

  it('ranks by known listening time with --by time', async () => {
    const top = await getTopRecordings(db, { userId: me, now: NOW, by: 'time', limit: 3 });
    expect(top.entries.map((e) => [e.name, e.knownMs])).toEqual([
      ['Long Mix', 3_600_000],
      ['Xtal', 780_000],
      ['Roygbiv', 720_000],
    ]);
    expect(top.limit).toBe(3);
  });

  it('counts a listen for every credited artist, a credit naming one artist twice once', async () => {
    const top = await getTopArtists(db, { userId: me, now: NOW });
    // Aphex Twin: Xtal 5 + Long Mix 1 (credit 6 names him twice). Caribou: Sun 3 + Collab 1.
    // Daft Punk: One More Time 3 + Collab 1. Ties (4 plays) by id.
    expect(top.entries.map((e) => [e.name, e.plays, e.knownMs, e.unknownTimePlays])).toEqual([
      ['Aphex Twin', 6, 4_380_000, 0],
      ['Boards of Canada', 4, 720_000, 1],
      ['Caribou', 4, 780_000, 0],
      ['Daft Punk', 4, 700_000, 0],
    ]);
    const byTime = await getTopArtists(db, { userId: me, now: NOW, by: 'time' });
    expect(byTime.entries.map((e) => e.name)).toEqual([
      'Aphex Twin',
      'Caribou',
      'Boards of Canada',
      'Daft Punk',
    ]);
  });

  it('ranks releases and leaves out listens without one', async () => {
    const top = await getTopReleases(db, { userId: me, now: NOW });
    // Swim: Sun 3 + Collab 1. Long Mix has no release.
    expect(top.entries.map((e) => [e.name, e.artist, e.plays, e.knownMs])).toEqual([
      ['Selected Ambient Works', 'Aphex Twin', 5, 780_000],
      ['Music Has the Right to Children', 'Boards of Canada', 4, 720_000],
      ['Swim', 'Caribou', 4, 780_000],
      ['Discovery', 'Daft Punk', 3, 460_000],
    ]);
    const byTime = await getTopReleases(db, { userId: me, now: NOW, by: 'time' });
    expect(byTime.entries.map((e) => e.name)).toEqual([
      'Selected Ambient Works', // 780 000, tied with Swim: lower id first
      'Swim',
      'Music Has the Right to Children',
      'Discovery',
    ]);
  });

  it('rejects a limit out of bounds and an unknown ranking', async () => {
    await expect(getTopArtists(db, { userId: me, limit: 0 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(getTopArtists(db, { userId: me, limit: 1001 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(getTopArtists(db, { userId: me, by: 'skips' as never })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('ranges and time zones', () => {
  it('puts a listen at 23:30 UTC on the next day in Berlin', async () => {
    // The Berlin day 2024-03-10 runs 2024-03-09T23:00Z → 2024-03-10T23:00Z: listens 1-8.
    const berlin = await getSummary(db, {
      userId: me,
      range: '2024-03-10..2024-03-10',
      tz: BERLIN,
      now: NOW,
    });
    expect(berlin.plays).toBe(8);
    expect(berlin.range).toEqual({
      spec: '2024-03-10..2024-03-10',
      tz: BERLIN,
      from: at('2024-03-09T23:00:00Z'),
      to: at('2024-03-10T23:00:00Z'),
    });
    const utc = await getSummary(db, { userId: me, range: '2024-03-10..2024-03-10', tz: 'UTC', now: NOW });
    expect(utc.plays).toBe(7);
  });

  it('reads rolling week, month and year as whole local days ending today', async () => {
    // Today in Berlin is 2024-10-29; the week is 10-23 … 10-29: listens 13-17.
    const week = await getSummary(db, { userId: me, range: 'week', tz: BERLIN, now: NOW });
    expect(week.plays).toBe(5);
    expect(week.range.from).toBe(at('2024-10-22T22:00:00Z'));
    expect(week.range.to).toBe(at('2024-10-29T23:00:00Z'));
    expect((await getSummary(db, { userId: me, range: 'month', tz: BERLIN, now: NOW })).plays).toBe(5);
    // 365 days back from 2024-10-29 is 2023-10-31: everything.
    expect((await getSummary(db, { userId: me, range: 'year', tz: BERLIN, now: NOW })).plays).toBe(17);
  });

  it('takes ISO timestamps as instants, local without an offset, and open ends', async () => {
    // 11:00-12:00 local in Berlin (CET) is 10:00-11:00Z: listens 2, 3, 4 (5 starts at 11:00, excluded).
    const local = await getSummary(db, {
      userId: me,
      range: '2024-03-10T11:00..2024-03-10T12:00',
      tz: BERLIN,
      now: NOW,
    });
    expect(local.plays).toBe(3);
    const absolute = await getSummary(db, {
      userId: me,
      range: '2024-03-10T10:00Z..2024-03-10T11:00Z',
      tz: BERLIN,
      now: NOW,
    });
    expect(absolute.plays).toBe(3);
    // TO is exclusive for timestamps: 10:00:00Z itself is out.
    expect((await getSummary(db, { userId: me, range: '..2024-03-10T10:00:00Z', now: NOW })).plays).toBe(1);
    expect((await getSummary(db, { userId: me, range: '2024-10-01..', now: NOW })).plays).toBe(5);
  });

  it('answers an empty range with zeros and empty lists', async () => {
    const options = { userId: me, range: '2024-05-01..2024-05-31', tz: BERLIN, now: NOW };
    const summary = await getSummary(db, options);
    expect(summary).toMatchObject({
      plays: 0,
      knownMs: 0,
      unknownTimePlays: 0,
      artists: 0,
      releases: 0,
      recordings: 0,
    });
    expect(summary.firstListen).toBeNull();
    expect(summary.topArtists).toEqual([]);
    expect((await getTopArtists(db, options)).entries).toEqual([]);
    expect((await getTopRecordings(db, options)).entries).toEqual([]);
    const activity = await getActivity(db, options);
    expect(activity.period).toBe('day');
    expect(activity.buckets).toHaveLength(31);
    expect(activity.buckets.every((b) => b.plays === 0 && b.knownMs === 0)).toBe(true);
    const clock = await getListeningClock(db, options);
    expect(clock.total).toBe(0);
    expect(clock.peak).toBeNull();
    expect(clock.plays.flat()).toEqual(new Array(168).fill(0));
    expect(await getSessions(db, options)).toMatchObject({
      count: 0,
      listens: null,
      minutes: null,
      longest: null,
    });
    expect(await getStreaks(db, options)).toMatchObject({ current: null, longest: null, activeDays: 0 });
    expect(await getBreakdown(db, { ...options, field: 'source' })).toMatchObject({ total: 0, entries: [] });
  });

  it('answers a user without listens with zeros', async () => {
    await db.run("INSERT INTO users (id, name) VALUES (3, 'bob')");
    expect((await getSummary(db, { userId: 3, now: NOW })).plays).toBe(0);
    expect((await getActivity(db, { userId: 3, now: NOW })).buckets).toEqual([]);
    expect((await getStreaks(db, { userId: 3, now: NOW })).longest).toBeNull();
  });

  it('rejects a bad range or zone with what was wrong and examples', async () => {
    await expect(getSummary(db, { userId: me, range: 'fortnight' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(
        /Invalid range 'fortnight'.*Examples: week, month, year, all_time, 2024-01-01\.\.2024-12-31/,
      ),
    });
    await expect(getSummary(db, { userId: me, tz: 'Mars/Olympus_Mons' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining("Unknown time zone 'Mars/Olympus_Mons'"),
    });
  });
});

describe('activity', () => {
  it('counts per local day with the empty days, across the spring clock change', async () => {
    // The Berlin day 2024-03-31 has 23 hours; listens 9 and 10 both fall in it.
    const days = await getActivity(db, {
      userId: me,
      range: '2024-03-30..2024-04-02',
      tz: BERLIN,
      period: 'day',
      now: NOW,
    });
    expect(days.buckets).toEqual([
      { start: '2024-03-30', plays: 0, knownMs: 0, unknownTimePlays: 0 },
      { start: '2024-03-31', plays: 2, knownMs: 240_000, unknownTimePlays: 0 },
      { start: '2024-04-01', plays: 1, knownMs: 240_000, unknownTimePlays: 0 },
      { start: '2024-04-02', plays: 1, knownMs: 240_000, unknownTimePlays: 0 },
    ]);
  });

  it('counts per month from the first listen to this month, empty months as zero rows', async () => {
    const months = await getActivity(db, { userId: me, tz: BERLIN, period: 'month', now: NOW });
    // March: listens 1-10 (300 000 + 240 000 + 180 000 + 3 600 000 + 60 000 + 3 × 180 000… see HISTORY).
    expect(months.buckets.map((b) => [b.start, b.plays, b.knownMs, b.unknownTimePlays])).toEqual([
      ['2024-03-01', 10, 4_980_000, 1],
      ['2024-04-01', 2, 480_000, 0],
      ['2024-05-01', 0, 0, 0],
      ['2024-06-01', 0, 0, 0],
      ['2024-07-01', 0, 0, 0],
      ['2024-08-01', 0, 0, 0],
      ['2024-09-01', 0, 0, 0],
      ['2024-10-01', 5, 880_000, 0],
    ]);
  });

  it('starts weeks on Monday and years on January 1st', async () => {
    const weeks = await getActivity(db, {
      userId: me,
      range: '2024-10-21..2024-10-31',
      tz: BERLIN,
      period: 'week',
      now: NOW,
    });
    expect(weeks.buckets.map((b) => [b.start, b.plays])).toEqual([
      ['2024-10-21', 4], // Fri 25, Sat 26, Sun 27 (× 2)
      ['2024-10-28', 1], // Mon 28
    ]);
    const years = await getActivity(db, { userId: me, tz: BERLIN, period: 'year', now: NOW });
    expect(years.buckets).toEqual([
      { start: '2024-01-01', plays: 17, knownMs: 6_340_000, unknownTimePlays: 1 },
    ]);
  });
});

describe('listening clock', () => {
  it('fills weekday × hour in the chosen zone, correct across both clock changes', async () => {
    const clock = await getListeningClock(db, { userId: me, tz: BERLIN, now: NOW });
    const cells: Record<string, number> = {};
    clock.plays.forEach((row, weekday) =>
      row.forEach((n, hour) => {
        if (n > 0) cells[`${['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][weekday]} ${hour}`] = n;
      }),
    );
    expect(cells).toEqual({
      'Sun 0': 1, // listen 1: Saturday 23:30 UTC
      'Sun 1': 1, // listen 9: 01:30 CET, before the spring change
      'Sun 3': 1, // listen 10: 03:30 CEST, an hour later in UTC; nothing at 2
      'Sun 2': 2, // listens 15 and 16: 02:30 CEST and 02:30 CET, an hour apart in UTC
      'Sun 11': 3, // listens 2, 3, 4
      'Sun 12': 3, // listens 5, 6, 7
      'Sun 13': 1, // listen 8
      'Mon 20': 1, // listen 11
      'Tue 20': 1, // listen 12
      'Fri 19': 1, // listen 13: 17:00 UTC in CEST
      'Sat 19': 1, // listen 14
      'Mon 23': 1, // listen 17: 22:30 UTC in CET
    });
    expect(clock.total).toBe(17);
    expect(clock.peak).toEqual({ weekday: 6, hour: 11, plays: 3 }); // tied with 12: the earlier wins
  });

  it('uses UTC hours in UTC', async () => {
    const clock = await getListeningClock(db, { userId: me, tz: 'UTC', now: NOW });
    expect(clock.plays[5]?.[23]).toBe(1); // listen 1, Saturday 23:30
    expect(clock.plays[6]?.[0]).toBe(2); // listens 9 and 15 at Sunday 00:30
    expect(clock.plays[6]?.[1]).toBe(2); // listens 10 and 16
  });
});

describe('sessions', () => {
  it('splits at silences over 30 minutes, measured from the latest end of any earlier listen', async () => {
    const sessions = await getSessions(db, { userId: me, now: NOW });
    // 1 | 2 3 | 4 5 6 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 — 13 sessions, 17 listens.
    // Listen 7 (11:50) starts 44 min after listen 6 ended but while the mix (11:00-12:00) still plays.
    // Listen 4 starts 35 min after listen 3, whose length is unknown (it ends where it starts).
    expect(sessions.count).toBe(13);
    expect(sessions.listens?.mean).toBeCloseTo(17 / 13, 10);
    expect(sessions.listens?.median).toBe(1);
    // Minutes: 5, 5, 80, 3, 2, 2, 4, 4, 3⅓, 3⅓, 2, 2, 4 (sum 119⅔); median 3⅓.
    expect(sessions.minutes?.mean).toBeCloseTo((119 + 2 / 3) / 13, 10);
    expect(sessions.minutes?.median).toBeCloseTo(10 / 3, 10);
    expect(sessions.longest).toEqual({
      start: at('2024-03-10T10:40:00Z'),
      end: at('2024-03-10T12:00:00Z'),
      listens: 4,
      minutes: 80,
    });
  });

  it('takes another gap', async () => {
    // With 60 minutes, 3-8 join 2 (gaps 35 and 40), 10 joins 9 (58) and 16 joins 15 (58).
    const sessions = await getSessions(db, { userId: me, now: NOW, gapMinutes: 60 });
    expect(sessions.count).toBe(9);
    expect(sessions.longest).toMatchObject({ start: at('2024-03-10T10:00:00Z'), listens: 7, minutes: 163 });
  });
});

describe('streaks', () => {
  it('finds the longest and the current run of local days', async () => {
    // Berlin days: 03-10 | 03-31 04-01 04-02 | 10-25 10-26 10-27 10-28; today 10-29 has no listen yet.
    const streaks = await getStreaks(db, { userId: me, tz: BERLIN, now: NOW });
    expect(streaks.today).toBe('2024-10-29');
    expect(streaks.longest).toEqual({ start: '2024-10-25', end: '2024-10-28', days: 4 });
    expect(streaks.current).toEqual({ start: '2024-10-25', end: '2024-10-28', days: 4 });
    expect(streaks.activeDays).toBe(8);
  });

  it('counts days in the zone: listen 1 is on 03-09 in UTC', async () => {
    const streaks = await getStreaks(db, { userId: me, tz: 'UTC', now: NOW });
    expect(streaks.activeDays).toBe(9);
  });

  it('has no current streak after a day without listens', async () => {
    const later = Date.UTC(2024, 9, 31, 12); // 10-31: 10-29 and 10-30 passed without a listen
    const streaks = await getStreaks(db, { userId: me, tz: BERLIN, now: later });
    expect(streaks.current).toBeNull();
    expect(streaks.longest?.days).toBe(4);
  });

  it('keeps the most recent of equally long runs', async () => {
    const spring = await getStreaks(db, {
      userId: me,
      tz: BERLIN,
      range: '2024-03-01..2024-10-26',
      now: NOW,
    });
    // 03-31…04-02 (3 days) is longer than 10-25…10-26 (2 days, cut by the range).
    expect(spring.longest).toEqual({ start: '2024-03-31', end: '2024-04-02', days: 3 });
    const tie = await getStreaks(db, { userId: me, tz: BERLIN, range: '2024-03-01..2024-10-27', now: NOW });
    expect(tie.longest).toEqual({ start: '2024-10-25', end: '2024-10-27', days: 3 });
  });
});

describe('breakdowns', () => {
  it('splits plays by source with shares', async () => {
    const sources = await getBreakdown(db, { userId: me, field: 'source', now: NOW });
    expect(sources.total).toBe(17);
    expect(sources.entries).toEqual([
      { value: 'lastfm', plays: 8, share: 8 / 17 },
      { value: 'listenbrainz', plays: 5, share: 5 / 17 },
      { value: 'spotify', plays: 4, share: 4 / 17 },
    ]);
  });

  it('counts missing and blank values as unknown', async () => {
    const platforms = await getBreakdown(db, { userId: me, field: 'platform', now: NOW });
    expect(platforms.entries.map((e) => [e.value, e.plays])).toEqual([
      ['unknown', 14],
      ['android', 2],
      ['ios', 1],
    ]);
    const clients = await getBreakdown(db, { userId: me, field: 'client', now: NOW });
    expect(clients.entries.map((e) => [e.value, e.plays])).toEqual([
      ['unknown', 14],
      ['Navidrome', 2],
      ['Jellyfin', 1],
    ]);
    const countries = await getBreakdown(db, { userId: me, field: 'country', now: NOW });
    expect(countries.entries.map((e) => [e.value, e.plays])).toEqual([
      ['unknown', 13],
      ['DE', 4],
    ]);
  });
});

describe('summary', () => {
  it('gives totals, distinct counts, first and last listen and the top 5 artists', async () => {
    const summary = await getSummary(db, { userId: me, tz: BERLIN, now: NOW });
    expect(summary).toMatchObject({
      plays: 17,
      knownMs: 6_340_000,
      unknownTimePlays: 1,
      artists: 4,
      releases: 4,
      recordings: 6,
      firstListen: at('2024-03-09T23:30:00Z'),
      lastListen: at('2024-10-28T22:30:00Z'),
    });
    expect(summary.topArtists.map((a) => [a.rank, a.name, a.plays])).toEqual([
      [1, 'Aphex Twin', 6],
      [2, 'Boards of Canada', 4],
      [3, 'Caribou', 4],
      [4, 'Daft Punk', 4],
    ]);
  });
});

describe('a back-dated listen imported later', () => {
  it('shows at once in every statistic', async () => {
    const options = { userId: me, tz: BERLIN, now: NOW };
    const before = await getActivity(db, { ...options, period: 'month' });
    expect(before.buckets[0]?.start).toBe('2024-03-01');

    // New Year's Eve 23:30 UTC: Monday 2024-01-01 00:30 in Berlin, Roygbiv from Last.fm.
    await insert([[20, 1, '2023-12-31 23:30:00', null, 240000, 2, 'lastfm', null, null, null]]);

    const summary = await getSummary(db, options);
    expect(summary).toMatchObject({ plays: 18, knownMs: 6_580_000, firstListen: at('2023-12-31T23:30:00Z') });
    expect((await getTopArtists(db, options)).entries.map((e) => [e.name, e.plays])).toEqual([
      ['Aphex Twin', 6],
      ['Boards of Canada', 5],
      ['Caribou', 4],
      ['Daft Punk', 4],
    ]);
    expect((await getTopRecordings(db, options)).entries.slice(0, 2).map((e) => [e.name, e.plays])).toEqual([
      ['Xtal', 5],
      ['Roygbiv', 5],
    ]);
    expect((await getTopReleases(db, options)).entries[1]).toMatchObject({
      name: 'Music Has the Right to Children',
      plays: 5,
    });
    const months = await getActivity(db, { ...options, period: 'month' });
    expect(months.buckets.slice(0, 3).map((b) => [b.start, b.plays])).toEqual([
      ['2024-01-01', 1],
      ['2024-02-01', 0],
      ['2024-03-01', 10],
    ]);
    expect(months.buckets).toHaveLength(10);
    // In UTC the same listen is on 2023-12-31.
    const utcMonths = await getActivity(db, { ...options, tz: 'UTC', period: 'month' });
    expect(utcMonths.buckets[0]).toMatchObject({ start: '2023-12-01', plays: 1 });
    expect((await getListeningClock(db, options)).plays[0]?.[0]).toBe(1); // Monday 00:xx
    expect((await getSessions(db, options)).count).toBe(14);
    expect((await getStreaks(db, options)).activeDays).toBe(9);
    expect((await getBreakdown(db, { ...options, field: 'source' })).entries[0]).toEqual({
      value: 'lastfm',
      plays: 9,
      share: 9 / 18,
    });
  });
});

describe('users', () => {
  it('finds a user by name with their zone, and names the users there are when not', async () => {
    expect(await findStatsUser(db, 'alice')).toEqual({ id: 2, name: 'alice', timeZone: 'Europe/Berlin' });
    await expect(findStatsUser(db, 'carol')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: "No user named 'carol'. Users in this database: alice, me.",
    });
  });

  it('keeps users apart', async () => {
    const alice = await getSummary(db, { userId: 2, now: NOW });
    expect(alice.plays).toBe(2);
    expect(alice.topArtists.map((a) => a.name)).toEqual(['Daft Punk']);
  });
});

describe('rank movement', () => {
  it('says where each entry stood in the period of the same length just before', async () => {
    // 2024-03-31..2024-04-30 in Berlin: Xtal #9, #10 (Aphex Twin), Roygbiv #11, #12 (Boards of Canada).
    // The 31 days before (2024-02-29..2024-03-30) hold #1-#8: Caribou 4 (#2, #4, #7, #8), Aphex Twin
    // 2 (#1, #5), Daft Punk 2 (#2, #6; Aphex Twin first on the lower id), Boards of Canada 1 (#3).
    const top = await getTopArtists(db, {
      userId: me,
      now: NOW,
      tz: BERLIN,
      range: '2024-03-31..2024-04-30',
      compare: true,
    });
    expect(top.previous?.spec).toBe('2024-02-29..2024-03-30');
    expect(top.entries.map((e) => [e.rank, e.name, e.previousRank])).toEqual([
      [1, 'Aphex Twin', 2],
      [2, 'Boards of Canada', 4],
    ]);
  });

  it('has nothing to compare with for all_time', async () => {
    const top = await getTopReleases(db, { userId: me, now: NOW, compare: true });
    expect(top.previous).toBeNull();
    expect(top.entries.every((e) => e.previousRank === null)).toBe(true);
    expect((await getTopReleases(db, { userId: me, now: NOW })).entries[0]).not.toHaveProperty(
      'previousRank',
    );
  });
});

describe('leaders', () => {
  it('ranks the artists of each local month, ties by the lower id', async () => {
    // March (Berlin): Aphex Twin 4 (#1, #5, #9, #10), Caribou 4 (#2, #4, #7, #8). April: Boards of
    // Canada 2. October: Aphex Twin 2 (#15, #16), Daft Punk 2 (#13, #14), Boards of Canada 1.
    const leaders = await getLeaders(db, { userId: me, now: NOW, tz: BERLIN, entity: 'artists', limit: 2 });
    expect(leaders.period).toBe('month');
    expect(leaders.periods.map((p) => [p.start, p.entries.map((e) => [e.rank, e.name, e.plays])])).toEqual([
      [
        '2024-03-01',
        [
          [1, 'Aphex Twin', 4],
          [2, 'Caribou', 4],
        ],
      ],
      ['2024-04-01', [[1, 'Boards of Canada', 2]]],
      [
        '2024-10-01',
        [
          [1, 'Aphex Twin', 2],
          [2, 'Daft Punk', 2],
        ],
      ],
    ]);
  });

  it('ranks releases by time, with their artist, and years', async () => {
    // October: Discovery 2 × 200 000 ms; Selected Ambient Works 2 × 120 000 ms ties Music Has the
    // Right to Children's 240 000 ms and leads on plays.
    const october = await getLeaders(db, {
      userId: me,
      now: NOW,
      tz: BERLIN,
      entity: 'releases',
      by: 'time',
      range: '2024-10-01..2024-10-31',
    });
    expect(october.periods[0]!.entries.map((e) => [e.rank, e.name, e.artist, e.knownMs])).toEqual([
      [1, 'Discovery', 'Daft Punk', 400_000],
      [2, 'Selected Ambient Works', 'Aphex Twin', 240_000],
      [3, 'Music Has the Right to Children', 'Boards of Canada', 240_000],
    ]);
    const years = await getLeaders(db, {
      userId: me,
      now: NOW,
      entity: 'recordings',
      period: 'year',
      limit: 1,
    });
    // Xtal: #1, #9, #10, #15, #16.
    expect(years.periods).toEqual([
      {
        start: '2024-01-01',
        entries: [{ rank: 1, id: 1, name: 'Xtal', artist: 'Aphex Twin', plays: 5, knownMs: 780_000 }],
      },
    ]);
  });
});

describe('short plays (the nearest the store comes to skips)', () => {
  // Three more plays of a 5-minute track: 20 s (short: under 30 s), 2 min (short: under half), 4 min.
  const MORE: Row[] = [
    [20, 1, '2024-05-01 10:00:00', 300000, 20000, 1, 'spotify', null, null, null],
    [21, 1, '2024-05-01 10:10:00', 300000, 120000, 1, 'spotify', null, null, null],
    [22, 1, '2024-05-01 10:20:00', 300000, 240000, 1, 'spotify', null, null, null],
  ];
  it('counts timed plays under 30 s or under half the track, of the plays with a time played', async () => {
    await insert(MORE);
    const mine = [...HISTORY, ...MORE].filter(([, user]) => user === 1);
    const timed = mine.filter(([, , , , played]) => played !== null);
    const short = timed.filter(
      ([, , , duration, played]) => played! < 30_000 || (duration !== null && played! * 2 < duration),
    );
    expect(short.map(([id]) => id)).toEqual([20, 21]);
    expect(await getShortPlays(db, { userId: me, now: NOW })).toMatchObject({
      plays: mine.length,
      timed: timed.length,
      short: 2,
      share: 2 / timed.length,
    });
    // No play in the range: nothing was timed, so there is no share to tell.
    const empty = await getShortPlays(db, { userId: me, range: '2023-01-01..2023-01-31', now: NOW });
    expect(empty).toMatchObject({ plays: 0, timed: 0, short: 0, share: null });
  });
});
