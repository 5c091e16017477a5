/**
 * Matching keys on top of the store's own (domain/normalise.ts): `toKey` already folds case,
 * Unicode punctuation (typographic apostrophes, U+2010 hyphens, quotes) and `&` = "and". The loose
 * key folds what a listen and MusicBrainz still write differently: accents on Latin letters
 * ("Beyonce" = "Beyoncé", "Nanã" = "Nanä"), a leading "The", "and" between words (`+`, `&` and
 * "and" are one), and spacing ("X-Ray Spex" = "X Ray Spex", "JAY-Z" = "Jay Z"). It never replaces
 * the store's keys; it is the second look-up when the exact key finds nothing.
 */
import { toKey } from '../domain/normalise.js';
import { parseRelease, parseTitle } from '../domain/titles.js';

const LATIN_WITH_MARKS = /(\p{Script=Latin})\p{M}+/gu;
/** Latin letters NFD does not take apart. */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const FOLDABLE = /[øæœłđðþı]/g;

const cache = new Map<string, string>();
const MAX_CACHED = 200_000;

/** The loose form of a store key (`toKey` output). */
export function looseOfKey(key: string): string {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let s = key;
  // Only text outside ASCII can carry accents; most names are plain.

  if (/[^\x00-\x7f]/.test(s)) {
    s = s.normalize('NFD').replace(LATIN_WITH_MARKS, '$1').normalize('NFC');
    s = s.replace(FOLDABLE, (c) => LETTER_FOLDS[c] ?? c);
  }
  const words = s.split(' ').filter((w) => w !== '');
  if (words.length > 1 && words[0] === 'the') words.shift();
  const kept = words.length > 2 ? words.filter((w, i) => w !== 'and' || i === 0) : words;
  const out = kept.join('');
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, out === '' ? key.replaceAll(' ', '') : out);
  return cache.get(key)!;
}

/** Store key and loose key of an artist name as written. */
export function nameKeys(name: string): { key: string; loose: string } {
  const key = toKey(name);
  return { key, loose: looseOfKey(key) };
}

/**
 * Keys of a recording title: the store's title key (feat. clause and version tags removed, as for
 * listens) and its loose form.
 */
export function titleKeys(title: string): { key: string; loose: string } {
  const key = parseTitle(title).titleKey;
  return { key, loose: looseOfKey(key) };
}

/** Keys of a release or release-group title (edition tags removed, as for listens). */
export function releaseKeys(title: string): { key: string; loose: string } {
  const key = parseRelease(title).releaseKey;
  return { key, loose: looseOfKey(key) };
}

/**
 * The artist key and the title (or release) key of a store catalogue key, which joins them with
 * U+001F (recordings.key, releases.key).
 */
export function splitStoreKey(key: string): { artistKey: string; nameKey: string } {
  const at = key.indexOf('\u001f');
  return at < 0
    ? { artistKey: '', nameKey: key }
    : { artistKey: key.slice(0, at), nameKey: key.slice(at + 1) };
}
