/**
 * Pronounceable names from syllable tables, so a demo history reads like music rather than ids.
 * Some carry accents and a few use other scripts (Japanese, Korean, Cyrillic, Greek) so that
 * normalisation and display see realistic text.
 */
import type { Random } from './random.js';

const ONSETS = [
  'b',
  'c',
  'd',
  'f',
  'g',
  'h',
  'j',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'w',
  'z',
  'br',
  'ch',
  'cl',
  'dr',
  'fl',
  'gr',
  'kr',
  'sh',
  'st',
  'th',
  'tr',
  '',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'o', 'ai', 'ea', 'ou', 'y'];
const CODAS = ['', '', '', '', 'n', 'r', 'l', 's', 'x', 'nd', 'rt', 'm', 'th'];
const ACCENTED: Readonly<Record<string, readonly string[]>> = {
  a: ['á', 'à', 'ä', 'å', 'ã'],
  e: ['é', 'è', 'ë'],
  i: ['í', 'ï'],
  o: ['ó', 'ö', 'ø', 'ô'],
  u: ['ú', 'ü'],
  n: ['ñ'],
  c: ['ç'],
};

const KATAKANA = 'カキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン'.split('');
const HIRAGANA = 'かきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわん'.split('');
const KANJI = '空海月星花風夜光雨雪山川夢音青赤白黒愛'.split('');
const HANGUL = '김이박민서준하윤지수현아영태소리별빛바다'.split('');
const CYRILLIC = [
  'ка',
  'ли',
  'мо',
  'ра',
  'се',
  'ва',
  'на',
  'то',
  'ре',
  'ди',
  'ля',
  'ми',
  'ну',
  'за',
  'го',
  'жа',
  'шо',
];
const GREEK = ['κα', 'λο', 'μι', 'ρα', 'σο', 'τη', 'νε', 'πα', 'δι', 'ζω'];

/** English-ish words for band names and titles. */
export const WORDS = [
  'Midnight',
  'River',
  'Gold',
  'Summer',
  'Heart',
  'Fire',
  'Echo',
  'Silver',
  'Harbor',
  'Velvet',
  'Neon',
  'Ghost',
  'Paper',
  'Glass',
  'Wild',
  'Blue',
  'Honey',
  'Static',
  'Sugar',
  'Ocean',
  'Storm',
  'Lonely',
  'Electric',
  'Golden',
  'Shadow',
  'Dream',
  'Light',
  'Rain',
  'City',
  'Night',
  'Morning',
  'Winter',
  'Stone',
  'Crystal',
  'Broken',
  'Dancing',
  'Falling',
  'Running',
  'Hollow',
  'Wonder',
  'Machine',
  'Garden',
  'Desert',
  'Highway',
  'Mirror',
  'Satellite',
  'Thunder',
  'Whisper',
  'Fever',
  'Cherry',
  'Diamond',
  'Copper',
  'Lantern',
  'Orbit',
  'Signal',
  'Tide',
  'Wolves',
  'Feather',
  'Animal',
  'Pulse',
  'Memory',
  'Horizon',
  'Arrow',
  'Cinnamon',
  'Daylight',
  'Empire',
  'Forever',
  'Island',
  'Kingdom',
  'Love',
  'Magic',
  'Paradise',
  'Radio',
  'Secret',
  'Strange',
  'Tomorrow',
  'Velocity',
  'Youth',
  'Canyon',
  'Comet',
  'Lemon',
  'Marble',
  'Moth',
  'Prism',
  'Rocket',
  'Saint',
  'Sparrow',
  'Tiger',
];
const TITLE_FILLERS = ['of', 'in', 'the', 'and', 'for', 'my', 'your', 'on', 'at', 'no'];
const LATIN_WORDS = [
  'Corazón',
  'Canción',
  'Mañana',
  'Été',
  'Noël',
  'Señorita',
  'Café',
  'Ciudad',
  'Amor',
  'Fuego',
  'Niña',
  'Día',
];
export const ALL_WORDS: readonly string[] = [...WORDS, ...LATIN_WORDS];

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** One invented word of 1–3 syllables, sometimes with an accent. */
export function syllableWord(rng: Random, maxSyllables = 3, accentChance = 0.08): string {
  const n = 1 + rng.int(maxSyllables);
  let w = '';
  for (let i = 0; i < n; i++) w += rng.pick(ONSETS) + rng.pick(VOWELS) + (i === n - 1 ? rng.pick(CODAS) : '');
  if (w.length < 3) w += rng.pick(VOWELS) + rng.pick(['n', 'r', 'l', 's']);
  if (rng.chance(accentChance)) {
    const candidates: number[] = [];
    for (let i = 0; i < w.length; i++) if (ACCENTED[w.charAt(i)]) candidates.push(i);
    if (candidates.length > 0) {
      const at = rng.pick(candidates);
      w = w.slice(0, at) + rng.pick(ACCENTED[w.charAt(at)] ?? ['']) + w.slice(at + 1);
    }
  }
  return capitalise(w);
}

