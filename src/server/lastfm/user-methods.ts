/**
 * user.getInfo and user.getRecentTracks, which Last.fm clients call to check the account and to show
 * the history. Reads follow the same privacy rule as the other APIs (`canRead`): a private profile
 * needs its own session key (`sk`) or an admin's, else error 17.
 */
import { canRead } from '../../domain/access.js';
import type { User } from '../../domain/user.js';
import type { Store } from '../../store/index.js';
import { type StoredListenAt } from '../../store/index.js';
import type { PlayingNowBoard } from '../../ingest/now-playing.js';
import { LastfmError, missing } from './errors.js';
import type { LfmObject } from './render.js';

export interface UserMethodDeps {
  reads: Store;
  now: () => number;
  /** The one now-playing board (track.updateNowPlaying, ListenBrainz's playing_now, live sources). */
  nowPlaying: PlayingNowBoard;
}

export interface RequestContext {
  /** `http://host:port` as the client reached the server. */
  origin: string;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const MAX_PAGE = 1_000_000_000;
/** 9999-12-31T23:59:59Z: from and to beyond it cannot be a time. */
const MAX_TS = 253_402_300_799;
const IMAGE_SIZES = ['small', 'medium', 'large', 'extralarge'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** listenhouse keeps no artwork: Last.fm's image list with empty URLs, as it sends for no art. */
const noImages = (): LfmObject[] => IMAGE_SIZES.map((size) => ({ size, '#text': '' }));

/** Last.fm's `date.#text`: "9 Jun 2008, 17:16", UTC. */
function dateText(epochS: number): string {
  const d = new Date(epochS * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

function wholeNumber(
  params: Map<string, string>,
  name: string,
  range: { min: number; max?: number },
): number | undefined {
  const raw = params.get(name);
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || value < range.min || (range.max !== undefined && value > range.max)) {
    const allowed =
      range.max === undefined ? `of at least ${range.min}` : `from ${range.min} to ${range.max}`;
    throw new LastfmError(6, `Invalid parameters - ${name} must be a whole number ${allowed}, not "${raw}"`);
  }
  return value;
}

interface TrackText {
  artist: string;
  track: string;
  album: string | null;
  artistMbid: string;
  albumMbid: string;
  mbid: string;
}

function trackEntry(
  t: TrackText,
  extended: boolean,
  when: { date: number } | { nowPlaying: true },
): LfmObject {
  const entry: LfmObject = {
    artist: extended
      ? { url: '', name: t.artist, mbid: t.artistMbid, image: noImages() }
      : { mbid: t.artistMbid, '#text': t.artist },
    streamable: '0',
    image: noImages(),
    mbid: t.mbid,
    album: { mbid: t.albumMbid, '#text': t.album ?? '' },
    name: t.track,
    url: '',
  };
  if (extended) entry.loved = '0';
  if ('nowPlaying' in when) entry['@attr'] = { nowplaying: 'true' };
  else entry.date = { uts: String(when.date), '#text': dateText(when.date) };
  return entry;
}

const storedText = (l: StoredListenAt): TrackText => ({
  artist: l.artist,
  track: l.track,
  album: l.release,
  artistMbid: l.artistMbids?.[0] ?? '',
  albumMbid: l.releaseMbid ?? '',
  mbid: l.recordingMbid ?? '',
});

export function userMethods(deps: UserMethodDeps) {
  const { reads } = deps;

  /** The user behind `sk` when one is sent (error 9 for a bad one); reads work without one. */
  async function viewerOf(params: Map<string, string>): Promise<User | null> {
    const sk = params.get('sk');
    if (!sk) return null;
    const user = await reads.tokens.findUser(sk);
    if (!user) throw new LastfmError(9, 'Invalid session key - Please re-authenticate');
    return user;
  }

  /** The `user` parameter's user (default: the session's), when the request may read their data. */
  async function readableUser(params: Map<string, string>): Promise<User> {
    const viewer = await viewerOf(params);
    const name = params.get('user')?.trim();
    if (!name) {
      if (viewer) return viewer;
      throw missing('user');
    }
    // Last.fm user names are case-insensitive, as ListenBrainz's are.
    const user = await reads.users.findByNameIgnoringCase(name);
    if (!user) throw new LastfmError(6, `User not found - no user named "${name}" on this server`, 404);
    const access = canRead(viewer, user);
    if (access.allowed) return user;
    switch (access.reason) {
      case 'not-owner':
        throw new LastfmError(
          17,
          `Login required - ${user.name}'s profile is private, and this session key is ${viewer?.name ?? 'another user'}'s`,
          403,
        );
      case 'private':
        throw new LastfmError(
          17,
          `Login required - ${user.name}'s profile is private: send ${user.name}'s session key (sk) to read it`,
          403,
        );
    }
  }

  async function getInfo(params: Map<string, string>, context: RequestContext): Promise<LfmObject> {
    const user = await readableUser(params);
    const bounds = await reads.listens.bounds(user.id);
    const created = (await reads.users.createdAt(user.id)) ?? Math.floor(deps.now() / 1000);
    // An imported history starts before the account: clients that page back to `registered` see all of it.
    const registered = bounds.count > 0 ? Math.min(created, bounds.oldest) : created;
    return {
      user: {
        name: user.name,
        age: '0',
        subscriber: '0',
        realname: '',
        bootstrap: '0',
        playcount: String(bounds.count),
        playlists: '0',
        image: noImages(),
        registered: { unixtime: String(registered), '#text': registered },
        country: 'None',
        gender: 'n',
        url: `${context.origin}/api/listens?user=${encodeURIComponent(user.name)}`,
        type: 'user',
      },
    };
  }

  async function getRecentTracks(params: Map<string, string>): Promise<LfmObject> {
    const user = await readableUser(params);
    const limit = Math.min(wholeNumber(params, 'limit', { min: 1 }) ?? DEFAULT_LIMIT, MAX_LIMIT);
    const page = wholeNumber(params, 'page', { min: 1, max: MAX_PAGE }) ?? 1;
    const from = wholeNumber(params, 'from', { min: 0, max: MAX_TS });
    const to = wholeNumber(params, 'to', { min: 0, max: MAX_TS });
    const extended = params.get('extended') === '1' || params.get('extended') === 'true';
    const range = {
      userId: user.id,
      ...(from !== undefined ? { minTs: from } : {}),
      ...(to !== undefined ? { maxTs: to } : {}),
    };
    const total = await reads.listens.count(range);
    const listens = await reads.listens.list({ ...range, count: limit, offset: (page - 1) * limit });
    const tracks = listens.map((l) => trackEntry(storedText(l), extended, { date: l.listenedAt }));

    // The track playing now comes first on page 1, as on Last.fm, unless the request asks for a past range.
    const playing = deps.nowPlaying.get(user.id, deps.now())?.track;
    if (page === 1 && to === undefined && playing) {
      tracks.unshift(
        trackEntry(
          {
            artist: playing.artist,
            track: playing.track,
            album: playing.release,
            artistMbid: '',
            albumMbid: '',
            mbid: '',
          },
          extended,
          { nowPlaying: true },
        ),
      );
    }
    return {
      recenttracks: {
        // Last.fm sends a lone track as an object, not a one-element array.
        track: tracks.length === 1 ? tracks[0]! : tracks,
        '@attr': {
          user: user.name,
          page: String(page),
          perPage: String(limit),
          totalPages: String(Math.ceil(total / limit)),
          total: String(total),
        },
      },
    };
  }

  return { getInfo, getRecentTracks };
}
