/**
 * Spotify's recently played (`GET /me/player/recently-played`, the last 50 plays) with the OAuth
 * authorization-code flow: connect with the app's client id and secret and either the `code` the
 * authorization page gave (exchanged on the first poll) or a `refreshToken`. The access token is
 * refreshed when it expires or a request answers 401, and the new tokens are stored sealed again.
 * `played_at` is treated as the **end** of the play (reference formats.md: documented as play time,
 * behaves like the end), so the start is `played_at − duration_ms`, end-stamped: Spotify's history
 * export of the same plays (start = `ts − ms_played`) merges with it. Spotify lists a play here only
 * after 30 s of it (its own rule): shorter plays never arrive.
 */
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { HttpFailure, parseJson } from '../../http/request.js';
import type { LivePlay, LiveSource, PollContext, PollResult } from '../types.js';

const Settings = z.strictObject({
  url: z.url().default('https://api.spotify.com/v1').describe("Spotify's Web API"),
  accountsUrl: z
    .url()
    .default('https://accounts.spotify.com')
    .describe("Spotify's accounts service (tokens)"),
  clientId: z.string().min(1).describe('your Spotify app’s client id (developer.spotify.com)'),
  redirectUri: z
    .string()
    .min(1)
    .optional()
    .describe('the redirect URI the authorization used (needed to exchange a code)'),
});
const Credentials = z
  .strictObject({
    clientSecret: z.string().min(1).describe('your Spotify app’s client secret'),
    code: z
      .string()
      .min(1)
      .optional()
      .describe('the code from the authorization page (exchanged on the first poll)'),
    refreshToken: z.string().min(1).optional(),
    accessToken: z.string().min(1).optional(),
    /** Epoch ms. */
    expiresAt: z.number().optional(),
  })
  .refine((c) => c.code !== undefined || c.refreshToken !== undefined, {
    message: 'give code (from the authorization page) or refreshToken',
  });
type Settings = z.infer<typeof Settings>;
type Credentials = z.infer<typeof Credentials>;

interface Cursor {
  /** Epoch ms of the newest `played_at` seen: the next request asks for plays after it. */
  after: number;
}

type Context = PollContext<Settings, Credentials>;

/** The authorization page a user opens to connect (scope: user-read-recently-played). */
export function spotifyAuthorizeUrl(settings: {
  accountsUrl?: string;
  clientId: string;
  redirectUri: string;
}): string {
  const url = new URL('/authorize', settings.accountsUrl ?? 'https://accounts.spotify.com');
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', settings.redirectUri);
  url.searchParams.set('scope', 'user-read-recently-played user-read-currently-playing');
  return url.toString();
}

