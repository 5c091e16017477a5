/**
 * Soundtracks: releases of film, TV or game music. MusicBrainz says so by a release group's
 * secondary type "Soundtrack", Discogs by the genre "Stage & Screen"; without either, the title
 * rule below ("Original Motion Picture Soundtrack", "OST", "Music from the Series …", "Score").
 * The pattern is RE2 syntax, so DuckDB's regexp_matches applies the same rule in SQL (bound, never
 * copied).
 */
export const SOUNDTRACK_TITLE_PATTERN =
  '(?i)(\\bsoundtrack\\b|\\bo\\.?s\\.?t\\.?\\b|original (motion picture |television |tv |video game |game |film |series )?score\\b|music (from|of) the (motion picture|film|movie|series|tv series|television series|video game|game)\\b|\\bmusic from and inspired by\\b)';

const TITLE = new RegExp(SOUNDTRACK_TITLE_PATTERN.replace('(?i)', ''), 'i');

/** Whether a release title names a soundtrack by the title rule. */
export function isSoundtrackTitle(title: string): boolean {
  return TITLE.test(title);
}

/** Discogs genres and MusicBrainz tags that mark a soundtrack (lower case). */
export const SOUNDTRACK_GENRES = ['stage & screen', 'soundtrack', 'film score', 'video game music'];
