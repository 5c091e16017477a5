import { describe, expect, it } from 'vitest';
import { hourShares, mbidFrom, statusRows } from './catalog-shaping';

describe('mbidFrom', () => {
  const id = 'b1f6e6a4-2c0d-4d8e-9f43-2f1f8a7c5e10';
  it('takes an MBID or a MusicBrainz recording URL, and nothing else', () => {
    expect(mbidFrom(` ${id.toUpperCase()} `)).toBe(id);
    expect(mbidFrom(`https://musicbrainz.org/recording/${id}`)).toBe(id);
    expect(mbidFrom('Midnight City')).toBeNull();
    expect(mbidFrom(id.slice(0, 30))).toBeNull();
  });
});

describe('statusRows', () => {
  it('adds the methods of one status and gives shares, biggest first', () => {
    expect(
      statusRows([
        { status: 'matched', listens: 60 },
        { status: 'matched', listens: 20 },
        { status: 'unmatched', listens: 15 },
        { status: 'partial', listens: 5 },
      ]),
    ).toEqual([
      { label: 'Matched', listens: 80, share: 0.8 },
      { label: 'Not found', listens: 15, share: 0.15 },
      { label: 'Artists only', listens: 5, share: 0.05 },
    ]);
  });
});

describe('hourShares', () => {
  it("gives each genre's part of every hour's plays, in percent", () => {
    const hours = (at: number, n: number) => Array.from({ length: 24 }, (_, h) => (h === at ? n : 0));
    const [rock, jazz] = hourShares([
      { genre: 'rock', hours: hours(9, 3) },
      { genre: 'jazz', hours: hours(9, 1) },
    ]);
    expect(rock!.shares[9]).toBe(75);
    expect(jazz!.shares[9]).toBe(25);
    expect(rock!.shares[10]).toBe(0);
  });
});