async function token(context: Context, credentials: Credentials, force: boolean): Promise<Credentials> {
  const fresh =
    credentials.accessToken && credentials.expiresAt && credentials.expiresAt > context.now() + 60_000;
  if (fresh && !force) return credentials;
  const form = new URLSearchParams();
  if (credentials.refreshToken) {
    form.set('grant_type', 'refresh_token');
    form.set('refresh_token', credentials.refreshToken);
  } else {
    if (!context.settings.redirectUri)
      throw new AppError('INVALID_INPUT', 'settings.redirectUri: needed to exchange the authorization code');
    form.set('grant_type', 'authorization_code');
    form.set('code', credentials.code!);
    form.set('redirect_uri', context.settings.redirectUri);
  }
  const url = `${context.settings.accountsUrl.replace(/\/+$/, '')}/api/token`;
  const basic = Buffer.from(`${context.settings.clientId}:${credentials.clientSecret}`).toString('base64');
  let answer;
  try {
    answer = await context.http({
      url,
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
  } catch (err) {
    if (err instanceof HttpFailure && err.status === 400)
      throw new HttpFailure(
        'UNAUTHORIZED',
        'Spotify refused the authorization (HTTP 400): connect again with a new code',
        {
          status: 400,
          retryAfterMs: null,
        },
      );
    throw err;
  }
  const body = parseJson(answer, url) as {
    access_token?: unknown;
    refresh_token?: unknown;
    expires_in?: unknown;
  };
  if (typeof body.access_token !== 'string')
    throw new HttpFailure('UPSTREAM_UNAVAILABLE', 'Spotify answered no access_token', {
      status: answer.status,
      retryAfterMs: null,
    });
  const next: Credentials = {
    clientSecret: credentials.clientSecret,
    // A refresh may or may not rotate the refresh token; a code is used once.
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : credentials.refreshToken,
    accessToken: body.access_token,
    expiresAt: context.now() + (typeof body.expires_in === 'number' ? body.expires_in : 3600) * 1000,
  };
  await context.saveCredentials(next);
  return next;
}

interface SpotifyItem {
  played_at?: unknown;
  track?: {
    name?: unknown;
    duration_ms?: unknown;
    uri?: unknown;
    artists?: { name?: unknown }[];
    album?: { name?: unknown; artists?: { name?: unknown }[] };
    external_ids?: { isrc?: unknown };
    type?: unknown;
  };
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** One recently-played item as a play; null for what is not a track. Exported for its tests. */
export function spotifyPlay(item: SpotifyItem): LivePlay | null {
  const track = item.track;
  const end = Date.parse(text(item.played_at) ?? '');
  const name = text(track?.name);
  const artists = (track?.artists ?? []).map((a) => text(a.name)).filter((a): a is string => a !== null);
  if (!track || !name || artists.length === 0 || !Number.isFinite(end)) return null;
  const duration = typeof track.duration_ms === 'number' && track.duration_ms > 0 ? track.duration_ms : null;
  return {
    draft: {
      listenedAt: end - (duration ?? 0),
      stampedEdge: 'end',
      precisionS: 1,
      artist: artists.join(', '),
      track: name,
      release: text(track.album?.name),
      releaseArtist: text(track.album?.artists?.[0]?.name),
      durationMs: duration,
      playedMs: duration,
      isrc: text(track.external_ids?.isrc),
      spotifyUri: text(track.uri),
      musicService: 'spotify.com',
    },
    raw: JSON.stringify(item),
  };
}

async function poll(context: Context): Promise<PollResult> {
  const cursor = (context.cursor as Cursor | null) ?? { after: 0 };
  let credentials = await token(context, context.credentials, false);
  const url = `${context.settings.url.replace(/\/+$/, '')}/me/player/recently-played?limit=50${cursor.after > 0 ? `&after=${cursor.after}` : ''}`;
  const get = (c: Credentials) =>
    context.http({ url, headers: { authorization: `Bearer ${c.accessToken}` } });
  let answer;
  try {
    answer = await get(credentials);
  } catch (err) {
    if (!(err instanceof HttpFailure) || err.status !== 401) throw err;
    // Expired or revoked early: one refresh, one more try.
    credentials = await token(context, credentials, true);
    answer = await get(credentials);
  }
  const body = parseJson(answer, url) as { items?: SpotifyItem[] };
  const plays: LivePlay[] = [];
  let after = cursor.after;
  for (const item of body.items ?? []) {
    const play = spotifyPlay(item);
    if (!play) continue;
    plays.push(play);
    after = Math.max(after, Date.parse(String(item.played_at)));
  }
  await context.store(plays);
  await context.saveCursor({ after } satisfies Cursor);
  return { more: false, progress: 'caught up (Spotify keeps the last 50 plays)' };
}

export const spotifySource: LiveSource<Settings, Credentials> = {
  kind: 'spotify',
  title: 'Spotify',
  source: 'spotify',
  format: 'spotify-live',
  capabilities: { poll: true, push: false, nowPlaying: false, backfill: false },
  settingsSchema: Settings,
  credentialsSchema: Credentials,
  poll,
};
