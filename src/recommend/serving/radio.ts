/**
 * A "radio" playlist from a seed: an artist (the artist and the artists the production artist model
 * finds most similar, their most played recordings in turn), a recording (it, then the recordings
 * the recording model finds most similar) or a tag (the artists whose genres carry it). Items the
 * user marked "not interested" are left out. Export as JSPF with jspf.ts.
 */
import { AppError } from '../../domain/errors.js';
import type { User } from '../../domain/user.js';
import { recommendationTables, type Database } from '../../store/index.js';
import { readItemInfo } from '../interactions/from-store.js';
import { loadQuery } from '../sql.js';
import type { RecommendationService } from './recommendation-service.js';

export type RadioSeed =
  { kind: 'artist'; id: number } | { kind: 'recording'; id: number } | { kind: 'tag'; tag: string };

export interface PlaylistTrack {
  recordingId: number;
  title: string;
  artist: string;
  release: string | null;
  recordingMbid: string | null;
  artistMbid: string | null;
  releaseMbid: string | null;
  durationMs: number | null;
  /** Why it is on the list. */
  reason: string;
}

export interface Playlist {
  title: string;
  seed: RadioSeed;
  createdAt: string;
  tracks: PlaylistTrack[];
}

type TrackRow = Record<string, unknown>;

function toTrack(r: TrackRow, reason: string): PlaylistTrack {
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    recordingId: Number(r.recording_id),
    title: String(r.title),
    artist: String(r.artist),
    release: text(r.release),
    recordingMbid: text(r.mbid),
    artistMbid: text(r.artist_mbid),
    releaseMbid: text(r.release_mbid),
    durationMs: r.duration_ms === null || r.duration_ms === undefined ? null : Number(r.duration_ms),
    reason,
  };
}

/** Up to `perArtist` tracks of each artist, taken in turns (one of each, then the second of each…). */
async function tracksOfArtists(
  db: Database,
  artists: { id: number; reason: string }[],
  options: { count: number; skip: ReadonlySet<number> },
): Promise<PlaylistTrack[]> {
  if (artists.length === 0) return [];
  const perArtist = Math.max(2, Math.ceil((options.count * 2) / artists.length));
  const rows = await db.all<TrackRow>(loadQuery('radio-artist-tracks'), {
    artists: artists.map((a) => a.id).join(','),
    per_artist: perArtist,
  });
  const byArtist = new Map<number, TrackRow[]>();
  for (const r of rows) {
    const id = Number(r.artist_id);
    if (options.skip.has(Number(r.recording_id))) continue;
    let list = byArtist.get(id);
    if (!list) byArtist.set(id, (list = []));
    list.push(r);
  }
  const out: PlaylistTrack[] = [];
  for (let turn = 0; out.length < options.count && turn < perArtist; turn++)
    for (const a of artists) {
      const r = byArtist.get(a.id)?.[turn];
      if (r && out.length < options.count) out.push(toTrack(r, a.reason));
    }
  return out;
}

/** The recordings asked, in the order asked, as playlist tracks (a recording not stored is left out). */
export async function tracksOfRecordings(
  db: Database,
  recordings: readonly { id: number; reason: string }[],
): Promise<PlaylistTrack[]> {
  if (recordings.length === 0) return [];
  const rows = await db.all<TrackRow>(loadQuery('radio-recordings'), {
    ids: recordings.map((r) => r.id).join(','),
  });
  const byId = new Map(rows.map((r) => [Number(r.recording_id), r]));
  return recordings.flatMap(({ id, reason }) => {
    const r = byId.get(id);
    return r ? [toTrack(r, reason)] : [];
  });
}

export async function radio(input: {
  service: RecommendationService;
  reads: Database;
  user: User;
  seed: RadioSeed;
  count: number;
  now: number;
}): Promise<Playlist> {
  const { service, reads, user, seed, count } = input;
  const tables = recommendationTables(reads);
  const skip = new Set(await tables.notInterested({ userId: user.id, entity: 'recording' }));
  const skipArtists = new Set(await tables.notInterested({ userId: user.id, entity: 'artist' }));
  let title: string;
  let tracks: PlaylistTrack[];
  switch (seed.kind) {
    case 'artist': {
      const info = (await readItemInfo(reads, 'artist', [seed.id])).get(seed.id);
      if (!info) throw new AppError('NOT_FOUND', `No artist with id ${seed.id}.`);
      const similar = await service.similar('artist', seed.id, 9);
      const artists = [
        { id: seed.id, reason: `by ${info.name}, the seed` },
        ...similar
          .filter((s) => !skipArtists.has(s.item.id))
          .map((s) => ({
            id: s.item.id,
            reason: `by ${s.item.name}, like ${info.name} (${s.similarity.toFixed(2)})`,
          })),
      ];
      title = `${info.name} radio`;
      tracks = await tracksOfArtists(reads, artists, { count, skip });
      break;
    }
    case 'recording': {
      const info = (await readItemInfo(reads, 'recording', [seed.id])).get(seed.id);
      if (!info) throw new AppError('NOT_FOUND', `No recording with id ${seed.id}.`);
      const similar = (await service.similar('recording', seed.id, count * 2)).filter(
        (s) => !skip.has(s.item.id),
      );
      const ids = [seed.id, ...similar.map((s) => s.item.id)].slice(0, count);
      const reasons = new Map<number, string>([[seed.id, 'the seed']]);
      for (const s of similar) reasons.set(s.item.id, `like ${info.name} (${s.similarity.toFixed(2)})`);
      title = `${info.name} radio`;
      tracks = await tracksOfRecordings(
        reads,
        ids.map((id) => ({ id, reason: reasons.get(id)! })),
      );
      if (similar.length === 0) {
        // No recording model (or nothing like it): the seed's artist's radio goes on from it.
        const more = await tracksOfArtists(
          reads,
          [{ id: info.artistId, reason: `by ${info.artist ?? info.name}` }],
          {
            count,
            skip: new Set([...skip, seed.id]),
          },
        );
        tracks = [...tracks, ...more].slice(0, count);
      }
      break;
    }
    case 'tag': {
      const artists = (
        await reads.all<{ id: unknown; name: unknown }>(loadQuery('radio-tag-artists'), {
          tag: seed.tag,
          limit: 20,
        })
      ).filter((a) => !skipArtists.has(Number(a.id)));
      if (artists.length === 0)
        throw new AppError(
          'NOT_FOUND',
          `No artist carries the tag "${seed.tag}": tags come from the catalogue's genres (MusicBrainz), which these artists do not have yet.`,
        );
      title = `${seed.tag} radio`;
      tracks = await tracksOfArtists(
        reads,
        artists.map((a) => ({ id: Number(a.id), reason: `${String(a.name)} is tagged ${seed.tag}` })),
        { count, skip },
      );
      break;
    }
  }
  return { title, seed, createdAt: new Date(input.now).toISOString(), tracks };
}
