// The Roon extension against a local core speaking Roon's MOO protocol over WebSocket (ws): it
// registers, keeps the pairing token, subscribes to the zones, answers the core's ping, shows what
// plays now, and stores a play once it has played half its length — once.
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { resolveConfig } from '../../src/config/index.js';
import { decodeMoo, encodeMoo, type MooMessage } from '../../src/live/roon/moo.js';
import { servicesOn, type Services } from '../../src/services/index.js';
import { storeOn } from '../../src/store/index.js';
import { memoryDb } from '../support/temp.js';

const T0 = Date.UTC(2026, 10, 22, 21, 0, 0);
let clock = T0;
let services: Services;

async function until(check: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A Roon core: the registry, the transport's zone subscription, and a ping of its own. */
async function roonCore() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const received: MooMessage[] = [];
  let socket: WebSocket | null = null;
  let subscription: number | null = null;
  server.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data: Buffer) => {
      const message = decodeMoo(data)!;
      received.push(message);
      const reply = (verb: MooMessage['verb'], name: string, body?: unknown) =>
        ws.send(encodeMoo({ verb, name, requestId: message.requestId, body }));
      if (message.name === 'com.roonlabs.registry:1/info')
        reply('COMPLETE', 'Success', {
          core_id: 'core-1',
          display_name: 'Roon Core',
          display_version: '2.0',
        });
      else if (message.name === 'com.roonlabs.registry:1/register')
        reply('CONTINUE', 'Registered', {
          core_id: 'core-1',
          token: 'pairing-token-1',
          provided_services: [],
        });
      else if (message.name === 'com.roonlabs.transport:2/subscribe_zones') {
        subscription = message.requestId;
        reply('CONTINUE', 'Subscribed', { zones: [] });
      }
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/api`,
    received,
    subscribed: () => subscription !== null,
    changed(body: unknown) {
      socket!.send(encodeMoo({ verb: 'CONTINUE', name: 'Changed', requestId: subscription!, body }));
    },
    ping() {
      socket!.send(
        encodeMoo({ verb: 'REQUEST', name: 'com.roonlabs.ping:1/ping', requestId: 99, body: undefined }),
      );
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const zone = (state: string, seek: number) => ({
  zone_id: 'z1',
  display_name: 'Living Room',
  state,
  now_playing: {
    seek_position: seek,
    length: 300,
    three_line: { line1: 'Jóga', line2: 'Björk', line3: 'Homogenic' },
  },
});

beforeEach(async () => {
  clock = T0;
  services = servicesOn(storeOn(await memoryDb()), {
    config: resolveConfig({}).config,
    clock: { now: () => clock },
  });
});
afterEach(() => services.close());

describe('the Roon extension', () => {
  it('registers, keeps its pairing token, follows a zone and stores a play at half its length, once', async () => {
    const core = await roonCore();
    try {
      const userId = (await services.store.users.ensure('alice')).user.id;
      const { connection } = await services.live.add({
        userId,
        kind: 'roon',
        settings: { url: core.url },
        credentials: {},
      });
      await services.live.start();
      await until(core.subscribed);
      expect(core.received.map((m) => m.name)).toEqual([
        'com.roonlabs.registry:1/info',
        'com.roonlabs.registry:1/register',
        'com.roonlabs.transport:2/subscribe_zones',
      ]);
      await until(async () => (await services.live.get(connection.id)).credentials.includes('token'));
      await until(async () => (await services.live.get(connection.id)).status === 'ok');

      core.ping();
      await until(() => core.received.some((m) => m.requestId === 99 && m.verb === 'COMPLETE'));

      core.changed({ zones_added: [zone('playing', 0)] });
      await until(() => services.playingNow.get(userId, clock)?.track.track === 'Jóga');
      for (let seek = 5; seek <= 170; seek += 5) {
        clock = T0 + seek * 1000;
        core.changed({
          zones_seek_changed: [{ zone_id: 'z1', seek_position: seek, queue_time_remaining: 300 - seek }],
        });
      }
      const listens = () =>
        services.store.db.all<{ at: bigint; artist: string; client: string }>(
          'SELECT epoch_ms(listened_at) AS at, artist, client FROM listens',
        );
      await until(async () => (await listens()).length === 1);
      // More of the same play adds nothing.
      core.changed({ zones_seek_changed: [{ zone_id: 'z1', seek_position: 175 }] });
      core.changed({ zones_changed: [zone('paused', 175)] });
      await until(() => services.playingNow.get(userId, clock) === null);
      expect((await listens()).map((r) => ({ ...r, at: Number(r.at) }))).toEqual([
        { at: T0, artist: 'Björk', client: 'Roon (Living Room)' },
      ]);
      expect(await services.live.get(connection.id)).toMatchObject({ status: 'ok', plays: 1 });
    } finally {
      await services.live.stop();
      await core.close();
    }
  });
});
