// Listens in the shape ListenBrainz returns them (reference §1.3): `track_metadata` with the stored
// names, `additional_info` as ListenBrainz keeps it, and the `recording_msid` (see domain/msid.ts) both at
// the top level and in `additional_info`.
import { isJsonObject, submittedTrackMetadata, type JsonObject } from '../../domain/listenbrainz-record.js';
import { recordingMsid } from '../../domain/msid.js';
import type { StoredListenColumns } from '../../store/index.js';
import { toInt } from '../../sources/listenbrainz/validate-submission.js';

type Obj = JsonObject;
const isObj = isJsonObject;

const SINGLE_MBID_KEYS = ['release_mbid', 'recording_mbid', 'release_group_mbid', 'track_mbid'];
const LIST_MBID_KEYS = ['artist_mbids', 'work_mbids'];

/**
 * A submitted `additional_info` as ListenBrainz stores it: falsy MBIDs dropped (and falsy entries
 * of MBID lists), durations as integers, nested objects flattened to dotted keys
 * (`{"nested": {"info": 1}}` → `"nested.info": 1`). Every other key is kept as it came.
 */
export function storedAdditionalInfo(info: unknown): Obj {
  if (!isObj(info)) return {};
  const cleaned: Obj = { ...info };
  for (const key of SINGLE_MBID_KEYS) {
    if (key in cleaned && !cleaned[key]) delete cleaned[key];
  }
  for (const key of LIST_MBID_KEYS) {
    const value = cleaned[key];
    if (!(key in cleaned)) continue;
    if (!value || (Array.isArray(value) && value.length === 0)) delete cleaned[key];
    else if (Array.isArray(value)) cleaned[key] = value.filter(Boolean);
  }
  for (const key of ['duration', 'duration_ms']) {
    if (key in cleaned) {
      const n = toInt(cleaned[key], true);
      if (n !== null) cleaned[key] = n;
    }
  }
  const flat: Obj = {};
  flatten(cleaned, '', flat);
  return flat;
}

function flatten(value: Obj, prefix: string, into: Obj): void {
  for (const [key, v] of Object.entries(value)) {
    if (isObj(v)) flatten(v, `${prefix}${key}.`, into);
    else into[`${prefix}${key}`] = v;
  }
}

/** The columns of a stored listen that the API shows (see listen-queries.ts). */

export interface ApiTrackMetadata {
  artist_name: string;
  track_name: string;
  release_name?: string;
  additional_info: Obj;
  mbid_mapping?: Obj;
}

/**
 * `track_metadata` of a stored listen. A listen that came in through the ListenBrainz API or from a
 * ListenBrainz export keeps the `additional_info` (and `mbid_mapping`) it was submitted with; a
 * listen from another source shows what its columns know, under ListenBrainz's key names.
 */
export function apiTrackMetadata(listen: StoredListenColumns, msid: string): ApiTrackMetadata {
  const submitted = submittedTrackMetadata(listen.raw);
  const info = submitted ? storedAdditionalInfo(submitted.additional_info) : additionalInfoOf(listen);
  const mapping = submitted && isObj(submitted.mbid_mapping) ? submitted.mbid_mapping : null;
  return {
    artist_name: listen.artist,
    track_name: listen.track,
    ...(listen.release ? { release_name: listen.release } : {}),
    additional_info: { ...info, recording_msid: msid },
    ...(mapping ? { mbid_mapping: mapping } : {}),
  };
}

/** The ListenBrainz-shaped listen of a stored row: the fields of reference §1.3. */
export function apiListen(
  listen: StoredListenColumns & { listenedAt: number; insertedAt: number },
  userName: string,
) {
  const msid = recordingMsid(listen);
  return {
    listened_at: listen.listenedAt,
    inserted_at: listen.insertedAt,
    recording_msid: msid,
    user_name: userName,
    track_metadata: apiTrackMetadata(listen, msid),
  };
}

function additionalInfoOf(listen: StoredListenColumns): Obj {
  const info: Obj = {};
  if (listen.durationMs !== null) info.duration_ms = listen.durationMs;
  if (listen.recordingMbid) info.recording_mbid = listen.recordingMbid;
  if (listen.releaseMbid) info.release_mbid = listen.releaseMbid;
  if (listen.releaseGroupMbid) info.release_group_mbid = listen.releaseGroupMbid;
  if (listen.artistMbids && listen.artistMbids.length > 0) info.artist_mbids = listen.artistMbids;
  if (listen.isrc) info.isrc = listen.isrc;
  const spotify = /^spotify:(track|episode):([A-Za-z0-9]+)$/.exec(listen.spotifyUri ?? '');
  if (spotify) info.spotify_id = `https://open.spotify.com/${spotify[1]}/${spotify[2]}`;
  if (listen.client) info.submission_client = listen.client;
  return info;
}

/** A playing-now listen as submitted, names trimmed as ListenBrainz stores them. */
export function playingNowTrackMetadata(submitted: Obj, msid: string): ApiTrackMetadata {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const release = text(submitted.release_name);
  return {
    artist_name: text(submitted.artist_name),
    track_name: text(submitted.track_name),
    ...(release ? { release_name: release } : {}),
    additional_info: { ...storedAdditionalInfo(submitted.additional_info), recording_msid: msid },
  };
}
