// npm run bench:stream [-- --events 40000 --users 200 --batch-events 20000 --rate 10000 --seconds 5 --json]
// Against librdkafka's mock cluster (kcat, as the tests): produces --events listen events (keyed by
// user, 4 partitions), then times one consumer (src/stream/consumer.ts, exactly-once effect: offsets
// stored with the listens) reading them into a fresh DuckDB file: events/s over the whole run and
// after the group join (the mock takes ~3 s to settle a group). Then `lake sync` of that database
// (rows/s), and the end-to-end delay: events produced at --rate for --seconds while the consumer
// runs, and for each produce call the time until its listens count on the read connection.
// Keep --events under ~60,000: the mock keeps about 5 MB per partition and drops older batches.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/store/database.js';
import { StreamConsumer, fileSink } from '../src/stream/consumer.js';
import { connectKafka } from '../src/stream/kafka-client.js';
import { syncLake } from '../src/stream/lake.js';
import { listenEvent, startMockCluster } from '../test/support/kafka.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '40000' },
    users: { type: 'string', default: '200' },
    'batch-events': { type: 'string', default: '20000' },
    rate: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
  },
});
const EVENTS = Number(values.events);
const USERS = Number(values.users);
const dir = mkdtempSync(join(tmpdir(), 'lh-bench-stream-'));
const cluster = await startMockCluster(dir);
const client = connectKafka({ brokers: cluster.brokers.split(','), clientId: 'bench' });
const log = (s: string) => !values.json && console.log(s);

try {
  const producer = await client.producer();
  const t0 = performance.now();
  const all = Array.from({ length: EVENTS }, (_, i) => listenEvent(i, USERS));
  for (let i = 0; i < all.length; i += 2000) await producer.send('bench', all.slice(i, i + 2000));
  const produceS = (performance.now() - t0) / 1000;
  log(`produced ${EVENTS.toLocaleString('en')} events in ${produceS.toFixed(2)} s`);

  const db = await openDatabase(join(dir, 'bench.duckdb'));
  let firstBatchAt: number | null = null;
  let firstBatchEvents = 0;
  const consumer = new StreamConsumer(fileSink(db), client, {
    group: 'bench',
    topic: 'bench',
    createUsers: true,
    exitAtEnd: true,
    batchEvents: Number(values['batch-events']),
    onBatch: (p) => {
      if (firstBatchAt === null) {
        firstBatchAt = performance.now();
        firstBatchEvents = p.events;
      }
    },
  });
  const t1 = performance.now();
  const report = await consumer.run();
  const t2 = performance.now();
  const steady =
    firstBatchAt === null ? 0 : (report.events - firstBatchEvents) / ((t2 - firstBatchAt) / 1000);
  log(
    `consumed ${report.events.toLocaleString('en')} events (${report.listensStored.toLocaleString('en')} listens) in ` +
      `${((t2 - t1) / 1000).toFixed(2)} s: ${Math.round(report.events / ((t2 - t1) / 1000)).toLocaleString('en')} events/s with the group join, ` +
      `${Math.round(steady).toLocaleString('en')} events/s after the first batch; ${report.batches} batches, max ${report.maxBatchMs} ms`,
  );

  const lake = join(dir, 'lake');
  const t3 = performance.now();
  const synced = await syncLake(db, lake);
  const lakeS = (performance.now() - t3) / 1000;
  const lakeRows = synced.reduce((n, t) => n + t.rowsWritten, 0);
  log(
    `lake sync: ${lakeRows.toLocaleString('en')} rows in ${lakeS.toFixed(2)} s = ${Math.round(lakeRows / lakeS).toLocaleString('en')} rows/s`,
  );

  // End-to-end: a consumer running, events produced at --rate; per produce call, the delay until the
  // read connection counts its listens.
  const live = new StreamConsumer(fileSink(db), client, {
    group: 'live',
    topic: 'live',
    createUsers: true,
    exitAtEnd: false,
  });
  const running = live.run();
  // Let the group settle before the clock starts.
  await producer.send('live', [listenEvent(199_999, USERS)]);
  const reader = db.reader();
  const count = async () =>
    Number((await reader.all<{ n: bigint }>('SELECT count(*) AS n FROM listens'))[0]!.n);
  const base = await count();
  for (let waited = 0; (await count()) < base + 1 && waited < 60_000; waited += 50)
    await new Promise((r) => setTimeout(r, 50));
  const rate = Number(values.rate);
  const perTick = Math.max(1, Math.round(rate / 10));
  const ticks = Number(values.seconds) * 10;
  const sent: { at: number; total: number }[] = [];
  const delays: number[] = [];
  let total = base + 1;
  let next = 200_000;
  const start = performance.now();
  const watcher = (async () => {
    let seen = 0;
    while (seen < ticks) {
      const n = await count();
      while (seen < sent.length && n >= sent[seen]!.total) delays.push(performance.now() - sent[seen++]!.at);
      await new Promise((r) => setTimeout(r, 20));
      if (performance.now() - start > 120_000) break;
    }
  })();
  for (let t = 0; t < ticks; t++) {
    const batch = Array.from({ length: perTick }, () => listenEvent(next++, USERS));
    const at = performance.now();
    await producer.send('live', batch);
    total += perTick;
    sent.push({ at, total });
    const due = start + ((t + 1) * 1000) / 10;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await watcher;
  live.stop();
  await running;
  delays.sort((a, b) => a - b);
  const p = (q: number) =>
    Math.round(delays[Math.min(delays.length - 1, Math.floor(q * delays.length))] ?? NaN);
  const achieved = (ticks * perTick) / ((sent[sent.length - 1]!.at - start) / 1000 + 0.1);
  log(
    `end to end at ${rate.toLocaleString('en')} events/s asked (${Math.round(achieved).toLocaleString('en')} produced): ` +
      `delay from produce to counted, median ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms (${delays.length} produce calls)`,
  );
  db.close();
  if (values.json)
    console.log(
      JSON.stringify({
        machine: { cpus: cpus().length, load: loadavg() },
        events: EVENTS,
        consume: {
          seconds: (t2 - t1) / 1000,
          eventsPerSecond: report.events / ((t2 - t1) / 1000),
          steadyEventsPerSecond: steady,
          batches: report.batches,
        },
        lake: { rows: lakeRows, seconds: lakeS, rowsPerSecond: lakeRows / lakeS },
        endToEnd: { rate, achieved, medianMs: p(0.5), p95Ms: p(0.95), maxMs: p(1) },
      }),
    );
} finally {
  await client.close();
  cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
