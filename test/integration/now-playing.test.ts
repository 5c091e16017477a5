// Now playing is one thing whichever API set it: a Last.fm client's track.updateNowPlaying shows on
// ListenBrainz's /1/user/NAME/playing-now (what the dashboard reads) and a ListenBrainz client's
// playing_now shows first in user.getRecentTracks; the newest wins; clearing it clears it for both.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/server/app.js';
import type { Database } from '../../src/store/database.js';
import { createToken } from '../../src/store/token-repository.js';
import { ensureUser } from '../../src/store/user-repository.js';
import { testApp } from '../support/app.js';
import { memoryDb } from '../support/temp.js';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
let clock = NOW;
let db: Database;
let server: App;
let token: string;
let sk: string;

const form = (params: Record<string, string>) =>
  server.app.inject({
    method: 'POST',
    url: '/2.0/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...params, format: 'json' }).toString(),
  });

async function playingNowOnLb() {
  const res = await server.app.inject({
    url: '/1/user/alice/playing-now',
    headers: { authorization: `Token ${token}` },
  });
  return res.json<{ payload: { count: number; listens: { track_metadata: Record<string, unknown> }[] } }>()
    .payload;
}

async function recentFirst() {
  const res = await form({ method: 'user.getRecentTracks', user: 'alice', sk });
  const track = res.json<{ recenttracks: { track: unknown } }>().recenttracks.track;
  const list = (Array.isArray(track) ? track : [track]) as {
    name: string;
    '@attr'?: { nowplaying: string };
  }[];
  return list.find((t) => t['@attr']?.nowplaying === 'true')?.name ?? null;
}

beforeEach(async () => {
  clock = NOW;
  db = await memoryDb();
  const alice = await ensureUser(db, 'alice');
  token = await createToken(db, alice.user.id);
  server = testApp(db, { now: () => clock });
  const session = await form({ method: 'auth.getMobileSession', username: 'alice', password: token });
  sk = session.json<{ session: { key: string } }>().session.key;
});
afterEach(async () => {
  await server.app.close();
  db.close();
});

describe('now playing across the ListenBrainz and Last.fm APIs', () => {
  it('shows a Last.fm client’s track on /1/user/NAME/playing-now until its duration has passed', async () => {
    expect((await playingNowOnLb()).count).toBe(0);
    const set = await form({
      method: 'track.updateNowPlaying',
      sk,
      artist: 'Four Tet',
      track: 'Baby',
      album: 'New Energy',
      duration: '240',
    });
    expect(set.statusCode).toBe(200);
    const payload = await playingNowOnLb();
    expect(payload.count).toBe(1);
    expect(payload.listens[0]!.track_metadata).toMatchObject({
      artist_name: 'Four Tet',
      track_name: 'Baby',
      release_name: 'New Energy',
      additional_info: { duration: 240 },
    });
    expect(payload.listens[0]!.track_metadata.additional_info).toHaveProperty('recording_msid');
    clock = NOW + 241_000;
    expect((await playingNowOnLb()).count).toBe(0);
  });

  it('shows a ListenBrainz client’s playing_now in user.getRecentTracks, the newest of the two winning', async () => {
    await form({ method: 'track.updateNowPlaying', sk, artist: 'Four Tet', track: 'Baby' });
    const lb = await server.app.inject({
      method: 'POST',
      url: '/1/submit-listens',
      headers: { authorization: `Token ${token}` },
      payload: JSON.stringify({
        listen_type: 'playing_now',
        payload: [{ track_metadata: { artist_name: 'Burial', track_name: 'Archangel' } }],
      }),
    });
    expect(lb.statusCode).toBe(200);
    expect(await recentFirst()).toBe('Archangel');
    expect((await playingNowOnLb()).listens[0]!.track_metadata.track_name).toBe('Archangel');

    const cleared = await server.app.inject({
      method: 'POST',
      url: '/1/playing-now/delete',
      headers: { authorization: `Token ${token}` },
    });
    expect(cleared.statusCode).toBe(200);
    expect(await recentFirst()).toBeNull();
  });
});
