import { EARLIEST_LISTEN_MS, type ListenDraft } from '../../domain/listen.js';

export const MAX_SCROBBLES = 50;
/** Last.fm's own window ahead of its clock. */
export const FUTURE_TOLERANCE_MS = 3_600_000;

/** Fields of one scrobble in `track.scrobble`, without their `[i]`. */
const FIELDS = [
  'artist',
  'track',
  'timestamp',
  'album',
  'albumArtist',
  'duration',
  'mbid',
  'trackNumber',
  'context',
  'streamId',
  'chosenByUser',
] as const;
const INDEXED = /^([A-Za-z]+)\[(\d+)\]$/;

export type ScrobbleParams = Partial<Record<(typeof FIELDS)[number], string>>;

export type ScrobbleItem =
  | { params: ScrobbleParams; ignored: null; draft: ListenDraft }
  | { params: ScrobbleParams; ignored: { code: number; message: string }; draft: null };

/**
 * The scrobbles of a request, in index order: `artist[i]`, `track[i]`, … or, for a single scrobble,
 * the plain names. Returns an error message (Last.fm code 6) when the request is malformed as a whole.
 */
export function readScrobbles(
  params: ReadonlyMap<string, string>,
): { items: ScrobbleParams[] } | { error: string } {
  const byIndex = new Map<number, ScrobbleParams>();
  for (const [name, value] of params) {
    const match = INDEXED.exec(name);
    if (!match) continue;
    const field = FIELDS.find((f) => f === match[1]);
    if (!field) continue;
    const index = Number(match[2]);
    const item = byIndex.get(index) ?? {};
    item[field] = value;
    byIndex.set(index, item);
  }
  let items: ScrobbleParams[];
  if (byIndex.size > 0) {
    items = [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
  } else {
    const item: ScrobbleParams = {};
    for (const field of FIELDS) {
      const value = params.get(field);
      if (value !== undefined) item[field] = value;
    }
    items = [item];
  }
  if (items.length > MAX_SCROBBLES) {
    return {
      error: `Invalid parameters - at most ${MAX_SCROBBLES} scrobbles per request, got ${items.length}`,
    };
  }
  for (const [position, item] of items.entries()) {
    for (const field of ['artist', 'track', 'timestamp'] as const) {
      if (item[field] === undefined) {
        return {
          error: `Invalid parameters - scrobble ${position + 1} is missing the required parameter ${field}`,
        };
      }
    }
    if (!/^\d{1,12}$/.test(item.timestamp!.trim())) {
      return { error: `Invalid parameters - timestamp "${item.timestamp}" is not a Unix time in seconds` };
    }
  }
  return { items };
}

function optional(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * One scrobble as a draft, or why Last.fm would ignore it (codes 1–4). Last.fm's 14-day window for
 * old scrobbles does not apply: this is a self-hosted history, and a client flushing a months-old
 * offline cache should be stored. Only the floor every source shares (2002-10-01) holds.
 */
export function toScrobbleItem(params: ScrobbleParams, now: number): ScrobbleItem {
  const ignore = (code: number, message: string): ScrobbleItem => ({
    params,
    ignored: { code, message },
    draft: null,
  });
  const artist = params.artist?.trim() ?? '';
  const track = params.track?.trim() ?? '';
  if (!artist) return ignore(1, 'Artist was ignored: the artist name is empty');
  if (!track) return ignore(2, 'Track was ignored: the track name is empty');
  const listenedAt = Number(params.timestamp) * 1000;
  if (listenedAt < EARLIEST_LISTEN_MS) return ignore(3, 'Timestamp too old: before 2002-10-01');
  if (listenedAt > now + FUTURE_TOLERANCE_MS) return ignore(4, 'Timestamp too new: more than an hour ahead');
  const duration = Number(params.duration);
  return {
    params,
    ignored: null,
    draft: {
      listenedAt,
      stampedEdge: 'start',
      precisionS: 1,
      artist,
      track,
      release: optional(params.album),
      releaseArtist: optional(params.albumArtist),
      durationMs:
        params.duration && Number.isFinite(duration) && duration > 0 ? Math.round(duration * 1000) : null,
      recordingMbid: optional(params.mbid),
    },
  };
}
