// The dashboard on the same origin as the APIs: its files, index.html for client-side routes, and
// every API path still answered by its API (404s in that API's shape).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/server/app.js';
import type { Database } from '../../src/store/database.js';
import { testApp } from '../support/app.js';
import { memoryDb, tempDir } from '../support/temp.js';

const INDEX = '<!doctype html><title>listenhouse</title><div id="root"></div>';
const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

let db: Database;
let server: App;
let unbuilt: App;
let dir: ReturnType<typeof tempDir>;

beforeAll(async () => {
  dir = tempDir();
  mkdirSync(join(dir.path, 'assets'));
  writeFileSync(join(dir.path, 'index.html'), INDEX);
  writeFileSync(join(dir.path, 'assets', 'index-abc123.js'), 'console.log(1)');
  db = await memoryDb();
  server = testApp(db, { webRoot: dir.path });
  unbuilt = testApp(db, { webRoot: join(dir.path, 'missing') });
});
afterAll(async () => {
  await server.app.close();
  await unbuilt.app.close();
  db.close();
  dir.cleanup();
});

const get = (app: App, url: string, headers: Record<string, string> = HTML) =>
  app.app.inject({ method: 'GET', url, headers });

describe('the dashboard', () => {
  it('answers / and client-side routes with index.html, never cached', async () => {
    for (const url of [
      '/',
      '/sign-in',
      '/user/alice',
      '/user/alice/charts?range=2024-01-01..2024-12-31&by=time',
    ]) {
      const r = await get(server, url);
      expect([url, r.statusCode, r.headers['content-type']]).toEqual([url, 200, 'text/html; charset=utf-8']);
      expect(r.body).toBe(INDEX);
      expect(r.headers['cache-control']).toBe('no-cache');
    }
    expect((await get(server, '/', {})).body).toBe(INDEX);
  });

  it('serves its hashed files for a year, and a missing one is a 404, not the page', async () => {
    const js = await get(server, '/assets/index-abc123.js', {});
    expect(js.statusCode).toBe(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await get(server, '/assets/index-old.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).not.toContain('<title>');
  });

  it('leaves every API its own answers', async () => {
    expect((await get(server, '/api/nope')).json()).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect((await get(server, '/1/nope')).json()).toMatchObject({ code: 404 });
    expect((await get(server, '/1/validate-token', {})).statusCode).toBe(400);
    expect((await get(server, '/api/health', {})).json()).toEqual({ status: 'ok' });
    expect((await get(server, '/health', {})).json()).toEqual({ status: 'ok' });
    expect((await get(server, '/openapi.json', {})).json()).toHaveProperty('openapi');
    expect((await get(server, '/docs/')).statusCode).toBe(200);
    expect((await get(server, '/docs/')).body).toContain('swagger');
    expect((await get(server, '/2.0/?method=user.getInfo&user=me&format=json', {})).statusCode).not.toBe(404);
    // A client that is not a browser gets the 404 it always got.
    expect((await get(server, '/somewhere', { accept: 'application/json' })).statusCode).toBe(404);
  });

  it('says how to build it when it is not built', async () => {
    const r = await get(unbuilt, '/user/alice/charts');
    expect(r.statusCode).toBe(503);
    expect(r.body).toContain('npm run build');
    expect((await get(unbuilt, '/api/health', {})).json()).toEqual({ status: 'ok' });
  });
});
