// The Last.fm API as the most used Python library signs in to it: Debian's pylast against a real
// listening server (its own requests: auth.getMobileSession with authToken = md5(username +
// md5(password)) and no password, signed; track.updateNowPlaying; track.scrobble; reads). Skipped
// with a line naming python3-pylast when /usr/bin/python3 lacks it (failing under CI).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/server/app.js';
import type { Database } from '../../src/store/database.js';
import { createToken } from '../../src/store/token-repository.js';
import { ensureUser } from '../../src/store/user-repository.js';
import { testApp } from '../support/app.js';
import { count, memoryDb } from '../support/temp.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../support/python/pylast-client.py', import.meta.url));
const SECRET = 'pylast-shared-secret';
const hasPylast = spawnSync(PYTHON, ['-c', 'import pylast'], { stdio: 'ignore' }).status === 0;
if (!hasPylast) {
  const line = `${PYTHON} cannot import pylast (Debian package python3-pylast): the pylast suite is skipped.`;
  if (process.env.CI === 'true') throw new Error(`${line} CI must install it (.ci/run).`);
  console.warn(`[skip] ${line}`);
}

interface PylastAnswer {
  signedIn: boolean;
  error?: number;
  message?: string;
  recent?: [string, string, number][];
  nowPlaying?: [string, string] | null;
}

let db: Database;
let server: App;
let host: string;
let token: string;

/** Runs the pylast client; async so the server in this process keeps answering. */
async function pylast(user: string, password: string, timestamp: number): Promise<PylastAnswer> {
  const { spawn } = await import('node:child_process');
  const child = spawn(PYTHON, [SCRIPT, host, user, password, SECRET, String(timestamp)]);
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`pylast client exited with ${code}: ${err}`);
  return JSON.parse(out) as PylastAnswer;
}

async function setPassword(name: string, body: Record<string, string>) {
  const res = await server.app.inject({
    method: 'POST',
    url: `/api/users/${name}/scrobble-password`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  return {
    status: res.statusCode,
    body: res.json<{ generated: boolean; password?: string; error?: string }>(),
  };
}

describe.skipIf(!hasPylast)('pylast against the Last.fm API', () => {
  beforeAll(async () => {
    db = await memoryDb();
    const alice = await ensureUser(db, 'alice');
    token = await createToken(db, alice.user.id);
    server = testApp(db, { lastfmSecret: SECRET });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const address = server.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    host = `127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await server.app.close();
    db.close();
  });

  it('signs in with a generated scrobbling password (authToken form), scrobbles once, and shows now playing on /1/', async () => {
    const set = await setPassword('alice', {});
    expect(set.status).toBe(200);
    expect(set.body.generated).toBe(true);
    const password = set.body.password!;
    expect(password).toMatch(/^[a-z2-9]{20}$/);
    // Only sealed: neither the password nor its md5 is in the table.
    const stored = await db.all<{ sealed_md5: string }>('SELECT sealed_md5 FROM scrobble_passwords');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.sealed_md5).toMatch(/^v1\./);
    expect(stored[0]!.sealed_md5).not.toContain(password);

    const at = Math.floor(Date.now() / 1000) - 3600;
    const answer = await pylast('alice', password, at);
    expect(answer).toEqual({
      signedIn: true,
      recent: [['Björk', 'Jóga', at]],
      nowPlaying: ['Four Tet', 'Two Thousand and Seventeen'],
    });
    expect(await count(db, 'SELECT count(*) AS n FROM listens')).toBe(1);

    // The same now playing, read through the ListenBrainz API (what the dashboard shows).
    const playing = await server.app.inject({
      url: '/1/user/alice/playing-now',
      headers: { authorization: `Token ${token}` },
    });
    const payload = playing.json<{
      payload: { count: number; listens: { track_metadata: Record<string, unknown> }[] };
    }>().payload;
    expect(payload.count).toBe(1);
    expect(payload.listens[0]!.track_metadata).toMatchObject({
      artist_name: 'Four Tet',
      track_name: 'Two Thousand and Seventeen',
      release_name: 'New Energy',
      additional_info: { duration: 300 },
    });

    // A second run (a client restarting, signing in again) scrobbles the same play: stored once.
    await pylast('alice', password, at);
    expect(await count(db, 'SELECT count(*) AS n FROM listens')).toBe(1);
  });

  it('answers a wrong password with error 4, and an unknown user with 4 too', async () => {
    await setPassword('alice', { password: 'correct horse battery' });
    const wrong = await pylast('alice', 'not the password', 0);
    expect(wrong).toMatchObject({ signedIn: false, error: 4 });
    expect(wrong.message).toContain('Invalid username or password');
    expect(await pylast('nobody', 'correct horse battery', 0)).toMatchObject({ signedIn: false, error: 4 });
    const right = await pylast('alice', 'correct horse battery', Math.floor(Date.now() / 1000) - 7200);
    expect(right.signedIn).toBe(true);
  });

  it('refuses a chosen password under 8 characters with a clear message', async () => {
    const short = await setPassword('alice', { password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.error).toContain('8 characters');
  });
});
