// The server and the CLI together, as a user meets them: `listenhouse start` serves the demo with a
// token; while a server holds the database, imports, user admin and statistics from the CLI go
// through it; uploads over real HTTP run as jobs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { spawnServer, stopServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

const listensJsonl = (n: number, artist: string) =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      listened_at: 1_700_000_000 + i * 240,
      track_metadata: { artist_name: artist, track_name: `T${i}` },
    }),
  ).join('\n') + '\n';

describe('listenhouse start', () => {
  it('creates the demo history, then serves it and prints the address and a token that works', async () => {
    const db = join(dir.path, 'start.duckdb');
    const first = await spawnServer(['start', '--db', db, '--port', '0']);
    const { url } = first;
    const token = /your token \(user "me"\):\s+(\S+)/.exec(first.output())?.[1];
    expect(token, first.output()).toBeDefined();
    expect(first.output()).toContain('demo listens through the import path');
    const me = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ name: 'me', role: 'admin' });
    const summary = (await (
      await fetch(`${url}/api/stats/summary`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      plays: number;
    };
    expect(summary.plays).toBeGreaterThan(20_000);
    expect((await fetch(`${url}/docs/`)).status).toBe(200);
    // The dashboard link signs "me" in (web-dashboard.test.ts follows such a link in Chromium).
    expect(first.output()).toContain(`Dashboard (signs you in as "me"): ${url}/sign-in#token=${token}`);
    const page = await fetch(`${url}/sign-in`, { headers: { accept: 'text/html' } });
    expect([page.status, await page.text()]).toEqual([200, expect.stringContaining('<div id="root">')]);
    expect(await stopServer(first)).toBe(0);
    expect(existsSync(`${db}.server.json`)).toBe(false);

    // The next start shows the same token (clients configured with it keep working) and no new demo.
    const second = await spawnServer(['start', '--db', db, '--port', '0']);
    expect(second.output()).toContain(token);
    expect(second.output()).not.toContain('demo listens through the import path');
    expect(await stopServer(second)).toBe(0);
  }, 60_000);
});

describe('the CLI while a server holds the database', () => {
  it('imports, adds users and shows statistics through the server', async () => {
    const db = join(dir.path, 'held.duckdb');
    const server = await spawnServer(['serve', '--db', db, '--port', '0']);
    const { url } = server;

    const added = await runCli(['users', 'add', 'zoe', '--db', db, '--json']);
    expect(added.code, added.stderr).toBe(0);
    const { token } = JSON.parse(added.stdout) as { token: string };
    const me = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ name: 'zoe' });

    const file = join(dir.path, 'zoe.jsonl');
    writeFileSync(file, listensJsonl(40, 'Nina Simone'));
    const imported = await runCli(['import', file, '--user', 'zoe', '--db', db, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout) as { totals: { inserted: number }; files: { file: string }[] };
    expect(report.totals.inserted).toBe(40);
    expect(report.files[0]!.file).toBe(file);
    const again = JSON.parse(
      (await runCli(['import', file, '--user', 'zoe', '--db', db, '--json'])).stdout,
    ) as {
      totals: { inserted: number; duplicates: number };
    };
    expect(again.totals).toMatchObject({ inserted: 0, duplicates: 40 });

    const stats = await runCli(['stats', 'artists', '--user', 'zoe', '--db', db, '--json']);
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ entries: [{ name: 'Nina Simone', plays: 40 }] });
    expect(JSON.parse(stats.stdout)).not.toHaveProperty('user');

    // A server's error keeps its AppError code, so the exit code is the one without a server.
    const taken = await runCli(['users', 'add', 'zoe', '--db', db, '--json']);
    expect(taken.code, taken.stderr).toBe(1);
    expect(JSON.parse(taken.stdout)).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining('zoe') },
    });
    const nobody = await runCli(['users', 'set', 'nobody', '--privacy', 'public', '--db', db, '--json']);
    expect(nobody.code, nobody.stderr).toBe(2);
    expect(JSON.parse(nobody.stdout)).toMatchObject({ error: { code: 'NOT_FOUND' } });

    const set = await runCli(['users', 'set', 'zoe', '--privacy', 'public', '--db', db, '--json']);
    expect(JSON.parse(set.stdout)).toMatchObject({ privacy: 'public' });
    const listens = (await (await fetch(`${url}/api/listens?user=zoe&limit=1`)).json()) as { total: number };
    expect(listens.total).toBe(40);

    const history = await runCli(['imports', '--db', db, '--json']);
    expect(history.code, history.stderr).toBe(0);
    expect((JSON.parse(history.stdout) as { imports: { file: string; user: string }[] }).imports).toEqual([
      expect.objectContaining({ file, user: 'zoe' }),
      expect.objectContaining({ file, user: 'zoe' }),
    ]);
    const bad = join(dir.path, 'bad.jsonl');
    writeFileSync(bad, listensJsonl(2, 'Nina Simone') + '{"listened_at": 1700000000}\n');
    await runCli(['import', bad, '--user', 'zoe', '--db', db]);
    const rejected = await runCli(['rejected', '--user', 'zoe', '--db', db, '--json']);
    expect(rejected.code, rejected.stderr).toBe(0);
    expect((JSON.parse(rejected.stdout) as { records: { line: number }[] }).records).toEqual([
      expect.objectContaining({ file: bad, line: 3 }),
    ]);

    const missing = await runCli(['import', join(dir.path, 'nope.jsonl'), '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stdout + missing.stderr).toContain('nope.jsonl');

    expect(await stopServer(server)).toBe(0);
    // Afterwards the CLI opens the file itself again.
    const users = await runCli(['users', '--db', db, '--json']);
    expect((JSON.parse(users.stdout) as { users: { name: string }[] }).users.map((u) => u.name)).toEqual([
      'me',
      'zoe',
    ]);
  }, 240_000);

  it('ignores the address file a killed server left behind', async () => {
    const db = join(dir.path, 'killed.duckdb');
    const server = await spawnServer(['serve', '--db', db, '--port', '0']);
    await stopServer(server, 'SIGKILL');
    expect(existsSync(`${db}.server.json`)).toBe(true);
    const added = await runCli(['users', 'add', 'yan', '--db', db, '--json']);
    expect(added.code, added.stderr).toBe(0);
  }, 30_000);

  it('takes uploads over HTTP as a job whose report matches the CLI', async () => {
    const db = join(dir.path, 'upload.duckdb');
    const server = await spawnServer(['serve', '--db', db, '--port', '0']);
    const { url } = server;
    const local = JSON.parse(readFileSync(`${db}.server.json`, 'utf8')) as { token: string };
    const created = (await (
      await fetch(`${url}/api/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${local.token}` },
        body: JSON.stringify({ name: 'uma' }),
      })
    ).json()) as { token: string };

    const form = new FormData();
    form.append('file', new Blob([listensJsonl(25, 'Alice Coltrane')]), 'history.jsonl');
    const started = await fetch(`${url}/api/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.token}` },
      body: form,
    });
    expect(started.status).toBe(202);
    let job = (await started.json()) as {
      id: string;
      status: string;
      report: { totals: { inserted: number } } | null;
    };
    while (job.status === 'queued' || job.status === 'running') {
      await new Promise((r) => setTimeout(r, 50));
      job = (await (
        await fetch(`${url}/api/imports/jobs/${job.id}`, {
          headers: { authorization: `Bearer ${created.token}` },
        })
      ).json()) as typeof job;
    }
    expect(job.status).toBe('completed');
    expect(job.report!.totals.inserted).toBe(25);
    expect(await stopServer(server)).toBe(0);
  }, 30_000);
});
