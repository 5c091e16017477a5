/**
 * Where an artist, release or track has its own page: /user/NAME/artist/ID, /release/ID, /track/ID
 * (a track is a `recording` to the API). Any page that names one links there through this.
 */
export type EntityKind = 'artist' | 'release' | 'recording';

const SEGMENTS: Record<EntityKind, string> = { artist: 'artist', release: 'release', recording: 'track' };

/** The page of one entity; `range` (the period) travels along unless it is the default. */
export function entityPath(user: string, kind: EntityKind, id: number, range?: string | null): string {
  const search = range ? `?range=${encodeURIComponent(range).replace(/%3A/gi, ':')}` : '';
  return `/user/${encodeURIComponent(user)}/${SEGMENTS[kind]}/${id}${search}`;
}
