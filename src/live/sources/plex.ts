/**
 * Plex webhooks (Plex Pass: Settings → Webhooks): a multipart POST whose `payload` field is the event
 * as JSON. `media.play`/`media.resume` show the track as playing now, `media.pause`/`media.stop`
 * clear it, and `media.scrobble` — which Plex sends once 90 % of the track is played — stores the
 * play. Its start is when this server saw it start playing, else the scrobble's time less 90 % of
 * the length (an end-stamped play, merged with the tolerance of one). Only music (`type: track`);
 * with `account` set, only that Plex account's plays.
 */
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { ListenDraft } from '../../domain/listen.js';
import { withRadio } from '../radio-play.js';
import type { LiveSource, PushContext, PushRequest } from '../types.js';

const Settings = z.strictObject({
  account: z
    .string()
    .min(1)
    .optional()
    .describe('only the plays of this Plex account (its title); unset: every account of the server'),
});
type Settings = z.infer<typeof Settings>;

interface PlexEvent {
  event?: unknown;
  Account?: { title?: unknown };
  Player?: { title?: unknown };
  Metadata?: {
    type?: unknown;
    title?: unknown;
    grandparentTitle?: unknown;
    originalTitle?: unknown;
    parentTitle?: unknown;
    duration?: unknown;
    index?: unknown;
    Guid?: { id?: unknown }[];
  };
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

function readEvent(request: PushRequest): PlexEvent {
  const raw = request.fields.payload ?? request.body;
  try {
    const event = JSON.parse(raw) as unknown;
    if (event && typeof event === 'object') return event;
  } catch {
    // answered below
  }
  throw new AppError(
    'INVALID_INPUT',
    'A Plex webhook is a multipart POST with a "payload" field holding the event as JSON.',
  );
}

async function push(request: PushRequest, context: PushContext<Settings>) {
  const event = readEvent(request);
  const kind = text(event.event) ?? '';
  const meta = event.Metadata ?? {};
  const account = text(event.Account?.title);
  if (text(meta.type) !== 'track')
    return { plays: 0, note: `ignored: not music (${text(meta.type) ?? 'no type'})` };
  if (context.settings.account && account !== context.settings.account)
    return {
      plays: 0,
      note: `ignored: the account ${account ?? '(none)'} is not ${context.settings.account}`,
    };
  const artist = text(meta.originalTitle) ?? text(meta.grandparentTitle);
  const track = text(meta.title);
  if (!artist || !track)
    throw new AppError('INVALID_INPUT', 'The Plex event has no artist or title in Metadata.');
  const durationMs = typeof meta.duration === 'number' && meta.duration > 0 ? meta.duration : null;
  const key = `${account ?? ''}|${artist}|${track}`;
  const now = context.now();
  // When each track started (per account and track), so the scrobble knows its start.
  const started = context.memory;
  switch (kind) {
    case 'media.play':
    case 'media.resume':
      if (kind === 'media.play') {
        started.set(key, now);
        // A bounded memory: the oldest starts go first.
        if (started.size > 1000) started.delete(started.keys().next().value!);
      }
      context.nowPlaying({
        artist,
        track,
        release: text(meta.parentTitle),
        durationS: durationMs ? Math.round(durationMs / 1000) : null,
      });
      return { plays: 0, note: 'playing now' };
    case 'media.pause':
    case 'media.stop':
      context.nowPlaying(null);
      return { plays: 0, note: 'stopped' };
    case 'media.scrobble': {
      // Kept (not deleted): Plex may send the same scrobble again, which must find the same start.
      const start = started.get(key);
      const mbid = (meta.Guid ?? [])
        .map((g) => text(g.id))
        .map((id) => /^mbid:\/\/([0-9a-f-]{36})$/i.exec(id ?? '')?.[1] ?? null)
        .find((id) => id !== null);
      const playedMs = durationMs ? Math.round(durationMs * 0.9) : null;
      const draft: ListenDraft = {
        listenedAt: start ?? now - (playedMs ?? 0),
        stampedEdge: start === undefined ? 'end' : 'start',
        precisionS: 1,
        artist,
        track,
        release: text(meta.parentTitle),
        releaseArtist: text(meta.grandparentTitle),
        durationMs,
        playedMs,
        recordingMbid: mbid ?? null,
        client: text(event.Player?.title) ? `Plex (${text(event.Player?.title)})` : 'Plex',
      };
      await context.store([{ draft: withRadio(draft), raw: JSON.stringify(event) }]);
      return { plays: 1, note: 'stored' };
    }
    default:
      return { plays: 0, note: `ignored: ${kind || 'no event'}` };
  }
}

export const plexSource: LiveSource<Settings, Record<string, never>> = {
  kind: 'plex',
  title: 'Plex',
  source: 'plex',
  format: 'plex-webhook',
  capabilities: { poll: false, push: true, nowPlaying: true, backfill: false },
  settingsSchema: Settings,
  credentialsSchema: z.strictObject({}),
  push,
};
