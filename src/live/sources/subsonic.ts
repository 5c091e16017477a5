/**
 * Subsonic, Navidrome, OpenSubsonic: `getNowPlaying` polled every 30 s (token authentication:
 * `t = md5(password + salt)`). What the user plays is shown as playing now; when it changes or
 * stops, the track that was playing is stored if it counts (half its length or 4 minutes, over
 * 30 s), started when it was first seen less its `minutesAgo` (minute precision). Navidrome's own
 * ListenBrainz agent, pointed at listenhouse, is more exact (docs/sources.md); both together store
 * each play once (the same play merges).
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ListenDraft } from '../../domain/listen.js';
import { md5Hex } from '../../domain/scrobble-password.js';
import { countsAsListen } from '../../domain/scrobble-rule.js';
import { HttpFailure, parseJson } from '../../http/request.js';
import { withRadio } from '../radio-play.js';
import type { LiveSource, PollContext, PollResult } from '../types.js';

const Settings = z.strictObject({
  url: z.url().describe('the server, e.g. https://music.example.org'),
  user: z.string().min(1).describe('the user name on that server'),
});
const Credentials = z.strictObject({
  password: z.string().min(1).describe('the user’s password on that server'),
});
type Settings = z.infer<typeof Settings>;
type Credentials = z.infer<typeof Credentials>;

interface Playing {
  key: string;
  artist: string;
  track: string;
  album: string | null;
  durationMs: number | null;
  mbid: string | null;
  player: string | null;
  /** Epoch ms. */
  startedAt: number;
}
interface Cursor {
  playing: Playing | null;
}

interface Entry {
  id?: unknown;
  title?: unknown;
  artist?: unknown;
  album?: unknown;
  duration?: unknown;
  username?: unknown;
  minutesAgo?: unknown;
  playerName?: unknown;
  musicBrainzId?: unknown;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

async function nowPlayingEntry(context: PollContext<Settings, Credentials>): Promise<Entry | null> {
  const salt = randomBytes(8).toString('hex');
  const url = new URL(`${context.settings.url.replace(/\/+$/, '')}/rest/getNowPlaying.view`);
  const params = {
    u: context.settings.user,
    t: md5Hex(context.credentials.password + salt),
    s: salt,
    v: '1.16.1',
    c: 'listenhouse',
    f: 'json',
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  const answer = await context.http({ url: url.toString() });
  const body = (parseJson(answer, url.toString()) as { 'subsonic-response'?: Record<string, unknown> })[
    'subsonic-response'
  ];
  if (!body)
    throw new HttpFailure('UPSTREAM_UNAVAILABLE', 'not a Subsonic answer (no subsonic-response)', {
      status: answer.status,
      retryAfterMs: null,
    });
  if (body.status !== 'ok') {
    const error = (body.error ?? {}) as { code?: unknown; message?: unknown };
    const code =
      error.code === 40 || error.code === 41 || error.code === 50 ? 'UNAUTHORIZED' : 'UPSTREAM_UNAVAILABLE';
    throw new HttpFailure(
      code,
      `Subsonic error ${String(error.code)}: ${text(error.message) ?? 'no message'}`,
      {
        status: answer.status,
        retryAfterMs: null,
      },
    );
  }
  const entries = ((body.nowPlaying as { entry?: Entry[] } | undefined)?.entry ?? []).filter(
    (e) => text(e.username)?.toLowerCase() === context.settings.user.toLowerCase(),
  );
  entries.sort((a, b) => Number(a.minutesAgo ?? 0) - Number(b.minutesAgo ?? 0));
  return entries[0] ?? null;
}

async function poll(context: PollContext<Settings, Credentials>): Promise<PollResult> {
  const cursor = (context.cursor as Cursor | null) ?? { playing: null };
  const entry = await nowPlayingEntry(context);
  const now = context.now();
  const artist = text(entry?.artist);
  const track = text(entry?.title);
  const key = entry && artist && track ? `${text(entry.id) ?? ''}|${artist}|${track}` : null;
  const previous = cursor.playing;
  if (previous && previous.key !== key) {
    const playedMs = Math.min(previous.durationMs ?? Infinity, now - previous.startedAt);
    if (countsAsListen(playedMs, previous.durationMs)) {
      const draft: ListenDraft = {
        listenedAt: previous.startedAt,
        stampedEdge: 'start',
        precisionS: 60,
        artist: previous.artist,
        track: previous.track,
        release: previous.album,
        durationMs: previous.durationMs,
        playedMs,
        recordingMbid: previous.mbid,
        client: previous.player ? `Subsonic (${previous.player})` : 'Subsonic',
      };
      await context.store([{ draft: withRadio(draft), raw: JSON.stringify(previous) }]);
    }
  }
  let playing: Playing | null = null;
  if (key && artist && track && entry) {
    const duration = Number(entry.duration);
    playing =
      previous?.key === key
        ? previous
        : {
            key,
            artist,
            track,
            album: text(entry.album),
            durationMs: Number.isFinite(duration) && duration > 0 ? duration * 1000 : null,
            mbid: text(entry.musicBrainzId),
            player: text(entry.playerName),
            startedAt: now - Math.max(0, Number(entry.minutesAgo) || 0) * 60_000,
          };
    context.nowPlaying({
      artist,
      track,
      release: playing.album,
      durationS: playing.durationMs ? playing.durationMs / 1000 : null,
    });
  } else {
    context.nowPlaying(null);
  }
  await context.saveCursor({ playing } satisfies Cursor);
  return {
    more: false,
    progress: playing ? `playing ${playing.artist} – ${playing.track}` : 'nothing playing',
  };
}

export const subsonicSource: LiveSource<Settings, Credentials> = {
  kind: 'subsonic',
  title: 'Subsonic / Navidrome',
  source: 'subsonic',
  format: 'subsonic-now-playing',
  capabilities: { poll: true, push: false, nowPlaying: true, backfill: false },
  settingsSchema: Settings,
  credentialsSchema: Credentials,
  pollEveryMs: 30_000,
  poll,
};
