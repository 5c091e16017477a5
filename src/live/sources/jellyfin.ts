/**
 * Jellyfin through its Webhook plugin (Dashboard → Plugins → Webhook, a "Generic Destination" with
 * the template in docs/sources.md): one JSON POST per event, with the plugin's own variable names.
 * `PlaybackStart` shows the track as playing now; `PlaybackStop` stores the play when it counts
 * (played to completion, or half the track or 4 minutes: the scrobble rule) — its start is the
 * event's time less the position reached — and clears what plays now. Only audio; with `user`
 * set, only that Jellyfin user's plays. A radio stream's "Artist - Title" is split.
 */
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { ListenDraft } from '../../domain/listen.js';
import { countsAsListen } from '../../domain/scrobble-rule.js';
import { withRadio } from '../radio-play.js';
import type { LiveSource, PushContext, PushRequest } from '../types.js';

const Settings = z.strictObject({
  user: z.string().min(1).optional().describe('only the plays of this Jellyfin user; unset: every user'),
});
type Settings = z.infer<typeof Settings>;

/** .NET ticks (100 ns) to ms. */
const TICKS_PER_MS = 10_000;
const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const num = (v: unknown) =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;

async function push(request: PushRequest, context: PushContext<Settings>) {
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(request.body) as Record<string, unknown>;
    if (!event || typeof event !== 'object') throw new Error('not an object');
  } catch {
    throw new AppError(
      'INVALID_INPUT',
      'A Jellyfin webhook is a JSON object (the template in docs/sources.md).',
    );
  }
  const type = text(event.NotificationType) ?? '';
  const itemType = text(event.ItemType);
  if (itemType !== 'Audio' && itemType !== 'AudioBook' && itemType !== 'TvChannel')
    return { plays: 0, note: `ignored: not music (${itemType ?? 'no ItemType'})` };
  const user = text(event.NotificationUsername);
  if (context.settings.user && user !== context.settings.user)
    return { plays: 0, note: `ignored: the user ${user ?? '(none)'} is not ${context.settings.user}` };
  const artist = text(event.Artist) ?? text(event.AlbumArtist);
  const track = text(event.Name);
  if (!artist || !track) throw new AppError('INVALID_INPUT', 'The Jellyfin event has no Artist or Name.');
  const durationTicks = num(event.RunTimeTicks);
  const durationMs =
    Number.isFinite(durationTicks) && durationTicks > 0 ? Math.round(durationTicks / TICKS_PER_MS) : null;
  const isStream = itemType === 'TvChannel' ? true : undefined;
  if (type === 'PlaybackStart' || type === 'PlaybackProgress') {
    const radio = withRadio(
      { listenedAt: 0, stampedEdge: 'start', precisionS: 1, artist, track, durationMs },
      isStream,
    );
    context.nowPlaying({
      artist: radio.artist,
      track: radio.track,
      release: radio.musicService ? null : text(event.Album),
      durationS: durationMs ? Math.round(durationMs / 1000) : null,
    });
    return { plays: 0, note: 'playing now' };
  }
  if (type !== 'PlaybackStop') return { plays: 0, note: `ignored: ${type || 'no NotificationType'}` };
  context.nowPlaying(null);
  const positionTicks = num(event.PlaybackPositionTicks);
  const completed =
    event.PlayedToCompletion === true ||
    event.PlayedToCompletion === 'True' ||
    event.PlayedToCompletion === 'true';
  const playedMs =
    completed && durationMs
      ? durationMs
      : Number.isFinite(positionTicks)
        ? Math.round(positionTicks / TICKS_PER_MS)
        : 0;
  if (!completed && !countsAsListen(playedMs, durationMs))
    return { plays: 0, note: 'not stored: played too little (half the track or 4 minutes)' };
  const at = Date.parse(text(event.UtcTimestamp) ?? '');
  const end = Number.isFinite(at) ? at : context.now();
  const draft: ListenDraft = {
    listenedAt: end - playedMs,
    stampedEdge: 'end',
    precisionS: 1,
    artist,
    track,
    release: text(event.Album),
    durationMs,
    playedMs,
    recordingMbid: text(event.Provider_musicbrainztrack),
    client: text(event.ClientName) ? `Jellyfin (${text(event.ClientName)})` : 'Jellyfin',
  };
  await context.store([{ draft: withRadio(draft, isStream), raw: JSON.stringify(event) }]);
  return { plays: 1, note: 'stored' };
}

export const jellyfinSource: LiveSource<Settings, Record<string, never>> = {
  kind: 'jellyfin',
  title: 'Jellyfin',
  source: 'jellyfin',
  format: 'jellyfin-webhook',
  capabilities: { poll: false, push: true, nowPlaying: true, backfill: false },
  settingsSchema: Settings,
  credentialsSchema: z.strictObject({}),
  push,
};
