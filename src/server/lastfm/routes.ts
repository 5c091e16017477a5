/**
 * The Audioscrobbler 2.0 subset that Last.fm-only clients (Pano Scrobbler, foobar, …) need, at
 * `/2.0/`: auth.getMobileSession, track.updateNowPlaying, track.scrobble, user.getInfo,
 * user.getRecentTracks. See docs/lastfm-api.md.
 *
 * Authentication: listenhouse has no passwords. auth.getMobileSession takes the user's listenhouse
 * token (`listenhouse users add` / `users token`) as the password and answers with a new token
 * labelled 'lastfm-session' as the session key, so `sk` is checked like any token and revoked with it.
 *
 * Signatures: any api_key is accepted. The shared secret is one server setting,
 * lastfm.secret (LISTENHOUSE_LASTFM_SECRET, see docs/configuration.md). When it is unset, api_sig is not checked (as
 * multi-scrobbler's endpoint does) and authentication rests on the token/session key alone; when it
 * is set, a missing or wrong api_sig fails with error 13.
 *
 * HTTP statuses follow real Last.fm, since some clients branch on them before reading the body:
 * 400 for bad parameters or method (3, 6), 404 for an unknown user (6), 403 for authentication,
 * privacy and signature errors (4, 9, 10, 13, 17), 503 for temporary failures (11, 16) so clients
 * retry. Clients read the error code either way.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ListenSubmitter } from '../../ingest/submit-service.js';
import type { Store } from '../../store/index.js';
import type { User } from '../../domain/user.js';
import { LastfmError, missing } from './errors.js';
import { failedXml, okXml, type LfmObject } from './render.js';
import { readScrobbles, toScrobbleItem, FUTURE_TOLERANCE_MS, type ScrobbleItem } from './scrobbles.js';
import { isValidSignature } from './signature.js';
import { userMethods, type RequestContext } from './user-methods.js';
import type { PlayingNowBoard } from '../../ingest/now-playing.js';
import type { SecretBox } from '../../domain/secret-box.js';
import { isAuthTokenFor, isScrobblePassword } from '../../domain/scrobble-password.js';

export interface LastfmDeps {
  store: Store;
  submitter: ListenSubmitter;
  now: () => number;
  /** Shared secret for api_sig (config lastfm.secret, LISTENHOUSE_LASTFM_SECRET); null or '' disables checks. */
  secret?: string | null;
  /** The one now-playing board, shared with the ListenBrainz API and the live sources. */
  playingNow: PlayingNowBoard;
  /** Opens the sealed scrobbling passwords (the credentials key). */
  credentials: () => SecretBox;
}

const SESSION_LABEL = 'lastfm-session';

const HTTP_STATUS: Record<number, number> = {
  3: 400,
  6: 400,
  4: 403,
  9: 403,
  10: 403,
  13: 403,
  17: 403,
  11: 503,
  16: 503,
};

/** Request parameters: the query string, then the form body (which wins), names case-sensitive. */
function readParams(request: FastifyRequest): Map<string, string> {
  const params = new Map<string, string>();
  const question = request.url.indexOf('?');
  const sources = [question >= 0 ? request.url.slice(question + 1) : ''];
  if (request.method === 'POST' && typeof request.body === 'string') sources.push(request.body);
  for (const source of sources) {
    for (const [name, value] of new URLSearchParams(source)) params.set(name, value);
  }
  return params;
}

function wantsJson(request: FastifyRequest, params: Map<string, string>): boolean {
  const format = params.get('format');
  if (format !== undefined) return format === 'json';
  return (request.headers.accept ?? '').includes('application/json');
}

const text = (value: string | null | undefined): LfmObject => ({ corrected: '0', '#text': value ?? '' });

function scrobbleBody(item: ScrobbleItem): LfmObject {
  return {
    track: text(item.params.track),
    artist: text(item.params.artist),
    album: text(item.params.album),
    albumArtist: text(item.params.albumArtist),
    timestamp: item.params.timestamp ?? '',
    ignoredMessage: { code: String(item.ignored?.code ?? 0), '#text': item.ignored?.message ?? '' },
  };
}

