/**
 * Local HTTP servers that answer in the real services' shapes, for the live sources' tests:
 * Last.fm's user.getRecentTracks (JSON, paging, from/to, the now-playing track on page 1, a lone
 * track as an object) and ListenBrainz's /1/user/NAME/listens (min_ts exclusive, the `count` listens
 * right after it, newest first) and /playing-now. `failNext` makes the next requests fail as the
 * services do when busy: 429 with Retry-After, 5xx.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Failure {
  status: number;
  retryAfter?: string;
  body?: string;
}

export interface FixtureServer {
  url: string;
  /** Every request's path and query, in order. */
  requests: string[];
  failNext(...failures: Failure[]): void;
  close(): Promise<void>;
}

async function serve(
  handle: (url: URL, request: IncomingMessage, response: ServerResponse) => void,
): Promise<FixtureServer> {
  const requests: string[] = [];
  const failures: Failure[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    requests.push(`${url.pathname}${url.search}`);
    const failure = failures.shift();
    if (failure) {
      response.writeHead(failure.status, {
        'content-type': 'application/json',
        ...(failure.retryAfter ? { 'retry-after': failure.retryAfter } : {}),
      });
      response.end(failure.body ?? JSON.stringify({ error: failure.status, message: 'fixture failure' }));
      return;
    }
    handle(url, request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (...more) => failures.push(...more),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

export interface Scrobble {
  artist: string;
  track: string;
  album: string;
  /** Unix seconds: the play's start. */
  uts: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function dateText(uts: number): string {
  const d = new Date(uts * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

function lastfmTrack(s: Omit<Scrobble, 'uts'> & { uts?: number }) {
  return {
    artist: { mbid: '', '#text': s.artist },
    streamable: '0',
    image: ['small', 'medium', 'large', 'extralarge'].map((size) => ({ size, '#text': '' })),
    mbid: '',
    album: { mbid: '', '#text': s.album },
    name: s.track,
    url: `https://www.last.fm/music/${encodeURIComponent(s.artist)}/_/${encodeURIComponent(s.track)}`,
    ...(s.uts === undefined
      ? { '@attr': { nowplaying: 'true' } }
      : { date: { uts: String(s.uts), '#text': dateText(s.uts) } }),
  };
}

/** Last.fm's API root (`/2.0/`) for one user and API key. */
export async function lastfmServer(options: {
  user: string;
  apiKey: string;
  scrobbles: Scrobble[];
  nowPlaying?: Omit<Scrobble, 'uts'> | null;
}): Promise<FixtureServer & { state: typeof options }> {
  const state = options;
  const server = await serve((url, _request, response) => {
    const q = url.searchParams;
    if (url.pathname !== '/2.0/' || q.get('method')?.toLowerCase() !== 'user.getrecenttracks')
      return json(response, 400, {
        error: 3,
        message: 'Invalid Method - No method with that name in this package',
      });
    if (q.get('api_key') !== state.apiKey)
      return json(response, 403, {
        error: 10,
        message: 'Invalid API key - You must be granted a valid key by last.fm',
      });
    if (q.get('user')?.toLowerCase() !== state.user.toLowerCase())
      return json(response, 404, { error: 6, message: 'User not found' });
    const limit = Math.min(200, Number(q.get('limit') ?? 50));
    const page = Number(q.get('page') ?? 1);
    const from = q.get('from') === null ? -Infinity : Number(q.get('from'));
    const to = q.get('to') === null ? Infinity : Number(q.get('to'));
    const inRange = state.scrobbles.filter((s) => s.uts >= from && s.uts <= to).sort((a, b) => b.uts - a.uts);
    const tracks: unknown[] = inRange.slice((page - 1) * limit, page * limit).map(lastfmTrack);
    if (page === 1 && q.get('to') === null && state.nowPlaying) tracks.unshift(lastfmTrack(state.nowPlaying));
    json(response, 200, {
      recenttracks: {
        track: tracks.length === 1 ? tracks[0] : tracks,
        '@attr': {
          user: state.user,
          page: String(page),
          perPage: String(limit),
          totalPages: String(Math.ceil(inRange.length / limit)),
          total: String(inRange.length),
        },
      },
    });
  });
  return Object.assign(server, { state });
}

export interface LbListen {
  listened_at: number;
  track_metadata: {
    artist_name: string;
    track_name: string;
    release_name?: string;
    additional_info?: Record<string, unknown>;
  };
}

/** A ListenBrainz server's API root for one user. */
export async function listenbrainzServer(options: {
  user: string;
  listens: LbListen[];
  playingNow?: LbListen['track_metadata'] | null;
}): Promise<FixtureServer & { state: typeof options }> {
  const state = options;
  const server = await serve((url, _request, response) => {
    const match = /^\/1\/user\/([^/]+)\/(listens|playing-now)$/.exec(url.pathname);
    if (!match || decodeURIComponent(match[1]!) !== state.user)
      return json(response, 404, { code: 404, error: 'Cannot find user' });
    if (match[2] === 'playing-now') {
      const listens = state.playingNow ? [{ track_metadata: state.playingNow, playing_now: true }] : [];
      return json(response, 200, {
        payload: { count: listens.length, listens, playing_now: true, user_id: state.user },
      });
    }
    const min = Number(url.searchParams.get('min_ts') ?? 0);
    const count = Math.min(1000, Number(url.searchParams.get('count') ?? 25));
    const after = state.listens
      .filter((l) => l.listened_at > min)
      .sort((a, b) => a.listened_at - b.listened_at)
      .slice(0, count)
      .reverse();
    json(response, 200, {
      payload: {
        count: after.length,
        listens: after.map((l) => ({
          ...l,
          user_name: state.user,
          recording_msid: '00000000-0000-0000-0000-000000000000',
        })),
        user_id: state.user,
        latest_listen_ts: Math.max(0, ...state.listens.map((l) => l.listened_at)),
        oldest_listen_ts: Math.min(...state.listens.map((l) => l.listened_at)),
      },
    });
  });
  return Object.assign(server, { state });
}

/** Spotify: the accounts service (/api/token) and the Web API's recently played, in one server. */
export async function spotifyServer(options: {
  clientId: string;
  clientSecret: string;
  code: string;
  items: Record<string, unknown>[];
}): Promise<
  FixtureServer & {
    state: { items: Record<string, unknown>[]; valid: Set<string>; refreshes: number; revoke(): void };
  }
> {
  let issued = 0;
  const state = {
    items: options.items,
    valid: new Set<string>(),
    refreshTokens: new Set<string>(),
    refreshes: 0,
    revoke() {
      this.valid.clear();
    },
  };
  const server = await serve((url, request, response) => {
    if (url.pathname === '/api/token') {
      let body = '';
      request.on('data', (d: Buffer) => (body += d.toString()));
      request.on('end', () => {
        const form = new URLSearchParams(body);
        const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64');
        if (request.headers.authorization !== `Basic ${basic}`)
          return json(response, 400, { error: 'invalid_client' });
        const grant = form.get('grant_type');
        const ok =
          (grant === 'authorization_code' && form.get('code') === options.code) ||
          (grant === 'refresh_token' && state.refreshTokens.has(form.get('refresh_token') ?? ''));
        if (!ok)
          return json(response, 400, {
            error: 'invalid_grant',
            error_description: 'Invalid authorization code',
          });
        if (grant === 'refresh_token') state.refreshes++;
        issued++;
        const access = `access-${issued}`;
        state.valid.add(access);
        const refresh = `refresh-${issued}`;
        state.refreshTokens.add(refresh);
        json(response, 200, {
          access_token: access,
          token_type: 'Bearer',
          expires_in: 3600,
          scope: 'user-read-recently-played',
          ...(grant === 'authorization_code' ? { refresh_token: refresh } : {}),
        });
      });
      return;
    }
    if (url.pathname !== '/v1/me/player/recently-played')
      return json(response, 404, { error: { status: 404, message: 'Service not found' } });
    const auth = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    if (!state.valid.has(auth))
      return json(response, 401, { error: { status: 401, message: 'The access token expired' } });
    const after = Number(url.searchParams.get('after') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const items = state.items
      .filter((i) => Date.parse(String(i.played_at)) > after)
      .sort((a, b) => Date.parse(String(b.played_at)) - Date.parse(String(a.played_at)))
      .slice(0, limit);
    json(response, 200, { items, next: null, cursors: null, limit, href: url.toString() });
  });
  return Object.assign(server, { state });
}

/** A Subsonic server's getNowPlaying (JSON), with token authentication checked (t = md5(password + s)). */
export async function subsonicServer(options: {
  user: string;
  password: string;
  playing: Record<string, unknown>[];
}): Promise<FixtureServer & { state: { playing: Record<string, unknown>[] } }> {
  const { createHash } = await import('node:crypto');
  const state = { playing: options.playing };
  const server = await serve((url, _request, response) => {
    const q = url.searchParams;
    const expected = createHash('md5')
      .update(options.password + (q.get('s') ?? ''))
      .digest('hex');
    const wrap = (body: Record<string, unknown>) =>
      json(response, 200, { 'subsonic-response': { version: '1.16.1', type: 'navidrome', ...body } });
    if (!/^\/rest\/getNowPlaying(\.view)?$/.test(url.pathname))
      return wrap({ status: 'failed', error: { code: 0, message: 'unknown' } });
    if (q.get('u') !== options.user || q.get('t') !== expected)
      return wrap({ status: 'failed', error: { code: 40, message: 'Wrong username or password' } });
    wrap({ status: 'ok', nowPlaying: state.playing.length ? { entry: state.playing } : {} });
  });
  return Object.assign(server, { state });
}
