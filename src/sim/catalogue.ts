/**
 * An invented music catalogue: artists with a genre, releases with tracks in order, track
 * lengths, MBIDs for most of it, and a long-tailed (Zipf-like) popularity.
 */
import { toKey } from '../domain/text-key.js';
import { artistName, titleWords, type Script } from './names.js';
import { Random, WeightedIndex, deriveSeed } from './random.js';

export interface CatalogueArtist {
  name: string;
  mbid: string | null;
  genre: string;
  /** Relative popularity: 1 / rank (Zipf, exponent 1). */
  weight: number;
  /** Indices into `releases`, oldest first. */
  releases: number[];
  /** Indices into `tracks` of the tracks this artist leads, most popular first. */
  tracks: number[];
}

export interface CatalogueRelease {
  title: string;
  mbid: string | null;
  artist: number;
  year: number;
  kind: 'album' | 'ep' | 'single';
  /** Indices into `tracks`, in track-list order. */
  tracks: number[];
}

export interface CatalogueTrack {
  /** Title as a service would send it, sometimes with a version tag or a "(feat. X)". */
  title: string;
  /** Artist credit text: "A", "A feat. B" or "A, B". */
  credit: string;
  artist: number;
  /** A second credited artist, when there is one. */
  featured: number | null;
  release: number;
  /** 1-based position on the release. */
  position: number;
  durationMs: number;
  mbid: string | null;
  /** Popularity relative to other tracks (artist weight × rank of the track within the artist). */
  weight: number;
}

export interface Catalogue {
  seed: number;
  genres: readonly string[];
  artists: CatalogueArtist[];
  releases: CatalogueRelease[];
  tracks: CatalogueTrack[];
}

/** Genres and their share of artists. */
export const GENRES: ReadonlyArray<readonly [string, number]> = [
  ['pop', 14],
  ['hip hop', 12],
  ['rock', 11],
  ['electronic', 9],
  ['indie', 8],
  ['r&b', 6],
  ['latin', 5],
  ['metal', 4],
  ['jazz', 4],
  ['folk', 3],
  ['country', 3],
  ['soul', 3],
  ['house', 3],
  ['k-pop', 3],
  ['j-pop', 3],
  ['classical', 2],
  ['punk', 2],
  ['ambient', 2],
  ['reggae', 2],
  ['blues', 1],
];

const TRACK_VERSION_TAGS = [
  ' - Remastered 2011',
  ' (Live)',
  ' - Radio Edit',
  ' (Remastered)',
  ' - 2009 Remaster',
  ' - Live at Wembley',
  ' (Acoustic)',
  ' - Mono Version',
];
const RELEASE_VERSION_TAGS = [
  ' (Deluxe Edition)',
  ' (Remastered)',
  ' (Expanded Edition)',
  ' (Super Deluxe)',
  ' (25th Anniversary Edition)',
];

function scriptFor(rng: Random, genre: string): Script {
  if (genre === 'j-pop' && rng.chance(0.7)) return 'japanese';
  if (genre === 'k-pop' && rng.chance(0.7)) return 'korean';
  const r = rng.next();
  if (r < 0.015) return 'cyrillic';
  if (r < 0.02) return 'greek';
  return 'latin';
}

/** Track length: log-normal around 3:35, between 1 and 12 minutes, to the millisecond. */
function trackLength(rng: Random, genre: string): number {
  const median =
    genre === 'classical' ? 360_000 : genre === 'ambient' ? 330_000 : genre === 'punk' ? 150_000 : 215_000;
  const ms = median * rng.logNormal(0, genre === 'classical' ? 0.5 : 0.25);
  return Math.round(Math.min(720_000, Math.max(60_000, ms)));
}

/**
 * Build a catalogue of `size` artists. Deterministic by seed. About 70% of artists (and nearly
 * all their releases and tracks) have MBIDs; ~6% of tracks credit a second artist and ~5% carry
 * a version tag, so normalisation has something to do.
 */
