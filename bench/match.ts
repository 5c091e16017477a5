// npm run bench:match [-- --artists 200000 --recordings 1000000 --listens 1000000 --tuples 250000 --seed 7 --batch 20000 --keep --json]
// A synthetic MusicBrainz catalogue by seed (artist and recording dump lines in the dump's own
// shape, written under bench/out/), imported with `catalog import`'s code (timed: lines/s), then a
// listening history drawn from it with the variations services introduce (case, typographic
// punctuation, a leading "The", feat. in the title, version tags, typos) plus names the catalogue
// does not hold; the history is imported through the write path (not timed), and matched (timed:
// listens/s and distinct tuples/s). The generator knows the right recording of every listen, so
// the run also reports precision and recall on this synthetic set.
import { createWriteStream, existsSync, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importCatalogue } from '../src/catalog/dump-import.js';
import { BackgroundMatcher } from '../src/catalog/background-matcher.js';
import { matchCatalogue, matchTimings } from '../src/catalog/match-service.js';
import { ListenSubmitter } from '../src/ingest/submit-service.js';
import { importFiles } from '../src/ingest/import-service.js';
import { artistName, titleWords } from '../src/sim/names.js';
import { Random, WeightedIndex } from '../src/sim/random.js';
import { openDatabase } from '../src/store/database.js';

