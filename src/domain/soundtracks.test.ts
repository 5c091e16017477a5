import { describe, expect, it } from 'vitest';
import { isSoundtrackTitle } from './soundtracks.js';

describe('the soundtrack title rule', () => {
  it.each([
    'Blade Runner (Original Motion Picture Soundtrack)',
    'Stranger Things: Music from the Netflix Original Series OST',
    'Twin Peaks (Music from the TV Series)',
    'Interstellar: Original Motion Picture Score',
    'Halo 3 (Original Soundtrack)',
    'Music from the Motion Picture Pulp Fiction',
  ])('marks %s', (title) => expect(isSoundtrackTitle(title)).toBe(true));

  it.each(['OK Computer', 'Host', 'Lost in Translation', 'Moonscore', 'Scores of Things'])(
    'leaves %s',
    (title) => expect(isSoundtrackTitle(title)).toBe(false),
  );
});
