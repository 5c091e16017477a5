/**
 * Last.fm: `user.getRecentTracks` with an API key and the user's Last.fm name. First a back-fill,
 * oldest page first under a fixed `to` (so pages do not shift while new scrobbles arrive), the
 * page saved in the cursor after each committed page (a restart resumes there); then incremental
 * polls from the newest play seen. The now-playing track on page 1 is mirrored.
 */
import { z } from 'zod';
import { HttpFailure } from '../../http/request.js';
import { parseJson } from '../../http/request.js';
import { mapRecentTrack } from '../../sources/lastfm/map-scrobble.js';
import type { LivePlay, LiveSource, PollContext, PollResult } from '../types.js';

const PAGE_SIZE = 200;

const Settings = z.strictObject({
  url: z.url().default('https://ws.audioscrobbler.com/2.0/').describe("Last.fm's API root (or Libre.fm's)"),
  user: z.string().min(1).describe('the Last.fm user name'),
});
const Credentials = z.strictObject({ apiKey: z.string().min(1).describe('a Last.fm API key') });
type Settings = z.infer<typeof Settings>;
type Credentials = z.infer<typeof Credentials>;

type Cursor =
  | { phase: 'backfill'; to: number; page: number; pages: number; latest: number }
  | { phase: 'incremental'; latest: number };

interface RecentPage {
  tracks: unknown[];
  totalPages: number;
}

/** Last.fm's error codes as failures the schedule understands. */
function lastfmFailure(body: { error: number; message?: string }, status: number): HttpFailure {
  const text = `Last.fm error ${body.error}: ${body.message ?? 'no message'}`;
  const code =
    body.error === 29
      ? 'RATE_LIMITED'
      : body.error === 10 || body.error === 26 || body.error === 4 || body.error === 9
        ? 'UNAUTHORIZED'
        : body.error === 6
          ? 'NOT_FOUND'
          : 'UPSTREAM_UNAVAILABLE';
  return new HttpFailure(code, text, { status, retryAfterMs: null });
}

async function fetchPage(
  context: PollContext<Settings, Credentials>,
  query: Record<string, string>,
): Promise<RecentPage> {
  const url = new URL(context.settings.url);
  const params = {
    method: 'user.getrecenttracks',
    user: context.settings.user,
    api_key: context.credentials.apiKey,
    format: 'json',
    limit: String(PAGE_SIZE),
    ...query,
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  const answer = await context.http({ url: url.toString() });
  const body = parseJson(answer, url.toString()) as Record<string, unknown>;
  if (typeof body.error === 'number')
    throw lastfmFailure(body as { error: number; message?: string }, answer.status);
  const recent = body.recenttracks as { track?: unknown; '@attr'?: { totalPages?: unknown } } | undefined;
  if (!recent)
    throw new HttpFailure('UPSTREAM_UNAVAILABLE', 'Last.fm answered without recenttracks', {
      status: answer.status,
      retryAfterMs: null,
    });
  const track = recent.track;
  // A lone track is an object, not a one-element array.
  const tracks = Array.isArray(track) ? track : track === undefined ? [] : [track];
  return { tracks, totalPages: Number(recent['@attr']?.totalPages ?? 0) || 0 };
}

function playsOf(tracks: unknown[]): { plays: LivePlay[]; latest: number } {
  const plays: LivePlay[] = [];
  let latest = 0;
  for (const track of tracks) {
    const outcome = mapRecentTrack(track);
    if (outcome.kind !== 'listen') continue;
    plays.push({ draft: outcome.listen, raw: JSON.stringify(track) });
    latest = Math.max(latest, Math.floor(outcome.listen.listenedAt / 1000));
  }
  return { plays, latest };
}

function mirrorNowPlaying(context: PollContext<Settings, Credentials>, tracks: unknown[]): void {
  const first = tracks[0] as
    { '@attr'?: { nowplaying?: unknown }; name?: unknown; artist?: unknown; album?: unknown } | undefined;
  const playing = first?.['@attr']?.nowplaying === 'true' || first?.['@attr']?.nowplaying === true;
  if (!playing) return context.nowPlaying(null);
  const name = (v: unknown): string => {
    if (typeof v === 'string') return v;
    if (!v || typeof v !== 'object') return '';
    const text = (v as Record<string, unknown>)['#text'] ?? (v as Record<string, unknown>).name;
    return typeof text === 'string' ? text : '';
  };
  const artist = name(first.artist).trim();
  const track = name(first.name).trim();
  if (!artist || !track) return context.nowPlaying(null);
  context.nowPlaying({ artist, track, release: name(first.album).trim() || null, durationS: null });
}

async function poll(context: PollContext<Settings, Credentials>): Promise<PollResult> {
  const cursor = context.cursor as Cursor | null;
  if (cursor === null) {
    const to = Math.floor(context.now() / 1000);
    const first = await fetchPage(context, { page: '1', to: String(to) });
    const next: Cursor =
      first.totalPages === 0
        ? { phase: 'incremental', latest: to }
        : { phase: 'backfill', to, page: first.totalPages, pages: first.totalPages, latest: 0 };
    await context.saveCursor(next);
    return {
      more: true,
      progress: next.phase === 'backfill' ? `back-fill: 0 of ${next.pages} pages` : 'caught up',
    };
  }
  if (cursor.phase === 'backfill') {
    const page = await fetchPage(context, { page: String(cursor.page), to: String(cursor.to) });
    const { plays, latest } = playsOf(page.tracks);
    await context.store(plays);
    const done = cursor.pages - cursor.page + 1;
    const next: Cursor =
      cursor.page <= 1
        ? { phase: 'incremental', latest: Math.max(cursor.latest, latest, cursor.to) }
        : { ...cursor, page: cursor.page - 1, latest: Math.max(cursor.latest, latest) };
    await context.saveCursor(next);
    return {
      more: true,
      progress: next.phase === 'backfill' ? `back-fill: ${done} of ${cursor.pages} pages` : 'caught up',
    };
  }
  // Incremental: every page after the newest play seen (from is inclusive: the write path drops the repeat).
  const from = String(cursor.latest);
  const first = await fetchPage(context, { page: '1', from });
  mirrorNowPlaying(context, first.tracks);
  let { plays, latest } = playsOf(first.tracks);
  for (let page = 2; page <= first.totalPages; page++) {
    const more = playsOf((await fetchPage(context, { page: String(page), from })).tracks);
    plays = plays.concat(more.plays);
    latest = Math.max(latest, more.latest);
  }
  await context.store(plays);
  await context.saveCursor({ phase: 'incremental', latest: Math.max(cursor.latest, latest) });
  return { more: false, progress: 'caught up' };
}

export const lastfmSource: LiveSource<Settings, Credentials> = {
  kind: 'lastfm',
  title: 'Last.fm',
  source: 'lastfm',
  format: 'lastfm-live',
  capabilities: { poll: true, push: false, nowPlaying: true, backfill: true },
  settingsSchema: Settings,
  credentialsSchema: Credentials,
  poll,
};
