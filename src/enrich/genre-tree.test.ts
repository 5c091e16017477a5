import { describe, expect, it } from 'vitest';
import { genresFromDiscogs, genresFromVotes, keywordGenres, TOP_GENRES, topGenreOf } from './genre-tree.js';

describe('the genre tree', () => {
  it('puts MusicBrainz genres, Discogs styles and tags under a top genre', () => {
    expect(topGenreOf('Synth-pop')).toBe('pop');
    expect(topGenreOf('IDM')).toBe('electronic');
    expect(topGenreOf('melodic death metal')).toBe('metal');
    expect(topGenreOf('Deep House')).toBe('electronic');
    expect(topGenreOf('neo soul')).toBe('r&b and soul');
    expect(topGenreOf('Stage & Screen')).toBe('soundtrack');
    // A word rule for a name the lists do not hold; a tag that names no genre maps to nothing.
    expect(topGenreOf('blackgaze metal')).toBe('metal');
    expect(topGenreOf('seen live')).toBeNull();
    expect(topGenreOf('british')).toBeNull();
  });

  it('has every top genre under itself', () => {
    for (const top of TOP_GENRES) expect(topGenreOf(top)).toBe(top);
  });

  it('weighs MusicBrainz genres by votes, and uses tags only when there is no genre', () => {
    expect(
      genresFromVotes([
        { name: 'electronic', count: 3, isGenre: true },
        { name: 'idm', count: 1, isGenre: true },
        { name: 'rock', count: 10, isGenre: false },
      ]),
    ).toEqual([
      { genre: 'electronic', subgenre: null, weight: 0.75 },
      { genre: 'electronic', subgenre: 'idm', weight: 0.25 },
    ]);
    expect(
      genresFromVotes([
        { name: 'shoegaze', count: 2, isGenre: false },
        { name: 'scottish', count: 9, isGenre: false },
      ]),
    ).toEqual([{ genre: 'rock', subgenre: 'shoegaze', weight: 1 }]);
  });

  it('counts Discogs styles twice their genres', () => {
    expect(genresFromDiscogs(['Electronic'], ['Downtempo'])).toEqual([
      { genre: 'electronic', subgenre: 'downtempo', weight: 2 / 3 },
      { genre: 'electronic', subgenre: null, weight: 1 / 3 },
    ]);
  });

  it('guesses from types and titles only as a last resort', () => {
    expect(
      keywordGenres({
        title: 'Blade Runner (Original Motion Picture Soundtrack)',
        artist: 'Vangelis',
        type: null,
        secondaryTypes: [],
      }),
    ).toEqual([{ genre: 'soundtrack', subgenre: null, weight: 1 }]);
    expect(
      keywordGenres({
        title: 'Symphony No. 5',
        artist: 'Berliner Philharmoniker',
        type: 'Orchestra',
        secondaryTypes: [],
      })[0]!.genre,
    ).toBe('classical');
    expect(keywordGenres({ title: 'Nana', artist: 'Polo & Pan', type: null, secondaryTypes: [] })).toEqual(
      [],
    );
  });
});
