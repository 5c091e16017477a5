// npm run bench:api [-- --singles 3000 --batches 100 --connections 20 --json]
// Loopback only, bounded by request counts: starts `listenhouse serve` on a new database, then drives it with
// autocannon: single-listen submissions (requests/s, p50/p99 latency) and import batches of 1000
// (listens/s). Afterwards the stored count must equal what was acknowledged.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openDatabase } from '../src/store/database.js';

const { values } = parseArgs({
  options: {
    singles: { type: 'string', default: '3000' },
    batches: { type: 'string', default: '100' },
    connections: { type: 'string', default: '20' },
    json: { type: 'boolean', default: false },
  },
});
const connections = Number(values.connections);
const dir = mkdtempSync(join(tmpdir(), 'listenhouse-bench-api-'));
const db = join(dir, 'api.duckdb');
const log = (s: string) => values.json || process.stderr.write(s + '\n');

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
const server = spawn(
  process.execPath,
  ['bin/listenhouse.js', 'serve', '--db', db, '--port', '0', '--rate-limit', '100000000'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const url = await new Promise<string>((resolve) => {
  let out = '';
  server.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /at (http:\/\/\S+)/.exec(out);
    if (m) resolve(m[1]!);
  });
});

let ts = 1_600_000_000;
const listen = () => ({
  listened_at: ts++,
  track_metadata: { artist_name: `Artist ${ts % 997}`, track_name: `Track ${ts % 7919}` },
});

async function run(name: string, perRequest: number, amount: number) {
  log(`${name}: ${amount} requests over ${connections} connections …`);
  const result = await autocannon({
    url: `${url}/1/submit-listens`,
    method: 'POST',
    connections,
    amount,
    timeout: 60,
    headers: { authorization: `Token ${token}` },
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify(
            perRequest === 1
              ? { listen_type: 'single', payload: [listen()] }
              : { listen_type: 'import', payload: Array.from({ length: perRequest }, listen) },
          ),
        }),
      },
    ],
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    listensPerSecond: Math.round(result.requests.average * perRequest),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    acknowledged: result['2xx'] * perRequest,
    errors: result.non2xx + result.errors,
  };
}

const single = await run('single listens', 1, Number(values.singles));
const batches = await run('import batches of 1000', 1000, Number(values.batches));
server.kill('SIGTERM');
await once(server, 'close');
const store = await openDatabase(db);
const stored = Number((await store.all<{ n: bigint }>('SELECT count(*) AS n FROM listens'))[0]!.n);
store.close();
rmSync(dir, { recursive: true, force: true });

const report = {
  connections,
  single,
  batches,
  acknowledged: single.acknowledged + batches.acknowledged,
  stored,
};
if (values.json) console.log(JSON.stringify(report, null, 2));
else {
  console.log(
    `single submissions: ${single.requestsPerSecond}/s, p50 ${single.p50Ms} ms, p99 ${single.p99Ms} ms, errors ${single.errors}`,
  );
  console.log(
    `import batches:     ${batches.listensPerSecond} listens/s (${batches.requestsPerSecond} requests/s), p99 ${batches.p99Ms} ms, errors ${batches.errors}`,
  );
  console.log(
    `acknowledged ${report.acknowledged}, stored ${stored}: ${report.acknowledged === stored ? 'equal' : 'DIFFERENT'}`,
  );
}
if (report.acknowledged !== stored) process.exitCode = 1;
