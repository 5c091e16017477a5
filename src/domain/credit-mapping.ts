import type { CreditPart } from './listen.js';

/**
 * A ListenBrainz `mbid_mapping` credit, used only when it spells exactly what was submitted
 * (ignoring case): when the mapping names other artists (a wrong match, or a credit the submitter
 * flattened differently) the submitted text is what the user saw, and the mapping stays in the raw
 * record. Shared by the ListenBrainz source and the migration that recomputes stored credits.
 */
export function creditFromMapping(
  mapping: Record<string, unknown> | null,
  submitted: string,
): CreditPart[] | null {
  const artists = mapping?.artists;
  if (!Array.isArray(artists) || artists.length === 0) return null;
  const parts: CreditPart[] = [];
  for (const artist of artists as unknown[]) {
    if (typeof artist !== 'object' || artist === null) return null;
    const {
      artist_credit_name: name,
      join_phrase: join,
      artist_mbid: mbid,
    } = artist as Record<string, unknown>;
    if (typeof name !== 'string') return null;
    parts.push({
      name,
      joinPhrase: typeof join === 'string' ? join : '',
      mbid: typeof mbid === 'string' && mbid !== '' ? mbid : null,
    });
  }
  const joined = parts.map((p) => p.name + p.joinPhrase).join('');
  return joined.toLowerCase() === submitted.toLowerCase() ? parts : null;
}
