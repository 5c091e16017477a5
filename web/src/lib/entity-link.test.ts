import { describe, expect, it } from 'vitest';
import { entityPath } from './entity-link.js';

describe('entityPath', () => {
  it('names a recording a track in the URL and keeps the period', () => {
    expect(entityPath('me', 'recording', 12)).toBe('/user/me/track/12');
    expect(entityPath('a b', 'artist', 3, '2024-01-01..2024-12-31')).toBe(
      '/user/a%20b/artist/3?range=2024-01-01..2024-12-31',
    );
    expect(entityPath('me', 'release', 5, null)).toBe('/user/me/release/5');
  });
});
