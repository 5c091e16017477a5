// The Spotify poller against a local server in Spotify's shapes (the accounts service's /api/token,
// the Web API's recently played): the authorization code exchanged once, tokens stored sealed and
// refreshed on a 401, played_at taken as the end of the play — and the user's extended streaming
// history of the same plays, imported later, merging with them instead of storing them again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/index.js';
import { importFiles } from '../../src/ingest/import-service.js';
import { servicesOn, type Services } from '../../src/services/index.js';
import { openStore } from '../../src/store/index.js';
import { spotifyServer } from '../support/live-services.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { tempDir } from '../support/temp.js';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
let dir: ReturnType<typeof tempDir>;
let dbPath: string;
let services: Services;

async function open(): Promise<Services> {
  return servicesOn(await openStore(dbPath), { config: resolveConfig({}).config, clock: { now: () => NOW } });
}

beforeEach(async () => {
  dir = tempDir();
  dbPath = join(dir.path, 'spotify.duckdb');
  services = await open();
});
afterEach(async () => {
  await services.close();
  dir.cleanup();
});

interface HistoryRow {
  ts: string;
  ms_played: number;
  master_metadata_track_name: string | null;
  master_metadata_album_artist_name: string | null;
  master_metadata_album_album_name: string | null;
  spotify_track_uri: string | null;
  reason_end: string;
}

describe.skipIf(!hasSharedData)('the Spotify poller', () => {
  it('exchanges the code, refreshes on 401, stores the last plays once, and merges with the export imported later', async () => {
    const all = JSON.parse(
      readFileSync(
        sharedFile('spotify-extended-streaming-history', 'efrrowini', 'Streaming_History_Audio_2026.json'),
        'utf8',
      ),
    ) as HistoryRow[];
    // Plays Spotify would list: tracks played through (trackdone), 30 s or more.
    const rows = all
      .filter((r) => r.master_metadata_track_name && r.reason_end === 'trackdone' && r.ms_played >= 30_000)
      .slice(-30);
    expect(rows.length).toBe(30);
    const items = rows.map((r) => ({
      played_at: r.ts.replace('Z', '.000Z'),
      context: null,
      track: {
        type: 'track',
        name: r.master_metadata_track_name,
        duration_ms: r.ms_played,
        uri: r.spotify_track_uri,
        artists: [{ name: r.master_metadata_album_artist_name, type: 'artist' }],
        album: {
          name: r.master_metadata_album_album_name,
          artists: [{ name: r.master_metadata_album_artist_name }],
        },
        external_ids: { isrc: 'USRC17607839' },
      },
    }));
    const spotify = await spotifyServer({
      clientId: 'app-id',
      clientSecret: 'app-secret-9f8e',
      code: 'auth-code-1',
      items: items.slice(0, 20),
    });
    try {
      const userId = (await services.store.users.ensure('alice')).user.id;
      const { connection } = await services.live.add({
        userId,
        kind: 'spotify',
        settings: {
          url: `${spotify.url}/v1`,
          accountsUrl: spotify.url,
          clientId: 'app-id',
          redirectUri: 'http://localhost/callback',
        },
        credentials: { clientSecret: 'app-secret-9f8e', code: 'auth-code-1' },
      });
      expect(await services.live.pollOnce(connection.id)).toBe(180_000);
      const count = async () =>
        Number((await services.store.db.all<{ n: bigint }>('SELECT count(*) AS n FROM listens'))[0]!.n);
      expect(await count()).toBe(20);
      // Tokens are stored sealed; the code is gone (it works once).
      const view = await services.live.get(connection.id);
      expect(view.credentials.sort()).toEqual(['accessToken', 'clientSecret', 'expiresAt', 'refreshToken']);
      expect(
        JSON.stringify(await services.store.db.all('SELECT * FROM live_connections'), (_k, v: unknown) =>
          typeof v === 'bigint' ? Number(v) : v,
        ),
      ).not.toMatch(/access-1|refresh-1|app-secret/);

      // played_at is the end: the start is played_at − duration.
      const first = rows[0]!;
      const stored = await services.store.db.all<{ at: bigint }>(
        'SELECT epoch_ms(listened_at) AS at FROM listens ORDER BY listened_at LIMIT 1',
      );
      expect(Number(stored[0]!.at)).toBe(Date.parse(first.ts) - first.ms_played);

      // The token is revoked early: a 401, one refresh, the request again; ten new plays arrive once.
      spotify.state.items = items;
      spotify.state.revoke();
      expect(await services.live.pollOnce(connection.id)).toBe(180_000);
      expect(spotify.state.refreshes).toBe(1);
      expect(await count()).toBe(30);
      expect(await services.live.pollOnce(connection.id)).toBe(180_000);
      expect(await count()).toBe(30);

      // The extended streaming history with the same plays, imported later: merged, not stored again.
      const exported = dir.file('Streaming_History_Audio_2026.json', JSON.stringify(rows, null, 2));
      await services.close();
      const store = await openStore(dbPath);
      await importFiles(store.db, {
        paths: [exported],
        userName: 'alice',
        defaultUserName: 'alice',
        now: NOW,
      });
      expect(Number((await store.db.all<{ n: bigint }>('SELECT count(*) AS n FROM listens'))[0]!.n)).toBe(30);
      expect(
        Number((await store.db.all<{ n: bigint }>('SELECT count(*) AS n FROM listen_sources'))[0]!.n),
      ).toBe(30);
      store.close();
      services = await open();
    } finally {
      await spotify.close();
    }
  });

  it('marks the connection failing with a clear message when the code is refused', async () => {
    const spotify = await spotifyServer({ clientId: 'app-id', clientSecret: 's', code: 'right', items: [] });
    try {
      const userId = (await services.store.users.ensure('alice')).user.id;
      const { connection } = await services.live.add({
        userId,
        kind: 'spotify',
        settings: {
          url: `${spotify.url}/v1`,
          accountsUrl: spotify.url,
          clientId: 'app-id',
          redirectUri: 'http://localhost/cb',
        },
        credentials: { clientSecret: 's', code: 'wrong' },
      });
      await services.live.pollOnce(connection.id);
      expect((await services.live.get(connection.id)).lastError).toContain('connect again with a new code');
      await expect(
        services.live.add({
          userId,
          kind: 'spotify',
          settings: { clientId: 'x' },
          credentials: { clientSecret: 's' },
        }),
      ).rejects.toThrow('give code (from the authorization page) or refreshToken');
    } finally {
      await spotify.close();
    }
  });
});
