// `listenhouse connect` and `listenhouse connections` as a user runs them: on the database file,
// then through a running `listenhouse serve`, whose pollers fetch the history from a local server
// that answers as Last.fm does, and after a restart poll on from the stored cursor without
// importing again. Needs the built CLI (npm run build).
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { lastfmServer, type Scrobble } from '../support/live-services.js';
import { spawnServer, stopServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
const API_KEY = 'lfm-key-c0ffee4242';

interface Listed {
  connections: {
    id: number;
    kind: string;
    status: string;
    plays: number;
    lastError: string | null;
    credentials: string[];
  }[];
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('listenhouse connect / connections', () => {
  it('connects Last.fm on the file, then the running server polls it; a restart does not import again', async () => {
    const now = Math.floor(Date.now() / 1000);
    const scrobbles: Scrobble[] = Array.from({ length: 250 }, (_, i) => ({
      artist: `Artist ${i % 17}`,
      album: `Album ${i % 5}`,
      track: `Track ${i}`,
      uts: now - 86_400 * 30 + i * 300,
    }));
    const lastfm = await lastfmServer({ user: 'rj', apiKey: API_KEY, scrobbles });
    const db = join(dir.path, 'live.duckdb');
    try {
      expect((await runCli(['users', 'add', 'alice', '--db', db])).code).toBe(0);

      const bad = await runCli(['connect', 'lastfm', '--user', 'alice', '--db', db]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('settings.user');
      const unknown = await runCli(['connect', 'myspace', '--user', 'alice', '--db', db]);
      expect([unknown.code, unknown.stderr]).toEqual([
        2,
        expect.stringContaining('Unknown live source "myspace"'),
      ]);

      const added = await runCli([
        'connect',
        'lastfm',
        '--user',
        'alice',
        '--db',
        db,
        '--json',
        '--url',
        `${lastfm.url}/2.0/`,
        '--set',
        'user=rj',
        '--credential',
        `apiKey=${API_KEY}`,
      ]);
      expect(added.code, added.stderr).toBe(0);
      expect(added.stdout).not.toContain(API_KEY);
      const listed = await runCli(['connections', '--db', db, '--json']);
      expect(JSON.parse(listed.stdout)).toMatchObject({
        connections: [{ kind: 'lastfm', status: 'new', plays: 0, credentials: ['apiKey'] }],
      });

      // The server polls it by itself: the whole history arrives, once.
      const server = await spawnServer(['serve', '--db', db, '--port', '0']);
      const state = await until(
        async () => JSON.parse((await runCli(['connections', '--db', db, '--json'])).stdout) as Listed,
        (l) => l.connections[0]!.plays >= 250 && l.connections[0]!.status === 'ok',
      );
      expect(state.connections[0], server.output()).toMatchObject({
        status: 'ok',
        plays: 250,
        lastError: null,
      });
      const text = await runCli(['connections', '--db', db]);
      expect(text.stdout).toMatch(
        /^1 {2}alice {2}Last\.fm http:\/\/127\.0\.0\.1:\d+\/2\.0\/ as rj {2}ok, last success \S+ {2}plays 250/,
      );
      expect(server.output()).not.toContain(API_KEY);
      expect(await stopServer(server)).toBe(0);

      // A restart: polling goes on from the cursor (incremental: `from`), nothing is fetched page by page again.
      const before = lastfm.requests.length;
      const again = await spawnServer(['serve', '--db', db, '--port', '0']);
      await until(
        () => Promise.resolve(lastfm.requests.length),
        (n) => n > before,
        30_000,
      );
      expect(lastfm.requests.slice(before).every((r) => r.includes('from='))).toBe(true);
      const removed = await runCli(['connections', 'remove', '1', '--db', db, '--json']);
      expect([removed.code, JSON.parse(removed.stdout)]).toEqual([0, { removed: 1 }]);
      expect(await stopServer(again)).toBe(0);

      const counted = await runCli(['stats', 'summary', '--user', 'alice', '--db', db, '--json']);
      expect(JSON.parse(counted.stdout)).toMatchObject({ plays: 250 });
    } finally {
      await lastfm.close();
    }
  }, 240_000);
});
