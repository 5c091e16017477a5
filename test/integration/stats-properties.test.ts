// The fast paths against the slow, obvious SQL on generated histories: local times from bucketed
// offsets against ICU converting every listen, sessions from buckets against a window over every listen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getActivity, getListeningClock, getSessions, getStreaks } from '../../src/stats/index.js';
import type { Database } from '../../src/store/database.js';
import { rebuildRollups } from '../../src/store/rollups.js';
import { memoryDb } from '../support/temp.js';

const NOW = Date.UTC(2024, 0, 1);
const SPREAD_USER = 1; // 4000 listens at random instants 2000-2023
const DENSE_USER = 2; // 500 listens within 20 days, random lengths: many sessions
const EPOCH_USER = 3; // 1000 listens 1969-1970, some within hours of the epoch (negative µs)

let db: Database;
beforeAll(async () => {
  db = await memoryDb();
  await db.run("INSERT INTO users (id, name) VALUES (2, 'dense'), (3, 'epoch')");
  // listens.match_key is leaving the schema (recording_id takes over as identity): filled while it exists.
  const matchKey =
    (
      await db.all(
        "SELECT 1 FROM duckdb_columns() WHERE table_name = 'listens' AND column_name = 'match_key'",
      )
    ).length > 0;
  const columns = `id, user_id, listened_at, stamped_edge, precision_s, duration_ms, played_ms, artist, track,
                   artist_credit_id, artist_id, recording_id, ${matchKey ? 'match_key, ' : ''}source, format`;
  const key = matchKey ? "'k', " : '';
  // Seeded hashes, not random(): the same history on every run.
  const spreadUs = Date.UTC(2024, 0, 1) * 1000 - Date.UTC(2000, 0, 1) * 1000;
  await db.run(`INSERT INTO listens (${columns})
    SELECT i, ${SPREAD_USER}, make_timestamp(${Date.UTC(2000, 0, 1) * 1000} + (hash(i, 1) % ${spreadUs})::BIGINT),
           'start', 1, 200000, NULL, 'a', 't', 1, 1, 1, ${key}'test', 'test'
    FROM range(1, 4001) t(i)`);
  const denseUs = 20 * 86_400_000_000;
  await db.run(`INSERT INTO listens (${columns})
    SELECT 10000 + i, ${DENSE_USER}, make_timestamp(${Date.UTC(2023, 5, 1) * 1000} + (hash(i, 2) % ${denseUs})::BIGINT),
           'start', 1,
           CASE WHEN hash(i, 3) % 5 = 0 THEN NULL ELSE (hash(i, 4) % 3600000)::INTEGER END,
           CASE WHEN hash(i, 5) % 3 = 0 THEN NULL ELSE (hash(i, 6) % 2400000)::INTEGER END,
           'a', 't', 1, 1, 1, ${key}'test', 'test'
    FROM range(1, 501) t(i)`);
  // Around 1970-01-01: epoch microseconds change sign, and Monrovia still kept −00:44:30.
  await db.run(`INSERT INTO listens (${columns})
    SELECT 20000 + i, ${EPOCH_USER},
           make_timestamp(CASE WHEN i <= 500 THEN -86400000000 * 200 + (hash(i, 7) % (86400000000 * 400))::BIGINT
                               ELSE -43200000000 + (hash(i, 8) % 86400000000)::BIGINT END),
           'start', 1, (hash(i, 9) % 3600000)::INTEGER, NULL, 'a', 't', 1, 1, 1, ${key}'test', 'test'
    FROM range(1, 1001) t(i)`);
  // Stored with SQL, past the write path: the rollups it would keep are recomputed.
  await rebuildRollups(db);
});
afterAll(() => db.close());

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'America/Sao_Paulo', // DST until 2019
  'Asia/Kolkata', // +05:30
  'Asia/Kathmandu', // +05:30 until 1986, then +05:45
  'Asia/Tehran', // +03:30 with DST until 2022
  'Australia/Lord_Howe', // 30-minute DST
  'America/St_Johns', // −03:30, clock changes at 00:01 until 2011
  'Pacific/Chatham', // +12:45 / +13:45
  'Pacific/Apia', // skipped 2011-12-30 entirely
  'Africa/Casablanca', // DST paused every Ramadan
];

