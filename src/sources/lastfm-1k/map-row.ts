import { listen, reject, type Outcome } from '../common/outcome.js';
import { parseIsoUtc, textOrNull } from '../common/values.js';

/**
 * One row of the Last.fm 1K research data set (Celma 2010): userid, ISO-8601 UTC time, artist MBID,
 * artist, track MBID, track. Tab-separated and never quoted, so titles may contain quotes and commas.
 */
export function mapLastfm1kRow(fields: readonly string[]): Outcome {
  if (fields.length < 6) {
    return reject(
      'malformed',
      `expected 6 tab-separated fields (user, time, artist MBID, artist, track MBID, track), found ${fields.length}`,
    );
  }
  const [user = '', time = '', artistMbid = '', artist = '', trackMbid = '', track = ''] = fields;
  const at = parseIsoUtc(time);
  if (at === null) return reject('bad_timestamp', `time ${JSON.stringify(time)} is not an ISO-8601 time`);
  const artistMbidOrNull = textOrNull(artistMbid);
  return listen({
    listenedAt: at,
    stampedEdge: 'start',
    precisionS: 1,
    artist,
    track,
    artistMbids: artistMbidOrNull === null ? null : [artistMbidOrNull],
    recordingMbid: textOrNull(trackMbid),
    user: textOrNull(user),
  });
}
