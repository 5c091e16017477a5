// Connections through the REST API (/api/connections) on the real server (buildApp, app.inject),
// with a local Last.fm answering in its shape; and the players' webhooks as Plex (multipart with
// `payload`) and Jellyfin's Webhook plugin (JSON, the documented template) send them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/server/app.js';
import type { Database } from '../../src/store/database.js';
import { createToken } from '../../src/store/token-repository.js';
import { ensureUser } from '../../src/store/user-repository.js';
import { testApp } from '../support/app.js';
import { lastfmServer } from '../support/live-services.js';
import { count, memoryDb } from '../support/temp.js';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const API_KEY = 'lfm-key-77aa01be3c';
let clock = NOW;
let db: Database;
let server: App;
let alice: string;
let bob: string;
const METRICS = 'metrics-token-0123456789';

const call = (token: string, method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) =>
  server.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { payload: JSON.stringify(body) } : {}),
  });

function multipart(fields: Record<string, string>): { payload: Buffer; contentType: string } {
  const boundary = '----plexboundary7MA4YWxkTrZu0gW';
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const thumb = `--${boundary}\r\nContent-Disposition: form-data; name="thumb"; filename="thumb.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0\r\n`;
  return {
    payload: Buffer.concat([
      Buffer.from(parts.join(''), 'utf8'),
      Buffer.from(thumb + `--${boundary}--\r\n`, 'latin1'),
    ]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

function plexEvent(event: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    event,
    user: true,
    owner: true,
    Account: { id: 1, title: 'alice-plex' },
    Server: { title: 'nas' },
    Player: { local: true, title: 'Living Room' },
    Metadata: {
      librarySectionType: 'artist',
      type: 'track',
      title: 'Jóga',
      grandparentTitle: 'Björk',
      parentTitle: 'Homogenic',
      duration: 305_000,
      Guid: [{ id: 'mbid://1b4b5f50-5c0a-4e3c-9b47-7b2e2b2d7c11' }],
      ...extra,
    },
  });
}

async function playingNow(): Promise<Record<string, unknown> | null> {
  const res = await server.app.inject({
    url: '/1/user/alice/playing-now',
    headers: { authorization: `Token ${alice}` },
  });
  const listens = res.json<{ payload: { listens: { track_metadata: Record<string, unknown> }[] } }>().payload
    .listens;
  return listens[0]?.track_metadata ?? null;
}

beforeEach(async () => {
  clock = NOW;
  db = await memoryDb();
  alice = await createToken(db, (await ensureUser(db, 'alice')).user.id);
  bob = await createToken(db, (await ensureUser(db, 'bob')).user.id);
  server = testApp(db, { now: () => clock, metricsToken: METRICS });
});
afterEach(async () => {
  await server.app.close();
  db.close();
});

describe('/api/connections', () => {
  it('adds, lists, polls, reports on /api/metrics and removes a connection, never showing its key', async () => {
    const lastfm = await lastfmServer({
      user: 'rj',
      apiKey: API_KEY,
      scrobbles: [{ artist: 'Burial', album: 'Untrue', track: 'Archangel', uts: NOW / 1000 - 600 }],
    });
    try {
      const kinds = await call(alice, 'GET', '/api/connections/kinds');
      expect(kinds.json<{ kinds: { kind: string }[] }>().kinds.map((k) => k.kind)).toEqual(
        expect.arrayContaining(['lastfm', 'listenbrainz', 'plex', 'jellyfin']),
      );
      const added = await call(alice, 'POST', '/api/connections', {
        kind: 'lastfm',
        settings: { url: `${lastfm.url}/2.0/`, user: 'rj' },
        credentials: { apiKey: API_KEY },
      });
      expect(added.statusCode).toBe(201);
      expect(added.body).not.toContain(API_KEY);
      const id = added.json<{ connection: { id: number } }>().connection.id;

      const bad = await call(alice, 'POST', '/api/connections', {
        kind: 'lastfm',
        settings: {},
        credentials: {},
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ error: string }>().error).toContain('settings.user');

      // Three polls: the page count, the one page, then caught up.
      for (let i = 0; i < 3; i++)
        expect((await call(alice, 'POST', `/api/connections/${id}/poll`)).statusCode).toBe(200);
      expect(await count(db, 'SELECT count(*) AS n FROM listens')).toBe(1);
      const listed = await call(alice, 'GET', '/api/connections');
      expect(listed.body).not.toContain(API_KEY);
      expect(listed.json<{ connections: unknown[] }>().connections).toEqual([
        expect.objectContaining({
          id,
          kind: 'lastfm',
          status: 'ok',
          credentials: ['apiKey'],
          plays: 1,
          lastError: null,
        }),
      ]);
      // Another user sees none of it.
      expect(
        (await call(bob, 'GET', '/api/connections')).json<{ connections: unknown[] }>().connections,
      ).toEqual([]);
      expect((await call(bob, 'GET', `/api/connections/${id}`)).statusCode).toBe(404);

      lastfm.failNext({ status: 503 });
      await call(alice, 'POST', `/api/connections/${id}/poll`);
      const metrics = await server.app.inject({
        url: '/api/metrics',
        headers: { authorization: `Bearer ${METRICS}` },
      });
      expect(metrics.body).toContain(`listenhouse_live_failing{id="${id}",kind="lastfm",user="alice"} 1`);
      expect(metrics.body).toContain(`listenhouse_live_plays_total{id="${id}",kind="lastfm",user="alice"} 1`);
      expect(metrics.body).not.toContain(API_KEY);

      expect((await call(alice, 'DELETE', `/api/connections/${id}`)).statusCode).toBe(204);
      expect(
        (await call(alice, 'GET', '/api/connections')).json<{ connections: unknown[] }>().connections,
      ).toEqual([]);
      expect(await count(db, 'SELECT count(*) AS n FROM listens')).toBe(1);
    } finally {
      await lastfm.close();
    }
  });
});

describe('player webhooks', () => {
  async function hook(kind: string, settings: Record<string, unknown> = {}): Promise<string> {
    const res = await call(alice, 'POST', '/api/connections', { kind, settings });
    expect(res.statusCode).toBe(201);
    const path = res.json<{ hookPath: string }>().hookPath;
    expect(path).toMatch(new RegExp(`^/api/hooks/${kind}/[A-Za-z0-9_-]{32}$`));
    return path;
  }

  it('Plex: media.play shows now playing, media.scrobble stores the play once, a wrong secret is 404', async () => {
    const path = await hook('plex');
    const send = (event: string) => {
      const body = multipart({ payload: plexEvent(event) });
      return server.app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': body.contentType },
        payload: body.payload,
      });
    };
    expect((await send('media.play')).json()).toMatchObject({ status: 'ok', plays: 0, note: 'playing now' });
    expect(await playingNow()).toMatchObject({
      artist_name: 'Björk',
      track_name: 'Jóga',
      release_name: 'Homogenic',
    });
    clock = NOW + 280_000;
    expect((await send('media.scrobble')).json()).toMatchObject({ plays: 1 });
    // Plex sending the same scrobble again stores nothing more.
    await send('media.scrobble');
    const rows = await db.all<{ at: bigint; artist: string; track: string; client: string }>(
      'SELECT epoch_ms(listened_at) AS at, artist, track, client FROM listens',
    );
    expect(rows.map((r) => ({ ...r, at: Number(r.at) }))).toEqual([
      { at: NOW, artist: 'Björk', track: 'Jóga', client: 'Plex (Living Room)' },
    ]);
    await send('media.stop');
    expect(await playingNow()).toBeNull();

    const wrong = await server.app.inject({
      method: 'POST',
      url: '/api/hooks/plex/not-the-secret',
      payload: '{}',
    });
    expect(wrong.statusCode).toBe(404);
    const video = multipart({ payload: plexEvent('media.scrobble', { type: 'episode' }) });
    const ignored = await server.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': video.contentType },
      payload: video.payload,
    });
    expect(ignored.json()).toMatchObject({ plays: 0, note: 'ignored: not music (episode)' });
  });

  it('Jellyfin: a play that counts is stored (and merges with the same play from a ListenBrainz client), a skipped one is not, a radio stream is split', async () => {
    const path = await hook('jellyfin');
    const send = (event: Record<string, unknown>) =>
      server.app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(event),
      });
    const base = {
      ItemType: 'Audio',
      NotificationUsername: 'alice',
      Name: 'Windowlicker',
      Artist: 'Aphex Twin',
      Album: 'Windowlicker',
      RunTimeTicks: 3_660_000_000,
      ClientName: 'Finamp',
      Provider_musicbrainztrack: '',
    };
    expect(
      (
        await send({ ...base, NotificationType: 'PlaybackStart', UtcTimestamp: '2026-11-22 11:50:00' })
      ).json(),
    ).toMatchObject({ note: 'playing now' });
    expect(await playingNow()).toMatchObject({ artist_name: 'Aphex Twin', track_name: 'Windowlicker' });

    // Stopped after 200 s of a 366 s track: over half, so it counts; its start is the stop less 200 s.
    const stop = await send({
      ...base,
      NotificationType: 'PlaybackStop',
      PlaybackPositionTicks: 2_000_000_000,
      PlayedToCompletion: false,
      UtcTimestamp: '2026-11-22T11:53:20Z',
    });
    expect(stop.json()).toMatchObject({ plays: 1 });
    expect(await playingNow()).toBeNull();
    // The same play scrobbled by a ListenBrainz client on the same device: one listen, two sources.
    const lb = await server.app.inject({
      method: 'POST',
      url: '/1/submit-listens',
      headers: { authorization: `Token ${alice}` },
      payload: JSON.stringify({
        listen_type: 'single',
        payload: [
          {
            listened_at: Date.UTC(2026, 10, 22, 11, 50, 0) / 1000,
            track_metadata: { artist_name: 'Aphex Twin', track_name: 'Windowlicker' },
          },
        ],
      }),
    });
    expect(lb.statusCode).toBe(200);
    expect(await count(db, 'SELECT count(*) AS n FROM listens')).toBe(1);
    expect(await count(db, 'SELECT count(*) AS n FROM listen_sources')).toBe(1);

    // Skipped after 20 s: not a listen.
    expect(
      (
        await send({
          ...base,
          Name: 'Flim',
          NotificationType: 'PlaybackStop',
          PlaybackPositionTicks: 200_000_000,
          UtcTimestamp: '2026-11-22T11:58:00Z',
        })
      ).json(),
    ).toMatchObject({ plays: 0 });

    // Internet radio: the station as artist, "Artist - Title" as the title, no length.
    await send({
      ItemType: 'TvChannel',
      NotificationType: 'PlaybackStop',
      NotificationUsername: 'alice',
      Name: 'Pink Floyd - Time',
      Artist: 'Radio Paradise',
      PlaybackPositionTicks: 4_200_000_000,
      UtcTimestamp: '2026-11-22T11:59:00Z',
      ClientName: 'Jellyfin Web',
    });
    const radio = await db.all<{ artist: string; track: string; client: string }>(
      "SELECT artist, track, client FROM listens WHERE artist = 'Pink Floyd'",
    );
    expect(radio).toEqual([
      { artist: 'Pink Floyd', track: 'Time', client: 'Jellyfin (Jellyfin Web) · radio: Radio Paradise' },
    ]);
  });
});
