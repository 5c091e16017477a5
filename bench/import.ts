// npm run bench:import [-- --listens 1000000 --seed 7 --keep]
// Generates a ListenBrainz JSONL file by seed, imports it with listenhouse (a child process, so its peak
// memory is its own), and in the same run times DuckDB's own read_json of the same file as the ceiling.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { simulateListens, toListenBrainzLine } from '../src/sim/index.js';

const { values } = parseArgs({
  options: {
    listens: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '7' },
    keep: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const listens = Number(values.listens);
const seed = Number(values.seed);
const outDir = resolve('bench/out');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, `lb-${listens}-seed${seed}.jsonl`);

async function generate(): Promise<void> {
  if (existsSync(file)) return;
  const t0 = performance.now();
  const out = createWriteStream(file + '.tmp');
  const users = Math.max(1, Math.round(listens / 40_000));
  const days = 3650;
  let n = 0;
  for (const l of simulateListens({
    seed,
    users,
    days,
    end: Date.UTC(2026, 0, 1),
    listensPerUserPerDay: (40_000 / days) * 1.1,
  })) {
    if (!out.write(toListenBrainzLine(l) + '\n')) await once(out, 'drain');
    if (++n >= listens) break;
  }
  out.end();
  await once(out, 'finish');
  spawnSync('mv', [file + '.tmp', file]);
  log(
    `generated ${n.toLocaleString('en')} listens (${(statSync(file).size / 1e6).toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
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

await generate();
const db = join(outDir, 'bench-import.duckdb');
const ceilingDb = join(outDir, 'bench-ceiling.duckdb');
for (const f of [db, ceilingDb]) for (const x of [f, f + '.wal']) rmSync(x, { force: true });

log('importing with listenhouse …');
// Run as a user runs it: the bin itself, with its shebang's Node flags.
const imp = timed(['bin/listenhouse.js', 'import', '--db', db, '--json', file]);
const report = JSON.parse(imp.stdout) as { totals: { inserted: number; read: number } };

log('DuckDB read_json of the same file (the ceiling) …');
const ceilingScript = `
import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(${JSON.stringify(ceilingDb)});
const c = await i.connect();
await c.run("CREATE TABLE listens AS SELECT * FROM read_json(${JSON.stringify(file).replace(/"/g, "'")}, format = 'newline_delimited')");
`;
const ceiling = timed([process.execPath, '--input-type=module', '-e', ceilingScript]);

const result = {
  file,
  listens: report.totals.read,
  inserted: report.totals.inserted,
  listenhouse: {
    seconds: round(imp.seconds),
    listensPerSecond: Math.round(report.totals.read / imp.seconds),
    peakMemoryMb: Math.round(imp.peakMb),
  },
  duckdbReadJson: {
    seconds: round(ceiling.seconds),
    listensPerSecond: Math.round(report.totals.read / ceiling.seconds),
    peakMemoryMb: Math.round(ceiling.peakMb),
  },
  ratioToCeiling: round(ceiling.seconds / imp.seconds),
};
if (values.json) console.log(JSON.stringify(result, null, 2));
else {
  console.log(
    `listens:            ${result.listens.toLocaleString('en')} (${result.inserted.toLocaleString('en')} stored)`,
  );
  console.log(
    `listenhouse import: ${result.listenhouse.seconds} s, ${result.listenhouse.listensPerSecond.toLocaleString('en')} listens/s, peak ${result.listenhouse.peakMemoryMb} MB`,
  );
  console.log(
    `DuckDB read_json:   ${result.duckdbReadJson.seconds} s, ${result.duckdbReadJson.listensPerSecond.toLocaleString('en')} listens/s, peak ${result.duckdbReadJson.peakMemoryMb} MB`,
  );
  console.log(`ratio to ceiling:   ${result.ratioToCeiling}`);
}
if (!values.keep)
  for (const f of [db, ceilingDb]) for (const x of [f, f + '.wal']) rmSync(x, { force: true });

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
