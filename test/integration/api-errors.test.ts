// What a client reads when a request fails: /api names the AppError code (with the status again and,
// for a schema failure, the field); /1/ and the paths outside the APIs keep ListenBrainz's
// {code: <status>, error}; /2.0/ answers Last.fm's own errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/server/app.js';
import { testApp } from '../support/app.js';
import type { Database } from '../../src/store/database.js';
import { createToken } from '../../src/store/token-repository.js';
import { addUser } from '../../src/store/user-repository.js';
import { memoryDb } from '../support/temp.js';

let db: Database;
let server: App;
let admin: string;
let alice: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  db = await memoryDb();
  server = testApp(db, { now: () => Date.parse('2026-06-01T12:00:00Z') });
  // An unexpected failure (a bug): its details stay in the log.
  server.app.get('/api/test-failure', () => {
    throw new Error('secret detail of a bug');
  });
  admin = await createToken(db, 1);
  alice = await createToken(db, (await addUser(db, 'alice')).id);
});
afterAll(async () => {
  await server.app.close();
  db.close();
});

const inject = (method: 'GET' | 'POST', url: string, token?: string, payload?: string) =>
  server.app.inject({ method, url, headers: token ? auth(token) : {}, ...(payload ? { payload } : {}) });

describe('/api error bodies', () => {
  it('404: an unknown route says where the routes are listed', async () => {
    const r = await inject('GET', '/api/nothing-here?x=1', alice);
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({
      code: 'NOT_FOUND',
      status: 404,
      error: expect.stringMatching(/^Not found: GET \/api\/nothing-here is not a route .*\/openapi\.json/),
    });
  });

  it('404: an unknown user or listen', async () => {
    const r = await inject('GET', '/api/listens/999999', alice);
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it('400: a query parameter that fails its schema is named in field and in the message', async () => {
    const r = await inject('GET', '/api/listens?limit=5000', alice);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toEqual({
      code: 'INVALID_INPUT',
      status: 400,
      field: 'limit',
      error: expect.stringMatching(/^query parameter limit: .*1000/),
    });
  });

  it('400: a body field that fails its schema is named too', async () => {
    const r = await inject('POST', '/api/users', admin, JSON.stringify({ name: 'has space' }));
    expect(r.statusCode).toBe(400);
    expect(r.json()).toEqual({
      code: 'INVALID_INPUT',
      status: 400,
      field: 'name',
      error: 'body field name: a user name is 1-64 letters, digits, . _ -',
    });
  });

  it('400: a body that is not JSON has no field', async () => {
    const r = await inject('POST', '/api/users', admin, '{"name":');
    expect(r.statusCode).toBe(400);
    const body = r.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      code: 'INVALID_INPUT',
      status: 400,
      error: expect.stringContaining('not JSON'),
    });
    expect(body).not.toHaveProperty('field');
  });

  it('401: no token says how to send one', async () => {
    const r = await inject('GET', '/api/listens');
    expect(r.statusCode).toBe(401);
    expect(r.json()).toEqual({
      code: 'UNAUTHORIZED',
      status: 401,
      error: expect.stringContaining('Authorization: Bearer'),
    });
  });

  it('403: another user', async () => {
    const r = await inject('GET', '/api/users', alice);
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ code: 'FORBIDDEN', status: 403 });
  });

  it('409: adding a user whose name is taken', async () => {
    const r = await inject('POST', '/api/users', admin, JSON.stringify({ name: 'alice' }));
    expect(r.statusCode).toBe(409);
    expect(r.json()).toEqual({ code: 'CONFLICT', status: 409, error: expect.stringContaining('alice') });
  });

  it('413: a body over the limit names the limit and what to do instead', async () => {
    const r = await inject('POST', '/api/users', admin, JSON.stringify({ name: 'x'.repeat(12_000_000) }));
    expect(r.statusCode).toBe(413);
    expect(r.json()).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      status: 413,
      error: expect.stringMatching(/too large: the limit is 11240000 bytes.*POST \/api\/imports/),
    });
  });

  it('500: an unexpected failure is INTERNAL with a generic message, never its details', async () => {
    const r = await inject('GET', '/api/test-failure', alice);
    expect(r.statusCode).toBe(500);
    expect(r.json()).toEqual({ code: 'INTERNAL', status: 500, error: 'An unknown error occured.' });
  });
});

describe('outside /api', () => {
  it('an unknown path keeps ListenBrainz’s {code: <status>, error}', async () => {
    const r = await inject('GET', '/nothing-here');
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ code: 404, error: 'Not found: GET /nothing-here' });
  });
});

describe('rate limits, per API', () => {
  it('429 is {code: "RATE_LIMITED", status} on /api and {code: 429} on /1/ and /2.0/', async () => {
    const limited = testApp(db, { rateLimit: 1 }).app;
    try {
      const over = async (url: string, token: string) => {
        await limited.inject({ method: 'GET', url, headers: auth(token) });
        const r = await limited.inject({ method: 'GET', url, headers: auth(token) });
        expect(r.statusCode).toBe(429);
        expect(r.headers['x-ratelimit-reset-in']).toBeDefined();
        return r.json<unknown>();
      };
      const message = expect.stringMatching(/^You have exceeded your rate limit\. .*try again in \d+ s\.$/);
      expect(await over('/api/me', alice)).toEqual({ code: 'RATE_LIMITED', status: 429, error: message });
      expect(await over('/1/validate-token', admin)).toEqual({ code: 429, error: message });
      const lastfm = await createToken(db, 1);
      expect(await over('/2.0/?method=user.getInfo&format=json', lastfm)).toEqual({
        code: 429,
        error: message,
      });
    } finally {
      await limited.close();
    }
  });
});
