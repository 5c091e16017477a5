// npm run bench:api [-- --singles 10000 --batches 100 --connections 50 --batch-connections 20 --warmup 2000 --runs 3 --recordings 0 --during-import FILE --wait-idle --json]
// Loopback only, bounded by request counts: starts `listenhouse serve` on a new database, then drives
// it with autocannon: single-listen submissions (requests/s, p50/p99 latency) and import batches of
// 1000 (listens/s), after a warm-up of single submissions that is not timed. Afterwards the stored
// count must equal what was acknowledged, warm-up included. It does all of that --runs times, each on
// a new database, and reports every run and the median. --wait-idle (Linux) waits before each run
// until other processes leave the CPUs alone. Autocannon runs on the same machine as the server.
// --during-import FILE: afterwards, `listenhouse import FILE` runs through the server (a job, as the
// CLI does when a server holds the database) while single submissions go on, until the import ends:
// their latency then, and the import's own time; stored must equal acknowledged plus imported.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openDatabase } from '../src/store/database.js';

const { values } = parseArgs({
  options: {
    // Long enough that the server's first second under load (it starts cold) is not most of it.
    singles: { type: 'string', default: '10000' },
    batches: { type: 'string', default: '100' },
    // Each connection is one client that waits for its 200 before it sends its next listen. The goal
    // (3,000/s with p99 under 25 ms) needs about 50 of them in flight: requests/s = requests in
    // flight / latency, and a write costs milliseconds however few listens it holds.
    connections: { type: 'string', default: '50' },
    'batch-connections': { type: 'string', default: '20' },
    // Requests before the measured singles: the server's first requests look up the token, prepare
    // the merge statements and create the staging tables. Stored and counted, not timed.
    warmup: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '3' },
    // 0: every listen names a recording the database does not have yet (the costly case for the
    // catalogue); N: the listens cycle through N recordings, known after the first N.
    recordings: { type: 'string', default: '0' },
    'during-import': { type: 'string' },
    'wait-idle': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const singles = Number(values.singles);
const batches = Number(values.batches);
const connections = Number(values.connections);
const batchConnections = Math.min(Number(values['batch-connections']), Math.max(1, batches));
/** Progress goes to stderr; results to stdout (or only the JSON with --json). */
const log = (s: string) => values.json || process.stderr.write(s + '\n');
const print = (s: string) => values.json || console.log(s);

interface Load {
  requestsPerSecond: number;
  listensPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  acknowledged: number;
  /** Responses other than 2xx, by status, and requests that got no response. */
  failed: Record<string, number>;
}

/**
 * Every acknowledged listen is stored. When the singles stop because the import ended, the
 * requests still in flight (at most one per connection) are stored without their 200 being counted.
 */
function storedAsAcknowledged(r: Run): boolean {
  return r.duringImport
    ? r.stored >= r.acknowledged && r.stored <= r.acknowledged + connections
    : r.stored === r.acknowledged;
}

interface Run {
  warmup: Load | null;
  single: Load | null;
  batches: Load | null;
  /** Single submissions while an import ran through the server (--during-import). */
  duringImport: (Load & { importSeconds: number; imported: number }) | null;
  acknowledged: number;
  stored: number;
}

async function startServer(db: string): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(
    process.execPath,
    [
      // e.g. LH_BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' for a profile of the server
      ...(process.env.LH_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      'bin/listenhouse.js',
      'serve',
      '--db',
      db,
      '--port',
      '0',
      '--rate-limit',
      '100000000',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    server.once('close', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  return { server, url };
}

async function load(options: {
  url: string;
  token: string;
  name: string;
  perRequest: number;
  amount: number;
  connections: number;
  next: () => object;
  /** Stops once this says so, instead of after `amount` requests. */
  until?: () => boolean;
}): Promise<Load> {
  const { perRequest, amount } = options;
  log(`  ${options.name}: ${amount} requests over ${options.connections} connections …`);
  const started = performance.now();
  let lastResponse = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${options.url}/1/submit-listens`,
        method: 'POST',
        connections: options.connections,
        amount,
        timeout: 60,
        headers: { authorization: `Token ${options.token}` },
        requests: [
          {
            setupRequest: (req) => ({
              ...req,
              body: JSON.stringify(
                perRequest === 1
                  ? { listen_type: 'single', payload: [options.next()] }
                  : {
                      listen_type: 'import',
                      payload: Array.from({ length: perRequest }, options.next),
                    },
              ),
            }),
          },
        ],
      },
      (err, done) => (err ? reject(err as Error) : resolve(done)),
    );
    instance.on('response', () => {
      lastResponse = performance.now();
      if (options.until?.()) instance.stop();
    });
  });
  const failed: Record<string, number> = {};
  for (const [status, stats] of Object.entries(result.statusCodeStats ?? {}))
    if (!status.startsWith('2')) failed[status] = stats.count ?? 0;
  if (result.errors > 0) failed['no response'] = result.errors;
  // From the first request to the last response: autocannon's own figures count in whole seconds
  // (it notices the end of a bounded run at its next one-second sample).
  const seconds = (lastResponse - started) / 1000;
  const perSecond = result['2xx'] / seconds;
  return {
    requestsPerSecond: Math.round(perSecond),
    listensPerSecond: Math.round(perSecond * perRequest),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    acknowledged: result['2xx'] * perRequest,
    failed,
  };
}

async function benchOnce(): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'listenhouse-bench-api-'));
  const db = join(dir, 'api.duckdb');
  try {
    const added = spawnSync(process.execPath, [
      'bin/listenhouse.js',
      'users',
      'add',
      'bench',
      '--db',
      db,
      '--json',
    ]);
    const { token } = JSON.parse(added.stdout.toString()) as { token: string };
    const { server, url } = await startServer(db);
    let warmup: Load | null = null;
    let single: Load | null = null;
    let batch: Load | null = null;
    let duringImport: Run['duringImport'] = null;
    try {
      // One listen a second from 2020-09-13 on, by 997 artists; by default every listen names a
      // recording the database does not have yet (997 × 7919 artist and title pairs).
      let ts = 1_600_000_000;
      const cycle = Number(values.recordings);
      const next = () => {
        const at = ts++;
        const n = cycle > 0 ? ts % cycle : ts;
        return {
          listened_at: at,
          track_metadata: { artist_name: `Artist ${n % 997}`, track_name: `Track ${n % 7919}` },
        };
      };
      const common = { url, token, next };
      const warmupRequests = Number(values.warmup);
      if (warmupRequests > 0)
        warmup = await load({
          ...common,
          name: 'warm-up (single listens, not timed)',
          perRequest: 1,
          amount: warmupRequests,
          connections: Math.min(connections, warmupRequests),
        });
      if (singles > 0)
        single = await load({
          ...common,
          name: 'single listens',
          perRequest: 1,
          amount: singles,
          connections,
        });
      if (batches > 0)
        batch = await load({
          ...common,
          name: 'import batches of 1000',
          perRequest: 1000,
          amount: batches,
          connections: batchConnections,
        });
      const file = values['during-import'];
      if (file) {
        log(`  import of ${file} through the server, with single listens meanwhile …`);
        const started = performance.now();
        const importing = spawn(
          process.execPath,
          ['bin/listenhouse.js', 'import', '--db', db, '--json', file],
          {
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        let out = '';
        importing.stdout.on('data', (d: Buffer) => (out += d.toString()));
        let done = false;
        const finished = once(importing, 'close').then(() => {
          done = true;
          return (performance.now() - started) / 1000;
        });
        const during = await load({
          ...common,
          name: 'single listens during the import',
          perRequest: 1,
          amount: 10_000_000,
          connections,
          until: () => done,
        });
        const importSeconds = await finished;
        const report = JSON.parse(out) as { totals: { inserted: number } };
        duringImport = {
          ...during,
          importSeconds: Math.round(importSeconds * 10) / 10,
          imported: report.totals.inserted,
        };
      }
    } finally {
      server.kill('SIGTERM');
      if (server.exitCode === null) await once(server, 'close');
    }
    const store = await openDatabase(db);
    const stored = Number((await store.all<{ n: bigint }>('SELECT count(*) AS n FROM listens'))[0]!.n);
    store.close();
    return {
      warmup,
      single,
      batches: batch,
      duringImport,
      acknowledged:
        [warmup, single, batch, duringImport].reduce((n, l) => n + (l?.acknowledged ?? 0), 0) +
        (duringImport?.imported ?? 0),
      stored,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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

/** With --wait-idle: waits (up to two minutes) until the machine is at least 90% idle. */
async function settle(): Promise<void> {
  if (!values['wait-idle']) return;
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    const idle = await idleShare(1000);
    if (idle === null || idle >= 0.9) return;
  }
  log('  (machine still busy after two minutes: measuring anyway)');
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function describe(name: string, l: Load | null): string {
  if (!l) return `${name}: not run`;
  const failed = Object.entries(l.failed)
    .map(([s, n]) => `${n} × ${s}`)
    .join(', ');
  return (
    `${name}: ${l.requestsPerSecond} requests/s, ${l.listensPerSecond} listens/s, ` +
    `p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms${failed ? `, failed: ${failed}` : ''}`
  );
}

const runs: Run[] = [];
for (let i = 0; i < Number(values.runs); i++) {
  await settle();
  log(`run ${i + 1} of ${values.runs}`);
  const run = await benchOnce();
  runs.push(run);
  print(describe('  single submissions', run.single));
  print(describe('  import batches    ', run.batches));
  if (run.duringImport)
    print(
      describe('  singles during an import', run.duringImport) +
        ` (the import: ${run.duringImport.imported} listens in ${run.duringImport.importSeconds} s)`,
    );
  print(
    `  acknowledged ${run.acknowledged}, stored ${run.stored}: ${storedAsAcknowledged(run) ? (run.acknowledged === run.stored ? 'equal' : `every acknowledged listen stored (and ${run.stored - run.acknowledged} in flight when the load stopped)`) : 'DIFFERENT'}`,
  );
}

const medianOf = (pick: (r: Run) => Load | null): Load | null => {
  const loads = runs.map(pick).filter((l): l is Load => l !== null);
  if (loads.length === 0) return null;
  const m = (f: (l: Load) => number) => median(loads.map(f));
  return {
    requestsPerSecond: m((l) => l.requestsPerSecond),
    listensPerSecond: m((l) => l.listensPerSecond),
    p50Ms: m((l) => l.p50Ms),
    p99Ms: m((l) => l.p99Ms),
    acknowledged: m((l) => l.acknowledged),
    failed: {},
  };
};
const allEqual = runs.every(storedAsAcknowledged);
const summary = {
  connections,
  batchConnections,
  runs,
  median: {
    single: medianOf((r) => r.single),
    batches: medianOf((r) => r.batches),
    duringImport: medianOf((r) => r.duringImport),
  },
  storedEqualsAcknowledged: allEqual,
};
if (values.json) console.log(JSON.stringify(summary, null, 2));
else if (runs.length > 1) {
  console.log(`median of ${runs.length} runs:`);
  console.log(describe('  single submissions', summary.median.single));
  console.log(describe('  import batches    ', summary.median.batches));
  if (summary.median.duringImport)
    console.log(describe('  singles during an import', summary.median.duringImport));
  console.log(`  stored equals acknowledged in every run: ${allEqual ? 'yes' : 'NO'}`);
}
if (!allEqual) process.exitCode = 1;
