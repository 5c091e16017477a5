import { describe, expect, it } from 'vitest';
import { entityFrom, shares } from './recommendation-shaping';

describe('recommendation shaping', () => {
  it('reads the entity from the URL, recordings by default', () => {
    expect(entityFrom(new URLSearchParams('entity=artist'))).toBe('artist');
    expect(entityFrom(new URLSearchParams('entity=song'))).toBe('recording');
  });

  it('turns an explanation into shares of the score, per model of a hybrid', () => {
    const s = shares(2, [
      {
        kind: 'model',
        model: 'als',
        weight: 0.6,
        contribution: 1.5,
        parts: [
          {
            kind: 'item',
            item: { name: 'Teardrop', artist: 'Massive Attack' },
            contribution: 1.5,
            similarity: null,
          },
        ],
      },
      {
        kind: 'model',
        model: 'content',
        weight: 0.4,
        contribution: 0.5,
        parts: [{ kind: 'feature', feature: 'tag:trip-hop', contribution: 0.5 }],
      },
    ]);
    expect(s.map((m) => [m.model, m.share])).toEqual([
      ['listening patterns (ALS), weight 0.6', 0.75],
      ['tags and artists (content), weight 0.4', 0.25],
    ]);
    expect(s[0]!.parts[0]).toMatchObject({ label: 'Massive Attack — Teardrop', share: 0.75 });
    expect(s[1]!.parts[0]).toMatchObject({ label: 'trip-hop', detail: 'a tag you play' });
  });
});