export type Script = 'latin' | 'japanese' | 'korean' | 'cyrillic' | 'greek';

export function nonLatinName(rng: Random, script: Exclude<Script, 'latin'>): string {
  let s = '';
  switch (script) {
    case 'japanese': {
      const table = rng.chance(0.5) ? KATAKANA : rng.chance(0.5) ? HIRAGANA : KANJI;
      const n = table === KANJI ? rng.between(2, 3) : rng.between(3, 6);
      for (let i = 0; i < n; i++) s += rng.pick(table);
      return s;
    }
    case 'korean': {
      const n = rng.between(2, 4);
      for (let i = 0; i < n; i++) s += rng.pick(HANGUL);
      return s;
    }
    case 'cyrillic': {
      const words = rng.between(1, 2);
      const out: string[] = [];
      for (let w = 0; w < words; w++) {
        let word = '';
        const n = rng.between(2, 3);
        for (let i = 0; i < n; i++) word += rng.pick(CYRILLIC);
        out.push(capitalise(word));
      }
      return out.join(' ');
    }
    case 'greek': {
      const n = rng.between(2, 3);
      for (let i = 0; i < n; i++) s += rng.pick(GREEK);
      return capitalise(s);
    }
  }
}

const plural = (w: string): string =>
  /(s|x|sh|ch)$/.test(w) ? `${w}es` : w.endsWith('y') ? `${w.slice(0, -1)}ies` : `${w}s`;

/**
 * An artist name in one of the shapes real catalogues have: a person, a one-word act, "The …s",
 * a two-word band, "DJ …", "… & the …s", a duo "A & B", stylised lower case, and a few in other
 * scripts. Duos are single words either side so credit splitting keeps them whole.
 */
export function artistName(rng: Random, script: Script): string {
  if (script !== 'latin') return nonLatinName(rng, script);
  const r = rng.next();
  if (r < 0.36) return `${syllableWord(rng, 2)} ${syllableWord(rng, 3)}`;
  if (r < 0.55) return syllableWord(rng, 3);
  if (r < 0.67) return `The ${plural(rng.pick(WORDS))}`;
  if (r < 0.8) return `${rng.pick(WORDS)} ${rng.pick(WORDS)}`;
  if (r < 0.87) return `${rng.pick(['DJ', 'MC', 'Lil', 'Young', 'Big'])} ${syllableWord(rng, 2)}`;
  if (r < 0.91) return `${syllableWord(rng, 2)} & the ${plural(rng.pick(WORDS))}`;
  if (r < 0.94) return `${syllableWord(rng, 2)} & ${syllableWord(rng, 2)}`;
  if (r < 0.98) return `${syllableWord(rng, 2)} ${syllableWord(rng, 2)}`.toLowerCase();
  return `${syllableWord(rng, 2).toUpperCase()}${rng.pick(['!', '.', '+', '$'])}`;
}

/** A song or album title of one to four words. */
export function titleWords(rng: Random, latinChance = 0.05): string {
  const r = rng.next();
  const word = () =>
    rng.chance(latinChance)
      ? rng.pick(LATIN_WORDS)
      : rng.chance(0.12)
        ? syllableWord(rng, 2)
        : rng.pick(WORDS);
  if (r < 0.3) return word();
  if (r < 0.65) return `${word()} ${word()}`;
  if (r < 0.9) return `${word()} ${rng.pick(TITLE_FILLERS)} ${word()}`;
  return `${word()} ${word()} ${rng.pick(TITLE_FILLERS)} ${word()}`;
}

export function userHandle(rng: Random): string {
  const base = syllableWord(rng, 2, 0).toLowerCase();
  const r = rng.next();
  if (r < 0.4) return `${base}${rng.between(1, 99)}`;
  if (r < 0.7) return `${base}_${syllableWord(rng, 2, 0).toLowerCase()}`;
  return base;
}
