// The Subsonic / Navidrome poller against a local server answering getNowPlaying in its JSON shape:
// what plays is shown as playing now; when it changes, the track before is stored if it counts (half
// its length or 4 minutes), once; a skipped one is not; a wrong password says so.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/index.js';
import { servicesOn, type Services } from '../../src/services/index.js';
import { storeOn } from '../../src/store/index.js';
import { subsonicServer } from '../support/live-services.js';
import { memoryDb } from '../support/temp.js';

const T0 = Date.UTC(2026, 10, 22, 20, 0, 0);
let clock = T0;
let services: Services;

const entry = (id: string, artist: string, title: string, duration: number, minutesAgo = 0) => ({
  id,
  title,
  artist,
  album: 'Selected Ambient Works',
  duration,
  username: 'alice',
  minutesAgo,
  playerId: 1,
  playerName: 'Feishin',
});

beforeEach(async () => {
  clock = T0;
  services = servicesOn(storeOn(await memoryDb()), {
    config: resolveConfig({}).config,
    clock: { now: () => clock },
  });
});
afterEach(() => services.close());

describe('the Subsonic now-playing poller', () => {
  it('stores a track that played long enough when the next one starts, not one skipped', async () => {
    const subsonic = await subsonicServer({
      user: 'alice',
      password: 'pw-1234',
      playing: [entry('a', 'Aphex Twin', 'Xtal', 294, 1), entry('z', 'Someone Else', 'Not Ours', 200)].map(
        (e, i) => (i === 1 ? { ...e, username: 'bob' } : e),
      ),
    });
    try {
      const userId = (await services.store.users.ensure('alice')).user.id;
      const { connection } = await services.live.add({
        userId,
        kind: 'subsonic',
        settings: { url: subsonic.url, user: 'alice' },
        credentials: { password: 'pw-1234' },
      });
      const id = connection.id;
      expect(await services.live.pollOnce(id)).toBe(30_000);
      expect(services.playingNow.get(userId, clock)?.track).toMatchObject({
        artist: 'Aphex Twin',
        track: 'Xtal',
      });
      const stored = () =>
        services.store.db.all<{ at: bigint; artist: string; track: string }>(
          'SELECT epoch_ms(listened_at) AS at, artist, track FROM listens ORDER BY listened_at',
        );

      clock = T0 + 60_000;
      await services.live.pollOnce(id);
      // The next track: Xtal played from a minute before the first poll until now (3 min of 4:54: over half).
      clock = T0 + 120_000;
      subsonic.state.playing = [entry('b', 'Aphex Twin', 'Tha', 545)];
      await services.live.pollOnce(id);
      expect((await stored()).map((r) => ({ ...r, at: Number(r.at) }))).toEqual([
        { at: T0 - 60_000, artist: 'Aphex Twin', track: 'Xtal' },
      ]);
      expect(services.playingNow.get(userId, clock)?.track.track).toBe('Tha');

      // Tha is stopped after 30 s: not a listen; nothing plays now.
      clock = T0 + 150_000;
      subsonic.state.playing = [];
      await services.live.pollOnce(id);
      expect(await stored()).toHaveLength(1);
      expect(services.playingNow.get(userId, clock)).toBeNull();
      await services.live.pollOnce(id);
      expect(await stored()).toHaveLength(1);
    } finally {
      await subsonic.close();
    }
  });

  it('shows a wrong password as the server’s error', async () => {
    const subsonic = await subsonicServer({ user: 'alice', password: 'right', playing: [] });
    try {
      const userId = (await services.store.users.ensure('alice')).user.id;
      const { connection } = await services.live.add({
        userId,
        kind: 'subsonic',
        settings: { url: subsonic.url, user: 'alice' },
        credentials: { password: 'wrong' },
      });
      await services.live.pollOnce(connection.id);
      const view = await services.live.get(connection.id);
      expect(view).toMatchObject({
        status: 'failing',
        lastError: 'Subsonic error 40: Wrong username or password',
      });
    } finally {
      await subsonic.close();
    }
  });
});
