// A busy port is reported before any work (no summary, no demo, no database), naming what to do;
// port and host come from --port/--host or LISTENHOUSE_PORT/LISTENHOUSE_HOST.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir();
let busy: Server;
let port = 0;

beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
  port = (busy.address() as { port: number }).port;
});
afterAll(() => {
  busy.close();
  dir.cleanup();
});

function expectPortMessage(stderr: string): void {
  expect(stderr).toContain(`Port ${port} is in use on 127.0.0.1`);
  expect(stderr).toContain('--port');
  expect(stderr).toContain('LISTENHOUSE_PORT');
}

describe('a port that is in use', () => {
  it('start says so first: no summary, no demo history, no database', async () => {
    const db = join(dir.path, 'start.duckdb');
    const result = await runCli(['start', '--db', db, '--port', String(port)]);
    expect(result.code).toBe(1);
    expectPortMessage(result.stderr);
    expect(result.stdout).not.toMatch(/demo|listens of|Top artists/);
    expect(existsSync(db)).toBe(false);
  });

  it('LISTENHOUSE_PORT is read by start and serve alike', async () => {
    for (const command of ['start', 'serve']) {
      const db = join(dir.path, `${command}-env.duckdb`);
      const result = await runCli([command, '--db', db], { LISTENHOUSE_PORT: String(port) });
      expect(result.code).toBe(1);
      expectPortMessage(result.stderr);
      expect(existsSync(db)).toBe(false);
    }
  });
});

describe('LISTENHOUSE_HOST and LISTENHOUSE_PORT', () => {
  it('serve listens where they say, and --port wins over LISTENHOUSE_PORT', async () => {
    const free = createServer();
    await new Promise<void>((done) => free.listen(0, '127.0.0.1', done));
    const freePort = (free.address() as { port: number }).port;
    await new Promise<void>((done) => free.close(() => done()));
    const env = { LISTENHOUSE_HOST: '127.0.0.1', LISTENHOUSE_PORT: String(freePort) };

    const child = spawnCli(['serve', '--db', join(dir.path, 'serve.duckdb')], env);
    let out = '';
    await new Promise<void>((done, fail) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes(' at http')) done();
      });
      child.on('close', (code) => fail(new Error(`serve exited ${code}: ${out}`)));
    });
    expect(out).toContain(`at http://127.0.0.1:${freePort}`);
    const docs = await fetch(`http://127.0.0.1:${freePort}/openapi.json`);
    expect(docs.status).toBe(200);
    child.kill('SIGTERM');
    await new Promise((done) => child.on('close', done));

    const explicit = await runCli(
      ['serve', '--db', join(dir.path, 'serve.duckdb'), '--port', String(port)],
      env,
    );
    expect(explicit.code).toBe(1);
    expectPortMessage(explicit.stderr);
  });
});
