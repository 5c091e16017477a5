// npm run bench:import [-- --listens 1000000 --seed 7 --format listenbrainz|lastfm-csv|spotify --runs 3 --keep --json]
// Generates an export by seed (simulated listens written as a ListenBrainz JSONL file, a Last.fm CSV of
// lastfm-to-csv's shape, or a Spotify extended-history folder of yearly JSON arrays), imports it with
// listenhouse (a child process, so its peak memory is its own), and in the same run times DuckDB's own
// reader of the same data as the anchor: read_json (JSON lines, or the folder's arrays) or read_csv.
// Each figure is the median of --runs runs; the generated file is kept under bench/out/.
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { simulateListens, toListenBrainzLine, type SimulatedListen } from '../src/sim/index.js';

const { values } = parseArgs({
  options: {
    listens: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '7' },
    format: { type: 'string', default: 'listenbrainz' },
    runs: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const listens = Number(values.listens);
const seed = Number(values.seed);
const runs = Number(values.runs);
const format = values.format;
if (!['listenbrainz', 'lastfm-csv', 'spotify'].includes(format))
  throw new Error(`--format ${format}: use listenbrainz, lastfm-csv or spotify`);
const outDir = resolve('bench/out');
mkdirSync(outDir, { recursive: true });
const input =
  format === 'listenbrainz'
    ? join(outDir, `lb-${listens}-seed${seed}.jsonl`)
    : format === 'lastfm-csv'
      ? join(outDir, `lastfm-${listens}-seed${seed}.csv`)
      : join(outDir, `spotify-${listens}-seed${seed}`);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');
const csvField = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A lastfm-to-csv row: artist,album,track,"DD Mon YYYY HH:MM" (UTC, minute precision). */
function toLastfmCsvRow(l: SimulatedListen): string {
  const d = new Date(l.listenedAt);
  const date = `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return `${csvField(l.artist)},${csvField(l.release)},${csvField(l.track)},${date}`;
}

/** A Spotify extended-history row: `ts` is when the stream stopped (start + played). */
function toSpotifyRow(l: SimulatedListen): string {
  return JSON.stringify({
    ts: new Date(l.listenedAt + l.playedMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    platform: l.platform,
    ms_played: l.playedMs,
    conn_country: l.country,
    ip_addr: 'x.x.x.x',
    master_metadata_track_name: l.track,
    master_metadata_album_artist_name: l.artist,
    master_metadata_album_album_name: l.release,
    spotify_track_uri: `spotify:track:${Buffer.from(`${l.artist}|${l.track}`).toString('base64url').slice(0, 22).padEnd(22, 'A')}`,
    episode_name: null,
    episode_show_name: null,
    spotify_episode_uri: null,
    reason_start: 'trackdone',
    reason_end: l.skipped ? 'fwdbtn' : 'trackdone',
    shuffle: false,
    skipped: l.skipped,
    offline: false,
    offline_timestamp: null,
    incognito_mode: false,
  });
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

async function generate(): Promise<void> {
  if (existsSync(input)) return;
  const t0 = performance.now();
  const tmp = `${input}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  const users = format === 'listenbrainz' ? Math.max(1, Math.round(listens / 40_000)) : 1;
  const days = 3650;
  const history = simulateListens({
    seed,
    users,
    days,
    end: Date.UTC(2026, 0, 1),
    // The ListenBrainz file keeps the shape its earlier figures were measured on.
    listensPerUserPerDay: format === 'listenbrainz' ? (40_000 / days) * 1.1 : (listens / users / days) * 1.2,
  });
  let n = 0;
  if (format === 'spotify') {
    // One file per year, as Spotify sends them: a JSON array, one row per line.
    mkdirSync(tmp, { recursive: true });
    let year = -1;
    let out: WriteStream | null = null;
    let first = true;
    for (const l of history) {
      const y = new Date(l.listenedAt).getUTCFullYear();
      if (y !== year) {
        if (out) {
          out.end('\n]\n');
          await once(out, 'finish');
        }
        year = y;
        out = createWriteStream(join(tmp, `Streaming_History_Audio_${y}.json`));
        await write(out, '[\n');
        first = true;
      }
      await write(out!, (first ? '' : ',\n') + toSpotifyRow(l));
      first = false;
      if (++n >= listens) break;
    }
    if (out) {
      out.end('\n]\n');
      await once(out, 'finish');
    }
  } else {
    const out = createWriteStream(tmp);
    const row = format === 'listenbrainz' ? toListenBrainzLine : toLastfmCsvRow;
    for (const l of history) {
      await write(out, row(l) + '\n');
      if (++n >= listens) break;
    }
    out.end();
    await once(out, 'finish');
  }
  spawnSync('mv', [tmp, input]);
  log(
    `generated ${n.toLocaleString('en')} listens (${format}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

function log(s: string): void {
  if (!values.json) process.stderr.write(s + '\n');
}

/** Runs a command, returns wall seconds and the child's peak RSS (from GNU time's %M, in KB). */
function timed(
  cmd: string[],
  env: Record<string, string> = {},
): { seconds: number; peakMb: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...cmd], {
    env: { ...process.env, ...env },
    maxBuffer: 1 << 28,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed: ${r.stderr.toString().slice(-2000)}`);
  const lines = r.stderr.toString().trim().split('\n');
  return { seconds, peakMb: Number(lines[lines.length - 1]) / 1024, stdout: r.stdout.toString() };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const round = (n: number) => Math.round(n * 100) / 100;
const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** DuckDB's own reader of the same data into a new database file: the anchor. */
function anchorSql(): string {
  if (format === 'listenbrainz')
    return `CREATE TABLE listens AS SELECT * FROM read_json(${sqlText(input)}, format = 'newline_delimited')`;
  if (format === 'lastfm-csv')
    return `CREATE TABLE listens AS SELECT * FROM read_csv(${sqlText(input)}, header = false,
      columns = {'artist': 'VARCHAR', 'album': 'VARCHAR', 'track': 'VARCHAR', 'date': 'VARCHAR'})`;
  return `CREATE TABLE listens AS SELECT * FROM read_json(${sqlText(join(input, '*.json'))}, format = 'array')`;
}

await generate();
const db = join(outDir, 'bench-import.duckdb');
const anchorDb = join(outDir, 'bench-anchor.duckdb');
const clean = () => {
  for (const f of [db, anchorDb]) for (const x of [f, f + '.wal']) rmSync(x, { force: true });
};

const imports: { seconds: number; peakMb: number; read: number; inserted: number }[] = [];
const anchors: { seconds: number; peakMb: number }[] = [];
for (let run = 0; run < runs; run++) {
  clean();
  log(`run ${run + 1}: importing with listenhouse …`);
  // Run as a user runs it: the bin itself, with its shebang's Node flags.
  const imp = timed(['bin/listenhouse.js', 'import', '--db', db, '--json', input]);
  const report = JSON.parse(imp.stdout) as { totals: { inserted: number; read: number } };
  imports.push({ seconds: imp.seconds, peakMb: imp.peakMb, ...report.totals });
  log(`run ${run + 1}: ${imp.seconds.toFixed(1)} s; DuckDB's reader of the same data (the anchor) …`);
  const script = `
import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(${JSON.stringify(anchorDb)});
const c = await i.connect();
await c.run(${JSON.stringify(anchorSql())});
`;
  anchors.push(timed([process.execPath, '--input-type=module', '-e', script]));
}

const read = imports[0]!.read;
const importSeconds = median(imports.map((r) => r.seconds));
const anchorSeconds = median(anchors.map((r) => r.seconds));
const result = {
  format,
  input,
  listens: read,
  inserted: imports[0]!.inserted,
  runs,
  listenhouse: {
    seconds: round(importSeconds),
    runs: imports.map((r) => round(r.seconds)),
    listensPerSecond: Math.round(read / importSeconds),
    peakMemoryMb: Math.round(median(imports.map((r) => r.peakMb))),
  },
  anchor: {
    reader: format === 'lastfm-csv' ? 'read_csv' : 'read_json',
    seconds: round(anchorSeconds),
    runs: anchors.map((r) => round(r.seconds)),
    listensPerSecond: Math.round(read / anchorSeconds),
    peakMemoryMb: Math.round(median(anchors.map((r) => r.peakMb))),
  },
  ratioToAnchor: round(anchorSeconds / importSeconds),
};
if (values.json) console.log(JSON.stringify(result, null, 2));
else {
  console.log(
    `${format}, ${result.listens.toLocaleString('en')} records (${result.inserted.toLocaleString('en')} stored), median of ${runs}`,
  );
  console.log(
    `listenhouse import: ${result.listenhouse.seconds} s, ${result.listenhouse.listensPerSecond.toLocaleString('en')} listens/s, peak ${result.listenhouse.peakMemoryMb} MB`,
  );
  console.log(
    `DuckDB ${result.anchor.reader}: ${result.anchor.seconds} s, ${result.anchor.listensPerSecond.toLocaleString('en')} records/s, peak ${result.anchor.peakMemoryMb} MB`,
  );
  console.log(`ratio to anchor:    ${result.ratioToAnchor}`);
}
if (!values.keep) clean();
