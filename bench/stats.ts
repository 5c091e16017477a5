// npm run bench:stats [-- --listens 10000000 --users 1 --runs 3 --tz Europe/Berlin --db PATH --keep --json
//                        --wait-idle [--idle-wait-s 120] --backdated 100000]
// Builds a DuckDB file with N listens generated in SQL (seeded hashes, so every run builds the same
// data): 50k artists, 500k recordings, 100k releases, one recording in ten with a 2-3 artist credit,
// long-tail popularity, ten years of listens; then the rollups from them (rebuildRollups). Then times
// every statistic through src/stats/ for all_time, year and week, twice: as the CLI and the API get
// it (from the rollups where they answer) and from the listens alone (readingListens: the reference,
// and the only way before the rollups): one warm-up, then --runs runs, median and max in ms.
// --users 1 (the default) gives one user every listen: the worst case for per-user statistics.
// --wait-idle (Linux) waits before each statistic until other processes leave the CPUs alone, for
// numbers that mean something on a shared machine.
// --backdated N: afterwards imports N listens dated 2016 for 'me' (a ListenBrainz JSON-lines file,
// through importFiles: the write path, rollups included), and checks that the statistics asked right
// after the import returns include them; then undoes the import, so the file can be used again.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importFiles } from '../src/ingest/import-service.js';
import { openDatabase, type Database } from '../src/store/database.js';
import { undoImport } from '../src/store/import-undo.js';
import { rebuildRollups } from '../src/store/rollups.js';
import {
  getActivity,
  getBreakdown,
  getListeningClock,
  getSessions,
  getStreaks,
  getSummary,
  getTopArtists,
  getTopRecordings,
  getTopReleases,
  readingListens,
  resolveRange,
  type StatsOptions,
} from '../src/stats/index.js';

const { values } = parseArgs({
  options: {
    listens: { type: 'string', default: '1000000' },
    users: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    tz: { type: 'string', default: 'Europe/Berlin' },
    ranges: { type: 'string', default: 'all_time,year,week' },
    db: { type: 'string' },
    keep: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'wait-idle': { type: 'boolean', default: false },
    'idle-wait-s': { type: 'string', default: '120' },
    backdated: { type: 'string', default: '0' },
  },
});
const listens = Number(values.listens);
const users = Number(values.users);
const runs = Number(values.runs);
const ranges = values.ranges.split(',');
const backdated = Number(values.backdated);
if (!Number.isInteger(listens) || listens < 1 || !Number.isInteger(users) || users < 1 || !(runs >= 1)) {
  throw new Error('--listens, --users and --runs take positive whole numbers');
}

const ARTISTS = 50_000;
const SINGLE_CREDITS = ARTISTS; // credit i names artist i alone
const MULTI_CREDITS = 8_000;
const RECORDINGS = 500_000;
const TRACKS_PER_RELEASE = 5; // → 100k releases
const START = Date.UTC(2015, 0, 1);
const DAYS = 3650;
/** Listens end just before this: rolling ranges (week, year) are measured from here. */
const NOW = START + DAYS * 86_400_000;

function log(s: string): void {
  if (!values.json) process.stderr.write(s + '\n');
}

/** A uniform pseudo-random number in [0, 1) from an integer expression and a salt, in SQL. */
function rand(expr: string, salt: number): string {
  return `(hash(${expr}, ${salt}) % 1000000007) / 1000000007.0`;
}

