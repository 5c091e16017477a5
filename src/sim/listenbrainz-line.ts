import type { SimulatedListen } from './simulate.js';

const SERVICE_DOMAINS: Readonly<Record<string, string>> = {
  Spotify: 'spotify.com',
  'YouTube Music': 'music.youtube.com',
  'Apple Music': 'music.apple.com',
  Tidal: 'tidal.com',
  Deezer: 'deezer.com',
};

const MULTI_ARTIST_CREDIT = / (?:feat\.|ft\.|featuring) |, /;
/**
 * JSON string literals of the names, memoised: a simulated history repeats its catalogue's strings
 * (the same string objects), so a lookup is cheaper than escaping again.
 */
const quotedCache = new Map<string, string>();
function q(s: string): string {
  let v = quotedCache.get(s);
  if (v === undefined) {
    if (quotedCache.size >= 500_000) quotedCache.clear();
    v = JSON.stringify(s);
    quotedCache.set(s, v);
  }
  return v;
}

/**
 * One line of a ListenBrainz export (JSONL) for a simulated listen: `listened_at` in whole
 * seconds, `user_name` (as API listens and the older array exports carry it, so one file can hold
 * several users), and `track_metadata` {artist_name, track_name, release_name, additional_info
 * {duration_ms, ms_played, recording_mbid?, artist_mbids?, release_mbid?, submission_client,
 * media_player (the device), music_service? and music_service_name? (streaming only),
 * tags: [genre]}}. Skipped plays are written too; `ms_played` tells them apart.
 *
 * Built by hand rather than with JSON.stringify of an object: it is the hot loop of the import
 * benchmark's generator.
 */
export function toListenBrainzLine(listen: SimulatedListen): string {
  let info = `"duration_ms":${listen.durationMs},"ms_played":${listen.playedMs}`;
  if (listen.recordingMbid !== null) info += `,"recording_mbid":${q(listen.recordingMbid)}`;
  if (listen.artistMbids !== null) info += `,"artist_mbids":[${listen.artistMbids.map(q).join(',')}]`;
  else if (listen.artistMbid !== null && !MULTI_ARTIST_CREDIT.test(listen.artist)) {
    info += `,"artist_mbids":[${q(listen.artistMbid)}]`;
  }
  if (listen.releaseMbid !== null) info += `,"release_mbid":${q(listen.releaseMbid)}`;
  info += `,"submission_client":${q(listen.client)},"media_player":${q(listen.device)}`;
  if (listen.musicService !== null) {
    const domain = SERVICE_DOMAINS[listen.musicService];
    if (domain) info += `,"music_service":${q(domain)}`;
    info += `,"music_service_name":${q(listen.musicService)}`;
  }
  info += `,"tags":[${q(listen.genre)}]`;
  return (
    `{"listened_at":${Math.floor(listen.listenedAt / 1000)},"user_name":${q(listen.user)},` +
    `"track_metadata":{"artist_name":${q(listen.artist)},"track_name":${q(listen.track)},` +
    `"release_name":${q(listen.release)},"additional_info":{${info}}}}`
  );
}
