/**
 * Another ListenBrainz server (the official one by default): `GET /1/user/<name>/listens?min_ts=`,
 * which answers the `count` listens right after `min_ts` (exclusive), so the newest `listened_at`
 * of a page is where the next one starts. A token is needed only for a private profile elsewhere
 * (listenhouse's own); the official server's listens are public. Now playing is mirrored from
 * `/1/user/<name>/playing-now`.
 */
import { z } from 'zod';
import { HttpFailure, parseJson } from '../../http/request.js';
import { mapListenBrainzListen } from '../../sources/listenbrainz/map-listen.js';
import type { LivePlay, LiveSource, PollContext, PollResult } from '../types.js';

const Settings = z.strictObject({
  url: z.url().default('https://api.listenbrainz.org').describe("the server's API root"),
  user: z.string().min(1).describe('the user name on that server'),
  count: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(1000)
    .describe('listens per request (ListenBrainz: at most 1000)'),
});
const Credentials = z.strictObject({
  token: z.string().min(1).optional().describe('a user token (only for a private profile)'),
});
type Settings = z.infer<typeof Settings>;
type Credentials = z.infer<typeof Credentials>;

interface Cursor {
  latest: number;
}

const endpoint = (settings: Settings, path: string) =>
  `${settings.url.replace(/\/+$/, '')}/1/user/${encodeURIComponent(settings.user)}/${path}`;

async function getJson(
  context: PollContext<Settings, Credentials>,
  url: string,
): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = context.credentials.token
    ? { authorization: `Token ${context.credentials.token}` }
    : {};
  const body = parseJson(await context.http({ url, headers }), url);
  if (!body || typeof body !== 'object')
    throw new HttpFailure('UPSTREAM_UNAVAILABLE', `${url}: not a ListenBrainz answer`, {
      status: 200,
      retryAfterMs: null,
    });
  return body as Record<string, unknown>;
}

async function mirrorNowPlaying(context: PollContext<Settings, Credentials>): Promise<void> {
  const body = await getJson(context, endpoint(context.settings, 'playing-now'));
  const listens = (body.payload as { listens?: unknown[] } | undefined)?.listens ?? [];
  const meta = (listens[0] as { track_metadata?: Record<string, unknown> } | undefined)?.track_metadata;
  const artist = typeof meta?.artist_name === 'string' ? meta.artist_name.trim() : '';
  const track = typeof meta?.track_name === 'string' ? meta.track_name.trim() : '';
  if (!artist || !track) return context.nowPlaying(null);
  const info = (meta?.additional_info ?? {}) as Record<string, unknown>;
  context.nowPlaying({
    artist,
    track,
    release: typeof meta?.release_name === 'string' ? meta.release_name : null,
    durationS: typeof info.duration === 'number' ? info.duration : null,
  });
}

async function poll(context: PollContext<Settings, Credentials>): Promise<PollResult> {
  const cursor = (context.cursor as Cursor | null) ?? { latest: 0 };
  // One second before the newest seen: listens sharing that second are not skipped (the repeat is dropped).
  const minTs = Math.max(0, cursor.latest - 1);
  const url = `${endpoint(context.settings, 'listens')}?min_ts=${minTs}&count=${context.settings.count}`;
  const body = await getJson(context, url);
  const listens = (body.payload as { listens?: unknown[] } | undefined)?.listens;
  if (!Array.isArray(listens))
    throw new HttpFailure(
      'UPSTREAM_UNAVAILABLE',
      `${endpoint(context.settings, 'listens')}: no payload.listens in the answer`,
      {
        status: 200,
        retryAfterMs: null,
      },
    );
  const plays: LivePlay[] = [];
  let latest = cursor.latest;
  for (const item of listens) {
    const outcome = mapListenBrainzListen(item);
    if (outcome.kind !== 'listen') continue;
    plays.push({ draft: outcome.listen, raw: JSON.stringify(item) });
    latest = Math.max(latest, Math.floor(outcome.listen.listenedAt / 1000));
  }
  await context.store(plays);
  await context.saveCursor({ latest } satisfies Cursor);
  // A full page: more after it. Progress only counts when the newest second moved on.
  const more = listens.length >= context.settings.count && latest > cursor.latest;
  if (!more) await mirrorNowPlaying(context);
  return { more, progress: more ? `back-fill: up to ${new Date(latest * 1000).toISOString()}` : 'caught up' };
}

export const listenbrainzSource: LiveSource<Settings, Credentials> = {
  kind: 'listenbrainz',
  title: 'ListenBrainz',
  source: 'listenbrainz',
  format: 'listenbrainz-live',
  capabilities: { poll: true, push: false, nowPlaying: true, backfill: true },
  settingsSchema: Settings,
  credentialsSchema: Credentials,
  poll,
};
