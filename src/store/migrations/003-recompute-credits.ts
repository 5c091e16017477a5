/**
 * Migration 3: every listen's artist credit recomputed from its own stored fields.
 *
 * Before, a credit was keyed by the artist text alone, so the first play seen with a guest in its
 * title ("Get Lucky (feat. Pharrell Williams)") fixed the credit of every later play under that
 * artist name, for every user. Now a credit is the list of artists the play itself credits (see
 * creditKeyOf). This recomputes each listen's credit from its artist text, title and artist MBIDs,
 * and from the ListenBrainz mapping kept in its raw record where there is one (the same inputs the
 * write path uses), creates the artists and credits that were never stored, repoints listens and
 * recordings, and drops the credits nothing uses any more.
 */
import { creditFromMapping } from '../../domain/credit-mapping.js';
import { normaliseNames } from '../../domain/normalise.js';
import { catalogueChanged } from '../catalogue-ids.js';
import type { Database } from '../database.js';
import { hasRollups, rebuildRollups } from '../rollups.js';

interface NameGroup {
  g: bigint | number;
  artist: string;
  track: string;
  artist_mbids: string[] | null;
  mapping: string | null;
}

export async function recomputeCredits(db: Database): Promise<void> {
  // One row per distinct set of inputs; `g` numbers them so listens can be joined back by integer.
  await db.run(`CREATE TEMP TABLE credit_inputs AS
    SELECT id AS listen_id, artist, track, artist_mbids,
           CASE WHEN raw LIKE '%"mbid_mapping"%' AND json_valid(raw)
                THEN json_extract(raw, '$.track_metadata.mbid_mapping')::VARCHAR END AS mapping
    FROM listens`);
  await db.run(`CREATE TEMP TABLE credit_groups AS
    SELECT row_number() OVER () AS g, artist, track, artist_mbids, mapping
    FROM (SELECT DISTINCT artist, track, artist_mbids, mapping FROM credit_inputs)`);
  const groups = await db.all<NameGroup>('SELECT g, artist, track, artist_mbids, mapping FROM credit_groups');

  const artistKeys = new Set((await db.all<{ key: string }>('SELECT key FROM artists')).map((r) => r.key));
  const newArtists: Array<[string, string, string | null]> = [];
  const creditKeys = new Set<string>();
  const credits: Array<[string, string]> = [];
  const members: Array<[string, number, string, string, string]> = [];
  const assignment: Array<[number, string]> = [];

  for (const group of groups) {
    const mapping = group.mapping === null ? null : parseMapping(group.mapping);
    const names = normaliseNames({
      artist: group.artist,
      track: group.track,
      artistMbids: group.artist_mbids,
      credit: mapping === null ? null : creditFromMapping(mapping, group.artist),
    });
    for (const a of names.artists) {
      if (!artistKeys.has(a.key)) {
        artistKeys.add(a.key);
        newArtists.push([a.key, a.name, a.mbid]);
      }
    }
    if (!creditKeys.has(names.creditKey)) {
      creditKeys.add(names.creditKey);
      credits.push([names.creditKey, names.creditName]);
      names.artists.forEach((a, position) =>
        members.push([names.creditKey, position, a.key, a.name, a.joinPhrase]),
      );
    }
    assignment.push([Number(group.g), names.creditKey]);
  }

  // Every credit is made anew: a stored credit's members may be another play's guests. Rows go in
  // as one JSON document per table, one statement however many there are; ids come from the
  // sequences and are joined back by key.
  // Credits are dropped and made again with new ids: no cached id of the old ones may be used.
  catalogueChanged(db);
  await db.run('DELETE FROM artist_credit_members; DELETE FROM artist_credits');
  await db.run(
    `INSERT INTO artists (id, key, name, mbid)
     SELECT nextval('artists_id_seq'), r->>0, r->>1, r->>2 FROM (${rowsOf('?')})`,
    [JSON.stringify(newArtists)],
  );
  await db.run(
    `INSERT INTO artist_credits (id, key, name)
     SELECT nextval('artist_credits_id_seq'), r->>0, r->>1 FROM (${rowsOf('?')})`,
    [JSON.stringify(credits)],
  );
  await db.run(
    `INSERT INTO artist_credit_members (credit_id, position, artist_id, credited_name, join_phrase)
     SELECT c.id, (r->>1)::SMALLINT, a.id, r->>3, r->>4
     FROM (${rowsOf('?')}) m
     JOIN artist_credits c ON c.key = (m.r->>0)
     JOIN artists a ON a.key = (m.r->>2)`,
    [JSON.stringify(members)],
  );
  await db.run(
    `CREATE TEMP TABLE credit_assignment AS
     SELECT (r->>0)::BIGINT AS g, c.id AS credit_id
     FROM (${rowsOf('?')}) x JOIN artist_credits c ON c.key = (x.r->>1)`,
    [JSON.stringify(assignment)],
  );

  await db.run(`UPDATE listens SET artist_credit_id = x.credit_id
    FROM (
      SELECT i.listen_id, a.credit_id
      FROM credit_inputs i
      JOIN credit_groups g ON g.artist = i.artist AND g.track = i.track
        AND g.artist_mbids IS NOT DISTINCT FROM i.artist_mbids AND g.mapping IS NOT DISTINCT FROM i.mapping
      JOIN credit_assignment a ON a.g = g.g
    ) x
    WHERE listens.id = x.listen_id`);
  // Recordings nothing listens to any more (their listens were deleted) have no credit left to show.
  await db.run('DELETE FROM recordings WHERE id NOT IN (SELECT recording_id FROM listens)');
  // A recording shows the credit of its first stored listen.
  await db.run(`UPDATE recordings SET artist_credit_id = f.credit_id
    FROM (SELECT recording_id, arg_min(artist_credit_id, id) AS credit_id FROM listens GROUP BY recording_id) f
    WHERE recordings.id = f.recording_id AND recordings.artist_credit_id <> f.credit_id`);
  await db.run('DROP TABLE credit_inputs; DROP TABLE credit_groups; DROP TABLE credit_assignment');
  // Listens moved to other credits: the rollups (when migration 5 has made them) follow.
  if (await hasRollups(db)) await rebuildRollups(db);
}

/** The rows of a JSON array of arrays bound at `param`, one row `r` (JSON) each. */
function rowsOf(param: string): string {
  return `SELECT unnest(from_json(${param}, '["JSON"]')) AS r`;
}

function parseMapping(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