export function registerLastfmRoutes(app: FastifyInstance, deps: LastfmDeps): void {
  const { store, submitter } = deps;
  const reads = store.reader();
  const secret = deps.secret || null;
  const nowPlaying = deps.playingNow;
  const users = userMethods({ reads, now: deps.now, nowPlaying });

  async function sessionUser(params: Map<string, string>): Promise<User> {
    const sk = params.get('sk');
    if (!sk) throw missing('sk');
    const user = await reads.tokens.findUser(sk);
    if (!user) throw new LastfmError(9, 'Invalid session key - Please re-authenticate');
    return user;
  }

  const WRONG_PASSWORD =
    'Authentication Failed - Invalid username or password (the password is your scrobbling password, `listenhouse users scrobble-password NAME`, or your listenhouse token)';

  /** md5(password) of the user's scrobbling password; null when none is set. */
  async function passwordMd5(user: User): Promise<string | null> {
    const sealed = await reads.scrobblePasswords.find(user.id);
    return sealed === null ? null : deps.credentials().open(sealed);
  }

  /**
   * Two forms, as on Last.fm: `password` (the scrobbling password, or a listenhouse token of that
   * user), or `authToken` = md5(username + md5(password)) with no password, which pylast and other
   * libraries send and which needs the scrobbling password.
   */
  async function getMobileSession(params: Map<string, string>): Promise<LfmObject> {
    const username = params.get('username')?.trim();
    const password = params.get('password');
    const authToken = params.get('authToken')?.trim();
    if (!username) throw missing('username');
    if (!password && !authToken) throw missing('password');
    const named = await reads.users.findByNameIgnoringCase(username);
    let user: User | null = null;
    if (password) {
      const byToken = await reads.tokens.findUser(password);
      // Last.fm user names are case-insensitive; the token must belong to the named user.
      if (byToken && byToken.name.toLowerCase() === username.toLowerCase()) user = byToken;
      else if (named) {
        const md5 = await passwordMd5(named);
        if (md5 !== null && isScrobblePassword(password, md5)) user = named;
      }
    } else if (named && authToken) {
      const md5 = await passwordMd5(named);
      if (md5 !== null && isAuthTokenFor(authToken, md5, [username, named.name])) user = named;
    }
    if (!user) throw new LastfmError(4, WRONG_PASSWORD);
    const key = await store.tokens.create(user.id, SESSION_LABEL);
    return { session: { name: user.name, key, subscriber: 0 } };
  }

  async function updateNowPlaying(params: Map<string, string>): Promise<LfmObject> {
    const user = await sessionUser(params);
    const artist = params.get('artist')?.trim();
    const track = params.get('track')?.trim();
    if (!artist) throw missing('artist');
    if (!track) throw missing('track');
    const duration = Number(params.get('duration'));
    // A new track replaces what plays now, whichever API set it; the same track again changes nothing.
    nowPlaying.set(
      user.id,
      {
        track: {
          artist,
          track,
          release: params.get('album')?.trim() || null,
          durationS: Number.isFinite(duration) && duration > 0 ? Math.round(duration) : null,
        },
        client: null,
        via: 'lastfm',
        trackMetadata: null,
      },
      deps.now(),
    );
    return {
      nowplaying: {
        track: text(track),
        artist: text(artist),
        album: text(params.get('album')),
        albumArtist: text(params.get('albumArtist')),
        ignoredMessage: { code: '0', '#text': '' },
      },
    };
  }

  async function scrobble(params: Map<string, string>): Promise<LfmObject> {
    const user = await sessionUser(params);
    const read = readScrobbles(params);
    if ('error' in read) throw new LastfmError(6, read.error);
    const now = deps.now();
    const items = read.items.map((p) => toScrobbleItem(p, now));
    const accepted = items.flatMap((item, position) => (item.draft ? [{ item, position }] : []));
    if (accepted.length > 0) {
      // One call, one transaction: a reply means every accepted scrobble is committed.
      const outcome = await submitter.submit({
        userId: user.id,
        listens: accepted.map(({ item }) => ({ draft: item.draft, raw: JSON.stringify(item.params) })),
        source: 'lastfm',
        format: 'lastfm-api',
        now,
        futureToleranceMs: FUTURE_TOLERANCE_MS,
      });
      for (const { index, message } of outcome.rejected) {
        const position = accepted[index]!.position;
        const code = /track/.test(message) ? 2 : 1;
        items[position] = { params: items[position]!.params, ignored: { code, message }, draft: null };
      }
    }
    const ignored = items.filter((item) => item.ignored).length;
    const bodies = items.map(scrobbleBody);
    return {
      scrobbles: {
        '@attr': { accepted: items.length - ignored, ignored },
        // Last.fm sends a lone scrobble as an object, not a one-element array.
        scrobble: bodies.length === 1 ? bodies[0]! : bodies,
      },
    };
  }

  const methods: Record<
    string,
    {
      handle: (params: Map<string, string>, context: RequestContext) => Promise<LfmObject>;
      write: boolean;
    }
  > = {
    'auth.getmobilesession': { handle: getMobileSession, write: false },
    'track.updatenowplaying': { handle: updateNowPlaying, write: true },
    'track.scrobble': { handle: scrobble, write: true },
    'user.getinfo': { handle: users.getInfo, write: false },
    'user.getrecenttracks': { handle: users.getRecentTracks, write: false },
  };

  async function handle(request: FastifyRequest, reply: FastifyReply) {
    const params = readParams(request);
    const json = wantsJson(request, params);
    try {
      const name = params.get('method') ?? '';
      // Last.fm matches method names case-insensitively (parameter names are case-sensitive).
      const method = Object.hasOwn(methods, name.toLowerCase()) ? methods[name.toLowerCase()] : undefined;
      if (!method) throw new LastfmError(3, 'Invalid Method - No method with that name in this package');
      if (method.write && request.method !== 'POST') {
        throw new LastfmError(3, `Invalid Method - ${name} must be sent with POST`);
      }
      if (secret !== null && !isValidSignature(params, secret)) {
        throw new LastfmError(13, 'Invalid method signature supplied');
      }
      const body = await method.handle(params, { origin: `${request.protocol}://${request.host}` });
      return json
        ? reply.type('application/json; charset=utf-8').send(body)
        : reply.type('text/xml; charset=utf-8').send(okXml(body));
    } catch (error) {
      const failure =
        error instanceof LastfmError
          ? error
          : new LastfmError(16, 'There was a temporary error processing your request. Please try again');
      if (!(error instanceof LastfmError)) request.log.error(error);
      const status = failure.status ?? HTTP_STATUS[failure.code] ?? 400;
      return json
        ? reply
            .code(status)
            .type('application/json; charset=utf-8')
            .send({ error: failure.code, message: failure.message })
        : reply.code(status).type('text/xml; charset=utf-8').send(failedXml(failure.code, failure.message));
    }
  }

  for (const url of ['/2.0/', '/2.0']) app.route({ method: ['GET', 'POST'], url, handler: handle });
}