const { values } = parseArgs({
  options: {
    artists: { type: 'string', default: '200000' },
    recordings: { type: 'string', default: '1000000' },
    listens: { type: 'string', default: '1000000' },
    tuples: { type: 'string', default: '250000' },
    seed: { type: 'string', default: '7' },
    batch: { type: 'string', default: '20000' },
    keep: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const ARTISTS = Number(values.artists);
const RECORDINGS = Number(values.recordings);
const LISTENS = Number(values.listens);
const TUPLES = Number(values.tuples);
const SEED = Number(values.seed);
const BATCH = Number(values.batch);
const out = resolve('bench/out', `match-${SEED}-${ARTISTS}-${RECORDINGS}`);
mkdirSync(out, { recursive: true });
const log = (line: string) => (values.json ? undefined : console.log(line));

function uuid(rng: Random): string {
  const h = [0, 1, 2, 3].map(() => rng.nextUint32().toString(16).padStart(8, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function write(stream: WriteStream, line: string): Promise<void> {
  if (!stream.write(line)) await once(stream, 'drain');
}

interface Recording {
  mbid: string;
  title: string;
  credit: string;
  artists: number[];
  lengthMs: number;
}

const rng = new Random(SEED);
const artists: { mbid: string; name: string }[] = [];
for (let i = 0; i < ARTISTS; i++)
  artists.push({ mbid: uuid(rng), name: artistName(rng, rng.chance(0.05) ? 'japanese' : 'latin') });
const recordings: Recording[] = [];
for (let i = 0; i < RECORDINGS; i++) {
  const a = rng.int(ARTISTS);
  const r = rng.next();
  const credited = r < 0.88 ? [a] : [a, rng.int(ARTISTS)];
  const join = credited.length === 1 ? '' : r < 0.96 ? ' feat. ' : ' & ';
  recordings.push({
    mbid: uuid(rng),
    title: titleWords(rng),
    credit: credited.map((x, k) => artists[x]!.name + (k === 0 ? join : '')).join(''),
    artists: credited,
    lengthMs: rng.between(90, 420) * 1000,
  });
}

const artistFile = join(out, 'artist.jsonl');
const recordingFile = join(out, 'recording.jsonl');
if (!existsSync(recordingFile) || !values.keep) {
  const a = createWriteStream(artistFile);
  for (const x of artists)
    await write(
      a,
      JSON.stringify({
        id: x.mbid,
        name: x.name,
        'sort-name': x.name,
        type: 'Group',
        'life-span': { begin: null, end: null, ended: false },
        aliases: [],
        tags: [],
        genres: [],
      }) + '\n',
    );
  a.end();
  await once(a, 'finish');
  const r = createWriteStream(recordingFile);
  for (const x of recordings) {
    const join = x.artists.length === 1 ? '' : x.credit.includes(' feat. ') ? ' feat. ' : ' & ';
    await write(
      r,
      JSON.stringify({
        id: x.mbid,
        title: x.title,
        length: x.lengthMs,
        video: false,
        disambiguation: '',
        isrcs: [],
        'artist-credit': x.artists.map((k, i) => ({
          name: artists[k]!.name,
          joinphrase: i === 0 ? join : '',
          artist: { id: artists[k]!.mbid, name: artists[k]!.name, 'sort-name': artists[k]!.name },
        })),
        aliases: [],
        tags: [],
        genres: [],
      }) + '\n',
    );
  }
  r.end();
  await once(r, 'finish');
}

// The listening history: TUPLES distinct recordings played LISTENS times (Zipf-like), 12 % of them
// names the catalogue does not hold, the rest varied as services vary them.
const variants = (x: Recording, k: number): { artist: string; track: string; how: string } => {
  const v = k % 20;
  if (v < 12) return { artist: x.credit, track: x.title, how: 'as in the catalogue' };
  if (v === 12) return { artist: x.credit.toUpperCase(), track: x.title.toLowerCase(), how: 'case' };
  if (v === 13)
    return {
      artist: x.credit.replaceAll("'", '’').replaceAll('-', '‐'),
      track: x.title.replaceAll("'", '’'),
      how: 'typographic punctuation',
    };
  if (v === 14)
    return {
      artist: /^the /i.test(x.credit) ? x.credit.slice(4) : x.credit,
      track: `${x.title} - Remastered 2011`,
      how: 'no "The", a version tag',
    };
  if (v === 15 && x.credit.includes(' feat. ')) {
    const [main, guest] = x.credit.split(' feat. ');
    return { artist: main!, track: `${x.title} (feat. ${guest})`, how: 'feat. in the title' };
  }
  if (v === 16 && x.title.length > 6)
    return { artist: x.credit, track: x.title.slice(0, 3) + x.title.slice(4), how: 'a letter missing' };
  return { artist: x.credit, track: `${x.title} (Radio Edit)`, how: 'radio edit' };
};
const listenFile = join(out, `listens-${LISTENS}-${TUPLES}.jsonl`);
const truth = new Map<number, { mbid: string | null; how: string }>();
{
  const pick = new Random(SEED + 1);
  const chosen: { names: { artist: string; track: string; how: string }; mbid: string | null }[] = [];
  for (let k = 0; k < TUPLES; k++) {
    if (pick.chance(0.12)) {
      chosen.push({
        names: {
          artist: artistName(pick, 'latin') + ' Unknown',
          track: titleWords(pick) + ' Nowhere',
          how: 'not in the catalogue',
        },
        mbid: null,
      });
    } else {
      const x = recordings[pick.int(RECORDINGS)]!;
      chosen.push({ names: variants(x, k), mbid: x.mbid });
    }
  }
  const weights = new WeightedIndex(chosen.map((_, i) => 1 / (i + 1) ** 0.6));
  const w = createWriteStream(listenFile);
  let at = Date.UTC(2015, 0, 1) / 1000;
  for (let i = 0; i < LISTENS; i++) {
    const c = i < TUPLES ? chosen[i]! : chosen[weights.draw(pick)]!;
    at += 200 + pick.int(400);
    truth.set(at, { mbid: c.mbid, how: c.names.how });
    await write(
      w,
      JSON.stringify({
        listened_at: at,
        track_metadata: { artist_name: c.names.artist, track_name: c.names.track },
      }) + '\n',
    );
  }
  w.end();
  await once(w, 'finish');
}

const dbFile = join(out, 'bench.duckdb');
rmSync(dbFile, { force: true });
rmSync(`${dbFile}.wal`, { force: true });
const db = await openDatabase(dbFile, { memoryLimit: '2GB' });

let t0 = performance.now();
const imported = await importCatalogue(db, { paths: [artistFile, recordingFile], now: Date.now });
const importSeconds = (performance.now() - t0) / 1000;
log(
  `catalogue import: ${imported.lines.toLocaleString('en-US')} lines in ${importSeconds.toFixed(1)} s = ${Math.round(imported.lines / importSeconds).toLocaleString('en-US')} lines/s`,
);

t0 = performance.now();
await importFiles(db, { paths: [listenFile], defaultUserName: 'me', now: Date.now() });
const listenSeconds = (performance.now() - t0) / 1000;
log(
  `listens import (not part of the goal): ${LISTENS.toLocaleString('en-US')} in ${listenSeconds.toFixed(1)} s`,
);

t0 = performance.now();
const report = await matchCatalogue({ reads: db.reader(), writes: db }, { now: Date.now, batchSize: BATCH });
// LH_MATCH_TIMING=1: where the matching time went, step by step (ms, summed over batches).
for (const [step, ms] of [...(matchTimings() ?? [])].sort((a, b) => b[1] - a[1]))
  log(`  ${step}: ${ms.toFixed(0)} ms`);
const matchSeconds = (performance.now() - t0) / 1000;
log(
  `match: ${report.tuples.toLocaleString('en-US')} distinct tuples, ${report.listens.toLocaleString('en-US')} listens in ${matchSeconds.toFixed(1)} s = ` +
    `${Math.round(report.listens / matchSeconds).toLocaleString('en-US')} listens/s, ${Math.round(report.tuples / matchSeconds).toLocaleString('en-US')} tuples/s`,
);

const rows = await db.all<{ at: bigint; recording_mbid: string | null }>(
  `SELECT epoch(l.listened_at)::BIGINT AS at, m.recording_mbid FROM listens l
   JOIN catalog_matches m ON m.credit_id = l.artist_credit_id AND m.recording_id = l.recording_id AND m.release_id = coalesce(l.release_id, 0)`,
);
let correct = 0;
let wrong = 0;
let answerable = 0;
const byHow = new Map<string, { listens: number; right: number; wrong: number }>();
for (const r of rows) {
  const t = truth.get(Number(r.at));
  const expected = t?.mbid ?? null;
  const how = byHow.get(t?.how ?? '?') ?? { listens: 0, right: 0, wrong: 0 };
  byHow.set(t?.how ?? '?', how);
  how.listens++;
  if (expected) answerable++;
  if (r.recording_mbid === null) continue;
  if (r.recording_mbid === expected) {
    correct++;
    how.right++;
  } else {
    wrong++;
    how.wrong++;
  }
}
for (const [how, n] of byHow)
  log(
    `  ${how}: ${n.listens} listens, ${((100 * n.right) / n.listens).toFixed(1)} % right, ${((100 * n.wrong) / n.listens).toFixed(1)} % wrong`,
  );
const precision = correct / Math.max(1, correct + wrong);
const recall = correct / Math.max(1, answerable);
log(
  `synthetic labels (by listen): precision ${(100 * precision).toFixed(1)} %, recall ${(100 * recall).toFixed(1)} %`,
);

// The write path while the server's background matcher works through everything again (small
// batches, reads on the reader connection): live submissions one at a time, as a player sends them,
// their acknowledgement times against the same submissions with nothing else running.
const submitter = new ListenSubmitter(db);
let nextAt = Date.UTC(2030, 0, 1);
async function submissionTimes(n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = recordings[i % RECORDINGS]!;
    const t = performance.now();
    await submitter.submit({
      userId: 1,
      listens: [
        {
          draft: {
            listenedAt: (nextAt += 200_000),
            stampedEdge: 'start',
            precisionS: 1,
            artist: x.credit,
            track: x.title,
          },
          raw: '{}',
        },
      ],
      source: 'listenbrainz',
      format: 'listenbrainz',
      now: nextAt + 1,
    });
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const quiet = await submissionTimes(300);
await db.run('DELETE FROM catalog_matches');
const matcher = new BackgroundMatcher({
  reads: db.reader(),
  writes: db,
  threshold: 0.8,
  batchSize: 1_000,
  intervalMs: 3_600_000,
  now: Date.now,
});
const sweep = matcher.tick();
const busy = await submissionTimes(300);
await sweep;
await matcher.stop();
const writePath = {
  quiet: { p50: pct(quiet, 0.5), p99: pct(quiet, 0.99) },
  whileMatching: { p50: pct(busy, 0.5), p99: pct(busy, 0.99) },
};
log(
  `write path, one listen per submission: p50 ${writePath.quiet.p50.toFixed(1)} ms, p99 ${writePath.quiet.p99.toFixed(1)} ms alone; ` +
    `p50 ${writePath.whileMatching.p50.toFixed(1)} ms, p99 ${writePath.whileMatching.p99.toFixed(1)} ms while the background matcher sweeps (batches of 1,000)`,
);
await submitter.drain();
db.close();
if (values.json)
  console.log(
    JSON.stringify({
      catalogue: {
        lines: imported.lines,
        seconds: importSeconds,
        linesPerSecond: imported.lines / importSeconds,
      },
      match: {
        ...report,
        seconds: matchSeconds,
        listensPerSecond: report.listens / matchSeconds,
        tuplesPerSecond: report.tuples / matchSeconds,
      },
      precision,
      recall,
      writePath,
    }),
  );
if (!values.keep) rmSync(dbFile, { force: true });
