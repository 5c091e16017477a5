/**
 * Roon: an extension that follows the zones' now playing over Roon's WebSocket API and stores a
 * play once it has played half its length or 4 minutes (formats.md §6.1). The user enables
 * "listenhouse" in Roon → Settings → Extensions once; the pairing token is stored sealed. A radio
 * stream ("Artist - Title" under the station) is split.
 */
import { z } from 'zod';
import { followRoon } from '../roon/roon-client.js';
import { ZoneScrobbler } from '../roon/zone-scrobbler.js';
import { withRadio } from '../radio-play.js';
import type { FollowContext, LiveSource } from '../types.js';

const Settings = z.strictObject({
  url: z
    .string()
    .regex(/^wss?:\/\/\S+$/, 'a ws:// address')
    .describe("the Roon core's API, e.g. ws://roon-core:9330/api"),
  zone: z.string().min(1).optional().describe('only this zone (its name); unset: every zone'),
});
const Credentials = z.strictObject({
  token: z.string().min(1).optional().describe('the pairing token (kept by itself)'),
});
type Settings = z.infer<typeof Settings>;
type Credentials = z.infer<typeof Credentials>;

function follow(context: FollowContext<Settings, Credentials>) {
  const zones = new ZoneScrobbler();
  const link = followRoon({
    url: context.settings.url,
    token: context.credentials.token ?? null,
    version: 'listenhouse',
    reconnectMs: 10_000,
    onToken: (token) => void context.saveCredentials({ token }).catch(context.failed),
    onConnected: context.connected,
    onError: context.failed,
    onZones: (updates) => {
      const now = context.now();
      for (const update of updates) {
        if (context.settings.zone && update.zoneName !== context.settings.zone) continue;
        const playing = update.state === 'playing' ? update.nowPlaying : null;
        if (playing)
          context.nowPlaying({
            artist: playing.artist,
            track: playing.title,
            release: playing.album,
            durationS: playing.lengthS,
          });
        else context.nowPlaying(null);
        const play = zones.update(update, now);
        if (!play) continue;
        const draft = withRadio({
          listenedAt: play.startedAt,
          stampedEdge: 'start',
          precisionS: 2,
          artist: play.track.artist,
          track: play.track.title,
          release: play.track.album,
          durationMs: play.track.lengthS ? play.track.lengthS * 1000 : null,
          playedMs: play.playedMs,
          client: `Roon (${play.zoneName})`,
        });
        void context.store([{ draft, raw: JSON.stringify(play) }]).catch(context.failed);
      }
    },
  });
  return { stop: () => link.close() };
}

export const roonSource: LiveSource<Settings, Credentials> = {
  kind: 'roon',
  title: 'Roon',
  source: 'roon',
  format: 'roon-extension',
  capabilities: { poll: false, push: false, nowPlaying: true, backfill: false },
  settingsSchema: Settings,
  credentialsSchema: Credentials,
  follow,
};
