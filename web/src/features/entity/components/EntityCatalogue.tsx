/**
 * What matching and enrichment know of an artist, release or track: its cover or picture (the
 * thumbnail, linking to the full image), its genres, a short description and its MusicBrainz page.
 * Shows nothing while there is nothing to show: the page stands without it.
 */
import type { EntityKind } from '../../../lib/entity-link';
import { useEntityCatalogue } from '../api/queries';

const MB_PATHS: Record<EntityKind, string> = { artist: 'artist', release: 'release', recording: 'recording' };

export function EntityCatalogue({
  user,
  kind,
  id,
  name,
}: {
  user: string;
  kind: EntityKind;
  id: number | null;
  name: string;
}) {
  const info = useEntityCatalogue(user, kind, id);
  const c = info.data;
  if (!c || (!c.artwork && c.genres.length === 0 && !c.description && !c.mbid)) return null;
  const genres = [...new Set(c.genres.map((g) => g.subgenre ?? g.genre))].slice(0, 6);
  const guessed = c.genres.length > 0 && c.genres.every((g) => g.source === 'keyword');
  return (
    <section className="entity-catalogue" aria-label={`About ${name}`}>
      {c.artwork ? (
        <a href={c.artwork.full.url} className="entity-artwork">
          <img
            src={c.artwork.thumb.url}
            alt={kind === 'artist' ? `Picture of ${name}` : `Cover of ${name}`}
            width={c.artwork.thumb.width ?? 160}
            height={c.artwork.thumb.height ?? 160}
            loading="lazy"
          />
        </a>
      ) : null}
      <div>
        {genres.length > 0 ? (
          <ul className="entity-genres" aria-label="Genres">
            {genres.map((g) => (
              <li key={g}>{g}</li>
            ))}
            {guessed ? <li className="muted">guessed from its names</li> : null}
          </ul>
        ) : null}
        {c.description ? <p className="entity-description">{c.description.text}</p> : null}
        {c.mbid ? (
          <p className="muted small">
            <a href={`https://musicbrainz.org/${MB_PATHS[kind]}/${c.mbid}`} rel="noreferrer" target="_blank">
              MusicBrainz
            </a>
          </p>
        ) : null}
      </div>
    </section>
  );
}