export function makeCatalogue(seed: number, size: number): Catalogue {
  const rng = new Random(deriveSeed(seed, 0xca7a1097));
  const genreIndex = new WeightedIndex(GENRES.map(([, w]) => w));
  const artists: CatalogueArtist[] = [];
  const releases: CatalogueRelease[] = [];
  const tracks: CatalogueTrack[] = [];
  const taken = new Set<string>();

  for (let i = 0; i < size; i++) {
    const genre = GENRES[genreIndex.draw(rng)]?.[0] ?? 'pop';
    const script = scriptFor(rng, genre);
    let name = artistName(rng, script);
    for (let attempt = 0; taken.has(toKey(name)); attempt++) {
      name =
        attempt < 5 ? artistName(rng, script) : `${name} ${['II', 'III', 'IV', 'V'][attempt % 4] ?? 'X'}`;
    }
    taken.add(toKey(name));
    // Popularity by rank: artists are generated in rank order.
    artists.push({
      name,
      mbid: rng.chance(0.72) ? rng.uuid() : null,
      genre,
      weight: 1 / (i + 1),
      releases: [],
      tracks: [],
    });
  }

  // Collaborators are drawn by popularity; names with "&" are left out of "A, B" credits, where a
  // list context would (rightly) split them.
  const popularity = new WeightedIndex(artists.map((a) => a.weight));
  const collaborator = (self: number): number | null => {
    for (let k = 0; k < 4; k++) {
      const j = popularity.draw(rng);
      if (j !== self && !artists[j]?.name.includes('&')) return j;
    }
    return null;
  };

  for (let a = 0; a < artists.length; a++) {
    const artist = artists[a];
    if (!artist) continue;
    const rankShare = 1 - a / Math.max(1, artists.length);
    const releaseCount = 1 + rng.int(2 + Math.round(4 * rankShare));
    let year = 1965 + rng.int(55);
    const ownTracks: number[] = [];
    for (let r = 0; r < releaseCount; r++) {
      const kindRoll = rng.next();
      const kind: CatalogueRelease['kind'] = kindRoll < 0.6 ? 'album' : kindRoll < 0.82 ? 'ep' : 'single';
      const trackCount =
        kind === 'album' ? rng.between(8, 14) : kind === 'ep' ? rng.between(4, 6) : rng.between(1, 2);
      const releaseIndex = releases.length;
      const release: CatalogueRelease = {
        title: titleWords(rng, artist.genre === 'latin' ? 0.5 : 0.03),
        mbid: artist.mbid !== null && rng.chance(0.96) ? rng.uuid() : null,
        artist: a,
        year,
        kind,
        tracks: [],
      };
      if (kind !== 'single' && rng.chance(0.06)) release.title += rng.pick(RELEASE_VERSION_TAGS);
      releases.push(release);
      artist.releases.push(releaseIndex);
      for (let p = 1; p <= trackCount; p++) {
        let title =
          kind === 'single' && p === 1
            ? release.title
            : titleWords(rng, artist.genre === 'latin' ? 0.5 : 0.03);
        let credit = artist.name;
        let featured: number | null = null;
        if (rng.chance(0.06)) {
          featured = collaborator(a);
          const other = featured === null ? undefined : artists[featured];
          if (other) {
            const form = rng.next();
            if (form < 0.5)
              credit = `${artist.name} ${rng.pick(['feat.', 'feat.', 'ft.', 'featuring'])} ${other.name}`;
            else if (form < 0.8) title = `${title} (feat. ${other.name})`;
            else if (
              !artist.name.includes('&') &&
              !(/^the /i.test(other.name) && !artist.name.includes(' '))
            ) {
              // Not "Word, The …": that reads as one name ("Tyler, The Creator").
              credit = `${artist.name}, ${other.name}`;
            } else credit = `${artist.name} feat. ${other.name}`;
          }
        }
        if (rng.chance(0.05)) title += rng.pick(TRACK_VERSION_TAGS);
        const trackIndex = tracks.length;
        tracks.push({
          title,
          credit,
          artist: a,
          featured,
          release: releaseIndex,
          position: p,
          durationMs: trackLength(rng, artist.genre),
          mbid: release.mbid !== null && rng.chance(0.97) ? rng.uuid() : null,
          weight: 0,
        });
        release.tracks.push(trackIndex);
        ownTracks.push(trackIndex);
      }
      year += 1 + rng.int(4);
    }
    // Within an artist a few songs are the hits: Zipf over a shuffled order of their tracks.
    for (let k = ownTracks.length - 1; k > 0; k--) {
      const j = rng.int(k + 1);
      const t = ownTracks[k] as number;
      ownTracks[k] = ownTracks[j] as number;
      ownTracks[j] = t;
    }
    ownTracks.forEach((t, rank) => {
      const track = tracks[t];
      if (track) track.weight = artist.weight / (rank + 1);
    });
    artist.tracks = ownTracks;
  }

  return { seed, genres: GENRES.map(([g]) => g), artists, releases, tracks };
}