const CASES = [
  ...ZONES.map((tz) => ({ tz, user: SPREAD_USER, years: '2000-2023' })),
  ...['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Africa/Monrovia'].map((tz) => ({
    tz,
    user: EPOCH_USER,
    years: '1969-1970',
  })),
];

describe('local time from bucketed offsets', () => {
  it.each(CASES)('matches ICU per listen in $tz, $years (clock, days, streaks)', async ({ tz, user }) => {
    const options = { userId: user, tz, now: NOW };
    const icu = await db.all<{ weekday: bigint; hour: bigint; day: string; plays: bigint }>(
      `SELECT isodow(t) AS weekday, hour(t) AS hour, strftime(t, '%Y-%m-%d') AS day, count(*) AS plays
       FROM (SELECT timezone($tz, listened_at::TIMESTAMPTZ) AS t FROM listens WHERE user_id = $user)
       GROUP BY ALL`,
      { tz, user },
    );

    const expectedClock = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
    for (const r of icu) expectedClock[Number(r.weekday) - 1]![Number(r.hour)]! += Number(r.plays);
    expect((await getListeningClock(db, options)).plays).toEqual(expectedClock);

    const expectedDays = new Map<string, number>();
    for (const r of icu) expectedDays.set(r.day, (expectedDays.get(r.day) ?? 0) + Number(r.plays));
    const activity = await getActivity(db, { ...options, period: 'day' });
    const days = new Map(activity.buckets.filter((b) => b.plays > 0).map((b) => [b.start, b.plays]));
    expect(days).toEqual(expectedDays);
    expect((await getStreaks(db, options)).activeDays).toBe(expectedDays.size);
  });
});

describe('sessions from buckets', () => {
  it.each([
    { user: DENSE_USER, gapMinutes: 5 },
    { user: DENSE_USER, gapMinutes: 30 },
    { user: DENSE_USER, gapMinutes: 47 },
    { user: DENSE_USER, gapMinutes: 90 },
    { user: EPOCH_USER, gapMinutes: 30 },
  ])(
    'match a window over every listen for user $user with a $gapMinutes-minute gap',
    async ({ user, gapMinutes }) => {
      const [expected] = await db.all<Record<string, number | bigint | Date>>(
        `WITH ends AS (
         SELECT listened_at AS s, listened_at + to_milliseconds(coalesce(played_ms, duration_ms, 0)) AS e
         FROM listens WHERE user_id = $user),
       marked AS (
         SELECT *, max(e) OVER (ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS latest_end FROM ends),
       numbered AS (
         SELECT *, sum(CASE WHEN latest_end IS NULL OR s - latest_end > to_minutes($gap::BIGINT) THEN 1 ELSE 0 END)
                     OVER (ORDER BY s ROWS UNBOUNDED PRECEDING) AS session
         FROM marked),
       sessions AS (SELECT count(*) AS n, min(s) AS first, max(e) AS last FROM numbered GROUP BY session)
       SELECT count(*) AS count, avg(n) AS mean_listens, median(n) AS median_listens,
              avg(epoch_us(last) - epoch_us(first)) / 60e6 AS mean_minutes,
              arg_max(n, (epoch_us(last) - epoch_us(first), -epoch_us(first))) AS longest_listens,
              max(epoch_us(last) - epoch_us(first)) / 60e6 AS longest_minutes
       FROM sessions`,
        { user, gap: gapMinutes },
      );
      const sessions = await getSessions(db, { userId: user, now: NOW, gapMinutes });
      expect(sessions.count).toBe(Number(expected!.count));
      expect(sessions.count).toBeGreaterThan(5);
      expect(sessions.listens?.mean).toBeCloseTo(Number(expected!.mean_listens), 9);
      expect(sessions.listens?.median).toBeCloseTo(Number(expected!.median_listens), 9);
      expect(sessions.minutes?.mean).toBeCloseTo(Number(expected!.mean_minutes), 6);
      expect(sessions.longest?.listens).toBe(Number(expected!.longest_listens));
      expect(sessions.longest?.minutes).toBeCloseTo(Number(expected!.longest_minutes), 6);
    },
  );
});
