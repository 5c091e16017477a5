import { describe, expect, it } from 'vitest';
import { nameKeys, titleKeys } from './match-keys.js';

const loose = (s: string) => nameKeys(s).loose;

describe('loose keys', () => {
  it('fold what a listen and MusicBrainz still write differently', () => {
    expect(loose('Guns N’ Roses')).toBe(loose("Guns N' Roses"));
    expect(loose('X‐Ray Spex')).toBe(loose('X Ray Spex'));
    expect(loose('JAY-Z')).toBe(loose('Jay Z'));
    expect(loose('Beyoncé')).toBe(loose('Beyonce'));
    expect(loose('Nanã')).toBe(loose('Nanä'));
    expect(loose('The Beatles')).toBe(loose('Beatles'));
    expect(loose('Florence + the Machine')).toBe(loose('Florence and the Machine'));
    expect(loose('Sigur Rós')).toBe(loose('Sigur Ros'));
    expect(loose('Mø')).toBe(loose('Mo'));
  });

  it('keep apart what differs', () => {
    expect(loose('The The')).not.toBe('');
    expect(loose('Beatles')).not.toBe(loose('Beat Les Paul'));
    expect(loose('坂本龍一')).toBe('坂本龍一');
  });
});

describe('title keys', () => {
  it('leave out version tags and feat. clauses, as for listens', () => {
    expect(titleKeys('Midnight City - 2011 Remaster').key).toBe(titleKeys('Midnight City').key);
    expect(titleKeys('Instant Crush (feat. Julian Casablancas)').key).toBe('instant crush');
    expect(titleKeys('Link Up (Spider‐Verse remix)').key).toBe(titleKeys('Link Up (Spider-Verse Remix)').key);
  });
});
