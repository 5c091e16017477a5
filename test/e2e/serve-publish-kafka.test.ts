// `serve --publish-to-kafka`: /1/submit-listens checks the listens as always, then publishes them to
// Kafka (librdkafka's mock cluster) instead of writing; `stream consume` stores exactly what was
// submitted, in its own database.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { runCli } from '../support/cli.js';
import { hasKcat, startMockCluster, type MockCluster } from '../support/kafka.js';
import { spawnServer, stopServer, type SpawnedServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir('listenhouse-publish-');
const serverDb = join(dir.path, 'server.duckdb');
const consumerDb = join(dir.path, 'consumer.duckdb');
let cluster: MockCluster;
let server: SpawnedServer | undefined;
let token: string;

beforeAll(async () => {
  if (!hasKcat) return;
  cluster = await startMockCluster(dir.path);
  const added = await runCli(['users', 'add', 'alice', '--json', '--db', serverDb]);
  expect(added.code, added.stderr).toBe(0);
  token = (JSON.parse(added.stdout) as { token: string }).token;
  server = await spawnServer([
    'serve',
    '--db',
    serverDb,
    '--port',
    '0',
    '--publish-to-kafka',
    cluster.brokers,
    '--topic',
    'submitted',
  ]);
}, 120_000);

afterAll(async () => {
  await stopServer(server);
  cluster?.stop();
  dir.cleanup();
});

const BASE = Date.UTC(2025, 2, 1) / 1000;
const listen = (i: number) => ({
  listened_at: BASE + i * 240,
  track_metadata: { artist_name: `Artist ${i % 7}`, track_name: `Track ${i}`, release_name: 'Album' },
});

function submit(body: unknown) {
  return fetch(`${server!.url}/1/submit-listens`, {
    method: 'POST',
    headers: { authorization: `Token ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe.skipIf(!hasKcat)('serve --publish-to-kafka', () => {
  it('publishes what /1/submit-listens accepts, and a consumer stores exactly those listens', async () => {
    const listens = Array.from({ length: 250 }, (_, i) => listen(i));
    for (let i = 0; i < listens.length; i += 50) {
      const res = await submit({ listen_type: 'import', payload: listens.slice(i, i + 50) });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    }
    // The same checks as ever: a listen from before 2002 refuses the request, and nothing is published.
    const bad = await submit({
      listen_type: 'single',
      payload: [{ ...listen(0), listened_at: 946_684_800 }],
    });
    expect(bad.status).toBe(400);
    // Published, not written: the server's own store has none of them.
    const own = await fetch(`${server!.url}/1/user/alice/listen-count`, {
      headers: { authorization: `Token ${token}` },
    });
    expect(await own.json()).toMatchObject({ payload: { count: 0 } });

    const consumed = await runCli([
      'stream',
      'consume',
      '--brokers',
      cluster.brokers,
      '--topic',
      'submitted',
      '--group',
      'store',
      '--exit-at-end',
      '--db',
      consumerDb,
      '--json',
    ]);
    expect(consumed.code, consumed.stderr).toBe(0);
    expect(JSON.parse(consumed.stdout)).toMatchObject({ events: 250, listensStored: 250, rejects: 0 });
    const store = await openDatabase(consumerDb);
    try {
      const rows = await store.all<{ who: string; secs: bigint; artist: string; track: string }>(
        `SELECT u.name AS who, epoch(l.listened_at)::BIGINT AS secs, l.artist, l.track
         FROM listens l JOIN users u ON u.id = l.user_id ORDER BY secs`,
      );
      expect(rows.map((r) => [r.who, Number(r.secs), r.artist, r.track])).toEqual(
        listens.map((l) => [
          'alice',
          l.listened_at,
          l.track_metadata.artist_name,
          l.track_metadata.track_name,
        ]),
      );
    } finally {
      store.close();
    }
  }, 240_000);

  it('refuses --publish-to-kafka without a topic, before serving', async () => {
    const r = await runCli([
      'serve',
      '--db',
      serverDb,
      '--port',
      '0',
      '--publish-to-kafka',
      'localhost:9092',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--publish-to-kafka needs --topic NAME');
  });
});
