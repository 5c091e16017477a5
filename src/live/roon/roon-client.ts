/**
 * A small Roon extension client of our own (Roon's node-roon-api is not in the npm registry): over
 * `ws` it registers with the core (the user enables "listenhouse" once in Roon → Settings →
 * Extensions; the pairing token is kept), subscribes to the zones and hands every zone's state to
 * `onZones`. It answers the core's pings and reconnects after a lost connection. Behind this
 * interface the rest of listenhouse never sees MOO.
 */
import WebSocket from 'ws';
import { decodeMoo, encodeMoo, type MooMessage } from './moo.js';
import type { ZoneUpdate } from './zone-scrobbler.js';

export interface RoonLink {
  close(): Promise<void>;
}

export interface RoonOptions {
  url: string;
  token: string | null;
  version: string;
  onToken(token: string): void;
  /** Registered and subscribed to the zones. */
  onConnected(): void;
  onZones(updates: ZoneUpdate[]): void;
  onError(error: Error): void;
  /** Wait before reconnecting (ms). */
  reconnectMs?: number;
}

interface RoonZone {
  zone_id?: string;
  display_name?: string;
  state?: string;
  now_playing?: {
    seek_position?: number;
    length?: number;
    three_line?: { line1?: string; line2?: string; line3?: string };
  };
}

const REGISTRY = 'com.roonlabs.registry:1';
const TRANSPORT = 'com.roonlabs.transport:2';

function toUpdate(zone: RoonZone, seek?: number): ZoneUpdate | null {
  if (!zone.zone_id) return null;
  const lines = zone.now_playing?.three_line;
  const title = lines?.line1?.trim();
  const artist = lines?.line2?.trim();
  const state =
    zone.state === 'playing' || zone.state === 'paused' || zone.state === 'loading' ? zone.state : 'stopped';
  return {
    zoneId: zone.zone_id,
    zoneName: zone.display_name ?? zone.zone_id,
    state,
    nowPlaying:
      title && artist
        ? {
            title,
            artist,
            album: lines?.line3?.trim() || null,
            lengthS: typeof zone.now_playing?.length === 'number' ? zone.now_playing.length : null,
          }
        : null,
    seekS: seek ?? zone.now_playing?.seek_position ?? null,
  };
}

export function followRoon(options: RoonOptions): RoonLink {
  let socket: WebSocket | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let token = options.token;
  const zones = new Map<string, RoonZone>();

  const send = (message: MooMessage) => socket?.send(encodeMoo(message));

  function onMessage(message: MooMessage): void {
    if (message.verb === 'REQUEST') {
      // The core's pings (and anything else it asks of us): answered, or it drops the extension.
      send({ verb: 'COMPLETE', name: 'Success', requestId: message.requestId, body: undefined });
      return;
    }
    const body = (message.body ?? {}) as Record<string, unknown>;
    if (message.requestId === 0 && message.verb === 'COMPLETE') {
      send({
        verb: 'REQUEST',
        name: `${REGISTRY}/register`,
        requestId: 1,
        body: {
          extension_id: 'org.listenhouse.scrobbler',
          display_name: 'listenhouse',
          display_version: options.version,
          publisher: 'listenhouse',
          email: '',
          website: 'https://github.com/listenhouse/listenhouse',
          required_services: [TRANSPORT],
          optional_services: [],
          provided_services: ['com.roonlabs.ping:1'],
          ...(token ? { token } : {}),
        },
      });
    } else if (message.requestId === 1 && message.name === 'Registered') {
      if (typeof body.token === 'string' && body.token !== token) {
        token = body.token;
        options.onToken(body.token);
      }
      send({
        verb: 'REQUEST',
        name: `${TRANSPORT}/subscribe_zones`,
        requestId: 2,
        body: { subscription_key: 0 },
      });
    } else if (message.requestId === 2) {
      if (message.name === 'Subscribed') options.onConnected();
      const updates: ZoneUpdate[] = [];
      for (const list of [body.zones, body.zones_added, body.zones_changed]) {
        for (const zone of (Array.isArray(list) ? list : []) as RoonZone[]) {
          if (!zone.zone_id) continue;
          zones.set(zone.zone_id, zone);
          const update = toUpdate(zone);
          if (update) updates.push(update);
        }
      }
      for (const seek of (Array.isArray(body.zones_seek_changed) ? body.zones_seek_changed : []) as {
        zone_id?: string;
        seek_position?: number;
      }[]) {
        const zone = seek.zone_id ? zones.get(seek.zone_id) : undefined;
        const update = zone ? toUpdate(zone, seek.seek_position) : null;
        if (update) updates.push(update);
      }
      for (const id of (Array.isArray(body.zones_removed) ? body.zones_removed : []) as string[])
        zones.delete(id);
      if (updates.length > 0) options.onZones(updates);
    }
  }

  function connect(): void {
    if (closed) return;
    socket = new WebSocket(options.url);
    socket.on('open', () =>
      send({ verb: 'REQUEST', name: `${REGISTRY}/info`, requestId: 0, body: undefined }),
    );
    socket.on('message', (data: Buffer) => {
      const message = decodeMoo(Buffer.isBuffer(data) ? data : Buffer.from(data));
      if (message) onMessage(message);
    });
    socket.on('error', (err: Error) =>
      options.onError(new Error(`Roon core ${options.url}: ${err.message}`)),
    );
    socket.on('close', () => {
      socket = null;
      if (!closed) timer = setTimeout(connect, options.reconnectMs ?? 10_000);
    });
  }
  connect();

  return {
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      const open = socket;
      if (!open) return;
      await new Promise<void>((resolve) => {
        open.once('close', () => resolve());
        open.close();
        setTimeout(resolve, 1000).unref();
      });
    },
  };
}
