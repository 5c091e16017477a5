import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { withoutPrefix, type App } from '../../src/server/app.js';
import type { Database } from '../../src/store/database.js';
import { createToken } from '../../src/store/token-repository.js';
import { addUser } from '../../src/store/user-repository.js';
import { memoryDb } from '../support/temp.js';

let db: Database;
let server: App;
let alice: string;
let bob: string;

beforeAll(async () => {
  db = await memoryDb();
  server = testApp(db, { rateLimit: 3 });
  alice = await createToken(db, (await addUser(db, 'alice')).id);
  bob = await createToken(db, (await addUser(db, 'bob')).id);
});
afterAll(async () => {
  await server.app.close();
  db.close();
});

describe('a client that keeps its base URL path', () => {
  it('drops any prefix before /1/ or /2.0/, and leaves every other path alone', () => {
    expect(withoutPrefix('/apis/listenbrainz/1/submit-listens')).toBe('/1/submit-listens');
    expect(withoutPrefix('/lb/1/validate-token?token=x')).toBe('/1/validate-token?token=x');
    expect(withoutPrefix('/scrobble/2.0/?method=track.scrobble')).toBe('/2.0/?method=track.scrobble');
    expect(withoutPrefix('/1/user/x/listens')).toBe('/1/user/x/listens');
    expect(withoutPrefix('/api/listens?artist=a/1/b')).toBe('/api/listens?artist=a/1/b');
    expect(withoutPrefix('/nothing/here')).toBe('/nothing/here');
    // The dashboard's pages of users named 1 or 2.0 are theirs, not ListenBrainz or Last.fm paths.
    expect(withoutPrefix('/user/1/charts?range=week')).toBe('/user/1/charts?range=week');
    expect(withoutPrefix('/user/2.0/')).toBe('/user/2.0/');
  });

  it('is served at the prefixed path', async () => {
    const r = await server.app.inject({
      method: 'GET',
      url: `/apis/listenbrainz/1/validate-token?token=${alice}`,
    });
    expect(r.json()).toMatchObject({ valid: true, user_name: 'alice' });
  });
});

describe('rate limits', () => {
  it('count a ?token= client by its token, not by its address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await server.app.inject({ method: 'GET', url: `/1/validate-token?token=${bob}` });
      statuses.push(r.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Another token from the same address has its own window.
    const other = await server.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${alice}` },
    });
    expect(other.statusCode).toBe(200);
    expect(other.headers['x-ratelimit-remaining']).toBeDefined();
  });
});

describe('a server starting on a database a killed process left', () => {
  it('marks the import runs left running as interrupted before it serves', async () => {
    const store = await memoryDb();
    await store.run(
      `INSERT INTO import_runs (user_id, file, format, status, started_at) VALUES (1, '/x.csv', 'lastfm-csv', 'running', now()::TIMESTAMP)`,
    );
    const fresh = testApp(store);
    await fresh.prepare();
    const rows = await store.all<{ status: string }>('SELECT status FROM import_runs');
    expect(rows).toEqual([{ status: 'interrupted' }]);
    await fresh.app.close();
    store.close();
  });
});

describe('changing a role', () => {
  it('holds from the very next request (the token cache forgets the user)', async () => {
    const store = await memoryDb();
    const fresh = testApp(store);
    const admin = await createToken(store, 1);
    const carl = await createToken(store, (await addUser(store, 'carl')).id);
    const users = () =>
      fresh.app.inject({ method: 'GET', url: '/api/users', headers: { authorization: `Bearer ${carl}` } });
    expect((await users()).statusCode).toBe(403);
    const promoted = await fresh.app.inject({
      method: 'PATCH',
      url: '/api/users/carl',
      headers: { authorization: `Bearer ${admin}` },
      payload: JSON.stringify({ role: 'admin' }),
    });
    expect(promoted.statusCode).toBe(200);
    expect((await users()).statusCode).toBe(200);
    await fresh.app.close();
    store.close();
  });
});
