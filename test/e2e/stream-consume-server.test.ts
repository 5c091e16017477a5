// `stream consume --server URL --token TOKEN`: members of one group write through a running server
// (a real `listenhouse serve` process on a DuckDB file) instead of their own files, against
// librdkafka's mock cluster. The server stores each micro-batch with its offsets in one transaction;
// the listens stored are exactly the distinct listen events produced, and a restart stores nothing.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { runCli } from '../support/cli.js';
import {
  hasKcat,
  listenEvent,
  produce,
  readMessages,
  startMockCluster,
  type MockCluster,
} from '../support/kafka.js';
import { spawnServer, stopServer, type SpawnedServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir('listenhouse-consume-server-');
const serverDb = join(dir.path, 'server.duckdb');
let cluster: MockCluster;
let server: SpawnedServer | undefined;
let token: string;

beforeAll(async () => {
  if (!hasKcat) return;
  cluster = await startMockCluster(dir.path, { topics: { through: 6 } });
  const added = await runCli(['users', 'add', 'root', '--admin', '--json', '--db', serverDb]);
  expect(added.code, added.stderr).toBe(0);
  token = (JSON.parse(added.stdout) as { token: string }).token;
  server = await spawnServer(['serve', '--db', serverDb, '--port', '0']);
}, 120_000);

afterAll(async () => {
  await stopServer(server);
  cluster?.stop();
  dir.cleanup();
});

function consume(extra: string[] = []) {
  return runCli([
    'stream',
    'consume',
    '--brokers',
    cluster.brokers,
    '--topic',
    'through',
    '--group',
    'via-server',
    '--server',
    server!.url,
    '--token',
    token,
    '--exit-at-end',
    '--stall-timeout',
    '120',
    '--dead-letter-topic',
    'through-dead',
    '--json',
    ...extra,
  ]);
}

/** The next offsets the server stored for the group, read through its API (it holds the file). */
async function serverOffsets(): Promise<number[]> {
  const response = await fetch(`${server!.url}/api/streaming/consumer?limit=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  const state = (await response.json()) as { partitions: { group: string; nextOffset: number }[] };
  return state.partitions.filter((p) => p.group === 'via-server').map((p) => p.nextOffset);
}

describe.skipIf(!hasKcat)('stream consume --server', () => {
  it('stores through the server each distinct event once, with two members, and nothing more on a restart', async () => {
    const events = Array.from({ length: 3000 }, (_, i) => listenEvent(i));
    const bad = [
      '{"event_id": "x1", ',
      JSON.stringify({
        event_id: 'x2',
        event_type: 'listen',
        user_name: 'u1',
        listened_at: 946_684_800,
        track_metadata: { artist_name: 'A', track_name: 'T' },
      }),
    ];
    // Every event twice (a producer's retry): the second copies store nothing new.
    await produce(cluster.brokers, 'through', [
      ...events,
      { key: 'u1', value: bad[0]! },
      ...events,
      { key: 'u2', value: bad[1]! },
    ]);

    const [first, second] = await Promise.all([consume(), consume()]);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    const reports = [JSON.parse(first.stdout), JSON.parse(second.stdout)] as {
      events: number;
      listensStored: number;
      rejects: number;
      deadLettered: number;
    }[];
    const sum = (key: 'events' | 'listensStored' | 'rejects' | 'deadLettered') =>
      reports.reduce((n, r) => n + r[key], 0);
    expect(sum('events')).toBe(6002);
    expect(sum('listensStored')).toBe(3000);
    expect(sum('rejects')).toBe(2);
    expect(sum('deadLettered')).toBe(2);
    // Each of the 6 partitions' offsets stored at its end: 6,002 messages in all.
    const offsets = await serverOffsets();
    expect(offsets).toHaveLength(6);
    expect(offsets.reduce((n, o) => n + o, 0)).toBe(6002);

    // A restart resumes from the offsets the server holds: nothing is read or stored again.
    const again = await consume();
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ events: 0, listensStored: 0 });

    const dead = await readMessages(cluster.brokers, 'through-dead', 2);
    expect(dead.map((m) => m.value!.toString('utf8')).sort()).toEqual([...bad].sort());
    const reasons = Object.fromEntries(dead.map((m) => [m.value!.toString('utf8'), m.headers.reason]));
    expect(reasons[bad[0]!]).toMatch(/^invalid JSON/);
    expect(reasons[bad[1]!]).toMatch(/listened_at is too low.*2002-10-01/);

    // The server's file, once it stopped, holds the same: the listens and every event as received.
    expect(await stopServer(server)).toBe(0);
    server = undefined;
    const store = await openDatabase(serverDb);
    try {
      const [row] = await store.all<{ listens: bigint; events: bigint; rejected: bigint }>(
        `SELECT (SELECT count(*) FROM listens) AS listens, (SELECT count(*) FROM stream_events) AS events,
           (SELECT count(*) FROM stream_events WHERE reject_reason IS NOT NULL) AS rejected`,
      );
      expect(row).toEqual({ listens: 3000n, events: 6002n, rejected: 2n });
    } finally {
      store.close();
    }
  }, 400_000);

  it('says what is missing when --server comes without a token, or with --db', async () => {
    const noToken = await runCli([
      'stream',
      'consume',
      '--brokers',
      'localhost:9092',
      '--topic',
      't',
      '--group',
      'g',
      '--server',
      'http://localhost:1',
    ]);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/--server needs --token TOKEN, an admin token/);
    const both = await runCli([
      'stream',
      'consume',
      '--brokers',
      'localhost:9092',
      '--topic',
      't',
      '--group',
      'g',
      '--server',
      'http://localhost:1',
      '--token',
      'x',
      '--db',
      join(dir.path, 'x.duckdb'),
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--server and --db are two places to write: give one/);
  });
});