async function generate(db: Database): Promise<void> {
  const step = async (label: string, sql: string): Promise<void> => {
    const t0 = performance.now();
    await db.run(sql);
    log(`  ${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  log(`generating ${listens.toLocaleString('en')} listens for ${users} user(s)…`);
  // The schema may already hold the default user 'me'; bench users are 'me', 'user2', 'user3', …
  await step(
    'users',
    `INSERT INTO users (name) SELECT name FROM (
       SELECT CASE WHEN i = 1 THEN 'me' ELSE 'user' || i END AS name FROM range(1, ${users + 1}) t(i))
     WHERE name NOT IN (SELECT name FROM users)`,
  );
  await db.run(
    `CREATE TEMP TABLE bench_users AS
     SELECT i - 1 AS idx, u.id FROM range(1, ${users + 1}) t(i)
     JOIN users u ON u.name = CASE WHEN i = 1 THEN 'me' ELSE 'user' || i END`,
  );
  await step(
    'artists',
    `INSERT INTO artists (id, key, name) SELECT i, 'artist ' || i, 'Artist ' || i FROM range(1, ${ARTISTS + 1}) t(i)`,
  );
  await step(
    'credits',
    `INSERT INTO artist_credits (id, key, name)
     SELECT i, 'credit ' || i, CASE WHEN i <= ${SINGLE_CREDITS} THEN 'Artist ' || i ELSE 'Artists of credit ' || i END
     FROM range(1, ${SINGLE_CREDITS + MULTI_CREDITS + 1}) t(i)`,
  );
  // Multi-artist credits: a popular-ish lead and one or two long-tail guests.
  await step(
    'credit members',
    `INSERT INTO artist_credit_members (credit_id, position, artist_id, credited_name, join_phrase)
     SELECT i, 0, i, 'Artist ' || i, '' FROM range(1, ${SINGLE_CREDITS + 1}) t(i)
     UNION ALL
     SELECT c, p,
            CASE WHEN p = 0 THEN floor(5000 * ${rand('c', 1)})::INTEGER + 1
                 ELSE floor(${ARTISTS} * ${rand('c * 3 + p', 2)})::INTEGER + 1 END,
            'Guest', CASE WHEN p = 0 THEN '' ELSE ' & ' END
     FROM range(${SINGLE_CREDITS + 1}, ${SINGLE_CREDITS + MULTI_CREDITS + 1}) t(c), range(0, 3) s(p)
     WHERE p < 2 OR c % 3 = 0`,
  );
  // Artist popularity follows a power law; one recording in ten has a multi-artist credit.
  await step(
    'recordings',
    `INSERT INTO recordings (id, key, title, artist_credit_id, artist_id, length_ms)
     SELECT r.id, 'recording ' || r.id, 'Track ' || r.id, r.credit, m.artist_id,
            (120000 + 300000 * ${rand('r.id', 4)})::INTEGER
     FROM (SELECT i AS id,
                  CASE WHEN i % 10 = 0 THEN ${SINGLE_CREDITS + 1} + floor(${MULTI_CREDITS} * ${rand('i', 5)})::INTEGER
                       ELSE floor(${ARTISTS} * pow(${rand('i', 6)}, 2))::INTEGER + 1 END AS credit
           FROM range(1, ${RECORDINGS + 1}) t(i)) r
     JOIN artist_credit_members m ON m.credit_id = r.credit AND m.position = 0`,
  );
  await step(
    'releases',
    `INSERT INTO releases (id, key, title, artist_id)
     SELECT (id - 1) // ${TRACKS_PER_RELEASE} + 1, 'release ' || ((id - 1) // ${TRACKS_PER_RELEASE} + 1),
            'Album ' || ((id - 1) // ${TRACKS_PER_RELEASE} + 1), artist_id
     FROM recordings WHERE id % ${TRACKS_PER_RELEASE} = 1`,
  );
  // Listens stored user by user, each history in time order (as one import per user leaves them),
  // spread evenly over ten years with jitter; recordings by a steep long tail. 55% played_ms
  // known, 15% played partly, 25% only the track length, 5% neither.
  const spanUs = DAYS * 86_400_000_000;
  // listens.match_key is leaving the schema (recording_id takes over as identity): filled while it exists.
  const matchKey =
    (
      await db.all(
        "SELECT 1 FROM duckdb_columns() WHERE table_name = 'listens' AND column_name = 'match_key'",
      )
    ).length > 0;
  await step(
    'listens',
    `INSERT INTO listens (user_id, listened_at, stamped_edge, precision_s, duration_ms, played_ms,
                          artist, track, release, artist_credit_id, artist_id, recording_id, release_id,
                          ${matchKey ? 'match_key, ' : ''}source, format, client, platform, country)
     SELECT bu.id,
            make_timestamp((${START * 1000} + g.i * ${spanUs / listens} + ${rand('g.i', 7)} * ${spanUs / listens})::BIGINT),
            'start', 1,
            CASE WHEN g.u < 0.05 THEN NULL ELSE rec.length_ms END,
            CASE WHEN g.u < 0.30 THEN NULL
                 WHEN g.u < 0.45 THEN (rec.length_ms * ${rand('g.i', 8)})::INTEGER
                 ELSE rec.length_ms END,
            'Artist', rec.title, 'Album', rec.artist_credit_id, rec.artist_id, rec.id,
            (rec.id - 1) // ${TRACKS_PER_RELEASE} + 1, ${matchKey ? "'key ' || rec.id," : ''}
            ['spotify', 'lastfm', 'listenbrainz'][g.i % 3 + 1], 'bench',
            CASE WHEN g.i % 3 = 2 THEN ['Navidrome', 'Pano Scrobbler', 'Jellyfin', NULL][g.i % 4 + 1] END,
            CASE WHEN g.i % 3 = 0 THEN ['android', 'ios', 'windows', 'osx', 'web'][g.i % 5 + 1] END,
            CASE WHEN g.i % 3 = 0 THEN ['DE', 'US', 'GB', 'FR'][g.i % 4 + 1] END
     FROM (SELECT i, ${rand('i', 9)} AS u, (hash(i, 10) % ${users})::INTEGER AS user_idx,
                  floor(${RECORDINGS} * pow(${rand('i', 11)}, 3))::INTEGER + 1 AS recording_id
           FROM range(0, ${listens}) t(i)) g
     JOIN recordings rec ON rec.id = g.recording_id
     JOIN bench_users bu ON bu.idx = g.user_idx
     ORDER BY g.user_idx, g.i`,
  );
  // The catalogue took its ids above; the write path (--backdated) takes the next ones from the sequences.
  await step(
    'sequences',
    `SELECT max(nextval('artists_id_seq')) FROM range(${ARTISTS});
     SELECT max(nextval('artist_credits_id_seq')) FROM range(${SINGLE_CREDITS + MULTI_CREDITS});
     SELECT max(nextval('recordings_id_seq')) FROM range(${RECORDINGS});
     SELECT max(nextval('releases_id_seq')) FROM range(${RECORDINGS / TRACKS_PER_RELEASE})`,
  );
  const t0 = performance.now();
  await rebuildRollups(db);
  log(`  rollups: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await step('checkpoint', 'CHECKPOINT');
}

interface Timing {
  statistic: string;
  range: string;
  /** rollups: as the CLI and the API read it; listens: from the listens alone (the reference). */
  from: 'rollups' | 'listens';
  medianMs: number;
  maxMs: number;
  /** CPU time of this process (DuckDB's threads included): steadier than wall time on a busy machine. */
  cpuMedianMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function time(run: () => Promise<unknown>): Promise<Omit<Timing, 'statistic' | 'range' | 'from'>> {
  await settle();
  await run(); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await run();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { medianMs: round(median(wall)), maxMs: round(Math.max(...wall)), cpuMedianMs: round(median(cpu)) };
}

// For comparison only: top artists counted for the primary artist alone, the cheapest possible query.
const PRIMARY_ARTISTS_SQL = `
  SELECT artist_id, count(*) AS plays, sum(coalesce(played_ms, duration_ms)) AS known_ms,
         count(*) - count(coalesce(played_ms, duration_ms)) AS unknown_plays
  FROM listens
  WHERE user_id = $user_id AND listened_at >= make_timestamp($from_us) AND listened_at < make_timestamp($to_us)
  GROUP BY artist_id ORDER BY plays DESC, artist_id LIMIT 10`;

/** Idle share of all CPUs over the next `ms`, from /proc/stat; null where there is none. */
async function idleShare(ms: number): Promise<number | null> {
  const sample = (): number[] | null => {
    try {
      return readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    } catch {
      return null;
    }
  };
  const a = sample();
  await new Promise((done) => setTimeout(done, ms));
  const b = sample();
  if (!a || !b) return null;
  const total = b.reduce((x, y) => x + y, 0) - a.reduce((x, y) => x + y, 0);
  return total > 0 ? (b[3]! - a[3]!) / total : null;
}

/** With --wait-idle: waits (up to --idle-wait-s, two minutes) until the machine is at least 95% idle. */
async function settle(): Promise<void> {
  if (!values['wait-idle']) return;
  const until = Date.now() + Number(values['idle-wait-s']) * 1000;
  while (Date.now() < until) {
    const idle = await idleShare(500);
    if (idle === null || idle >= 0.95) return;
  }
  log(`  (machine still busy after ${values['idle-wait-s']} s: timing anyway)`);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/**
 * Imports `count` listens dated from 2016-03-01 (every 25 s: between the history's own listens) for
 * the user through the write path, and reads the statistics right after: they must include every new
 * listen, with nothing run after the import's last commit.
 */
async function importBackdated(db: Database, userId: number, base: StatsOptions) {
  const file = join(outDir, `backdated-${backdated}.jsonl`);
  const start = Date.UTC(2016, 2, 1) / 1000;
  writeFileSync(
    file,
    Array.from({ length: backdated }, (_, i) =>
      JSON.stringify({
        listened_at: start + i * 25,
        track_metadata: {
          artist_name: `Back-dated Artist ${i % 997}`,
          track_name: `Back-dated Track ${i % 20011}`,
          release_name: `Back-dated Album ${i % 3001}`,
          additional_info: i % 4 === 0 ? {} : { duration_ms: 150_000 + (i % 120_000) },
        },
      }),
    ).join('\n') + '\n',
  );
  const options = { ...base, range: '2016-03-01..2016-03-31' };
  const before = { all: await getSummary(db, base), march: await getSummary(db, options) };
  log(`importing ${count(backdated)} back-dated listens…`);
  const t0 = performance.now();
  const report = await importFiles(db, { paths: [file], defaultUserName: 'me', now: base.now as number });
  const importMs = performance.now() - t0;
  const t1 = performance.now();
  const after = { all: await getSummary(db, base), march: await getSummary(db, options) };
  const readMs = performance.now() - t1;
  const sessions = await getSessions(db, options);
  if (!values.keep) rmSync(file, { force: true });
  const inserted = report.totals.inserted;
  // Undone again, so the file keeps its N listens for the next run (and the undo is timed too).
  const t2 = performance.now();
  await undoImport(db, { runId: report.files[0]!.importRunId!, dryRun: false, now: base.now as number });
  const undoMs = performance.now() - t2;
  return {
    listens: backdated,
    inserted,
    importSeconds: round(importMs / 1000),
    listensPerSecond: Math.round(backdated / (importMs / 1000)),
    /** Both summaries right after the import returned (its last commit): they include every new listen. */
    visibleAtCommit:
      after.all.plays - before.all.plays === inserted && after.march.plays - before.march.plays === inserted,
    summariesAfterMs: round(readMs),
    marchSessionsAfter: sessions.count,
    undoSeconds: round(undoMs / 1000),
  };
}

function count(n: number): string {
  return n.toLocaleString('en');
}

const outDir = resolve('bench/out');
mkdirSync(outDir, { recursive: true });
const path = values.db ? resolve(values.db) : join(outDir, `stats-${listens}-u${users}.duckdb`);
const reuse = existsSync(path);
const db = await openDatabase(path);
try {
  const [existing] = await db.all<{ n: bigint }>('SELECT count(*) AS n FROM listens');
  if (reuse && existing && Number(existing.n) === listens) {
    log(`reusing ${path} (${listens.toLocaleString('en')} listens)`);
  } else {
    if (existing && Number(existing.n) > 0)
      throw new Error(`${path} holds other data: remove it or pick another --db`);
    await generate(db);
  }

  const [me] = await db.all<{ id: number }>("SELECT id FROM users WHERE name = 'me'");
  if (!me) throw new Error(`no user 'me' in ${path}`);
  const base = { userId: me.id, tz: values.tz, now: NOW };
  const statistics: [string, (o: StatsOptions) => Promise<unknown>][] = [
    ['summary', (o) => getSummary(db, o)],
    ['top artists (plays)', (o) => getTopArtists(db, { ...o, by: 'plays' })],
    ['top artists (time)', (o) => getTopArtists(db, { ...o, by: 'time' })],
    ['top releases (plays)', (o) => getTopReleases(db, { ...o, by: 'plays' })],
    ['top recordings (plays)', (o) => getTopRecordings(db, { ...o, by: 'plays' })],
    ['top recordings (time)', (o) => getTopRecordings(db, { ...o, by: 'time' })],
    ['activity (day)', (o) => getActivity(db, { ...o, period: 'day' })],
    ['activity (month)', (o) => getActivity(db, { ...o, period: 'month' })],
    ['listening clock', (o) => getListeningClock(db, o)],
    ['sessions', (o) => getSessions(db, o)],
    ['streaks', (o) => getStreaks(db, o)],
    ['breakdown (source)', (o) => getBreakdown(db, { ...o, field: 'source' })],
    ['breakdown (country)', (o) => getBreakdown(db, { ...o, field: 'country' })],
    [
      'primary artists only (reference)',
      async (o) => {
        const r = resolveRange(o.range ?? 'all_time', values.tz, NOW);
        await db.run('SET perfect_ht_threshold = 16');
        return db.all(PRIMARY_ARTISTS_SQL, {
          user_id: o.userId,
          from_us: (r.fromMs ?? Date.UTC(1, 0, 1)) * 1000,
          to_us: (r.toMs ?? Date.UTC(9999, 0, 1)) * 1000,
        });
      },
    ],
  ];
  const timings: Timing[] = [];
  for (const [statistic, run] of statistics) {
    for (const range of ranges) {
      const options = { ...base, range };
      timings.push({ statistic, range, from: 'rollups', ...(await time(() => run(options))) });
      if (statistic.includes('reference')) continue;
      timings.push({
        statistic,
        range,
        from: 'listens',
        ...(await time(() => readingListens(() => run(options)))),
      });
    }
  }
  const visibility = backdated > 0 ? await importBackdated(db, me.id, base) : null;

  const environment = {
    listens,
    users,
    runs,
    tz: values.tz,
    cpus: cpus().length,
    node: process.version,
    duckdb: (await db.all<{ v: string }>('SELECT version() AS v'))[0]?.v,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
  if (values.json) {
    process.stdout.write(JSON.stringify({ environment, timings, visibility }, null, 2) + '\n');
  } else {
    const header = [
      'statistic',
      ...ranges.flatMap((r) => [`${r} median`, 'max', 'cpu', 'listens median', 'max', 'cpu']),
    ];
    const rows = statistics.map(([statistic]) => [
      statistic,
      ...ranges.flatMap((range) =>
        (['rollups', 'listens'] as const).flatMap((from) => {
          const t = timings.find((x) => x.statistic === statistic && x.range === range && x.from === from);
          return t ? [t.medianMs.toFixed(1), t.maxMs.toFixed(1), t.cpuMedianMs.toFixed(0)] : ['', '', ''];
        }),
      ),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) =>
      cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    console.log(
      `${listens.toLocaleString('en')} listens, ${users} user(s), statistics for 'me' in ${values.tz}; ` +
        `wall ms over ${runs} runs after a warm-up, as read (rollups where they answer) and from the listens ` +
        `alone (cpu: median CPU ms of the process, DuckDB threads included); ` +
        `${environment.cpus} CPUs, load ${environment.loadAverage.join(' ')}`,
    );
    console.log(line(header));
    for (const r of rows) console.log(line(r));
    const slow = timings.filter(
      (t) => t.from === 'rollups' && t.medianMs > 100 && !t.statistic.includes('reference'),
    );
    if (slow.length > 0)
      console.log(`over 100 ms (median): ${slow.map((t) => `${t.statistic} ${t.range}`).join(', ')}`);
    if (visibility) console.log(JSON.stringify(visibility, null, 2));
  }
} finally {
  db.close();
  if (!values.keep && !values.db) for (const f of [path, path + '.wal']) rmSync(f, { force: true });
}
