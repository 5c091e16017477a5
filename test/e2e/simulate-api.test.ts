// `simulate --api URL --token T`: the simulated history posted to a running server's
// /1/submit-listens, as the token's user; the server stores every listen the simulator reported.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { spawnServer, stopServer, type SpawnedServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir('listenhouse-simulate-api-');
const db = join(dir.path, 'api.duckdb');
let server: SpawnedServer | undefined;
let token: string;

beforeAll(async () => {
  const added = await runCli(['users', 'add', 'alice', '--json', '--db', db]);
  expect(added.code, added.stderr).toBe(0);
  token = (JSON.parse(added.stdout) as { token: string }).token;
  server = await spawnServer(['serve', '--db', db, '--port', '0']);
}, 120_000);

afterAll(async () => {
  await stopServer(server);
  dir.cleanup();
});

const simulate = (extra: string[]) =>
  runCli(['simulate', '--seed', '2', '--days', '5', '--end', '2025-03-31', '--per-day', '60', ...extra]);

describe('simulate --api', () => {
  it("posts the history to /1/submit-listens, and the server stores every listen as the token's user", async () => {
    const run = await simulate(['--api', server!.url, '--token', token, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { listens: number; requests: number };
    expect(report.listens).toBeGreaterThan(100);
    expect(report.requests).toBe(Math.ceil(report.listens / 500));
    const count = await fetch(`${server!.url}/1/user/alice/listen-count`, {
      headers: { authorization: `Token ${token}` },
    });
    expect(await count.json()).toMatchObject({ payload: { count: report.listens } });
  }, 120_000);

  it('names what is wrong: a bad token, a missing token, several listeners', async () => {
    const bad = await simulate(['--api', server!.url, '--token', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/answered 401 after 0 listens were accepted/);
    const missing = await simulate(['--api', server!.url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--api needs --token');
    const several = await simulate(['--api', server!.url, '--token', token, '--users', '3']);
    expect(several.code).toBe(2);
    expect(several.stderr).toContain('--users 1');
  });
});
