import { BoundedCache } from './bounded-cache.js';

/** Clean ASCII text needs no work: printable characters, single spaces, nothing at either end. */
const CLEAN_ASCII = /^(?:[!-~]+ )*[!-~]+$/;
/** Invisible characters that only get in the way: ZWSP, word joiner, BOM, soft hyphen, C0/C1 controls. */
const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;
/**
 * ZWNJ/ZWJ carry meaning between non-ASCII characters (Persian words, emoji sequences); next to
 * ASCII, spaces or the ends of the text they are noise.
 */
const STRAY_JOINER = /(?<![^\x00-\x7F])[\u200C\u200D]|[\u200C\u200D](?![^\x00-\x7F])/g;
/** Every Unicode space (NBSP, thin spaces, ideographic space …) and line break. */
const SPACES = /\s+/g;

const textCache = new BoundedCache<string>();

/**
 * Display clean-up: NFC, invisible characters removed, every kind of space turned into one ASCII
 * space, trimmed. Keeps case, punctuation and version tags.
 */
export function normaliseText(s: string): string {
  if (CLEAN_ASCII.test(s)) return s;
  const hit = textCache.get(s);
  if (hit !== undefined) return hit;
  const out = s.normalize('NFC').replace(INVISIBLE, '').replace(STRAY_JOINER, '').replace(SPACES, ' ').trim();
  return textCache.set(s, out);
}

/**
 * What a key keeps: letters, combining marks and digits of every script. Marks are kept because
 * in Devanagari, Thai, Hangul jamo … they are part of the letters (after NFKC, Latin accents are
 * already composed into their letters).
 */
const NOT_KEY_CHAR = /[^\p{L}\p{M}\p{N}\s]+/gu;
const DOLLAR_AS_S = /\$(?=\p{L})/gu;

const keyCache = new BoundedCache<string>();

/**
 * Matching key: NFKC, case-folded, `&` read as "and", punctuation and symbols dropped, spaces
 * collapsed. "Tyler, The Creator" = "Tyler The Creator", "AC/DC" → "acdc", "Spider‐Verse"
 * (U+2010) = "Spider-Verse", "Straße" = "STRASSE". A name of symbols only ("!!!", "†") keeps its
 * folded text so distinct symbol names stay distinct; only '' gives ''.
 */
export function toKey(s: string): string {
  const hit = keyCache.get(s);
  if (hit !== undefined) return hit;
  return keyCache.set(s, computeKey(s));
}

function computeKey(s: string): string {
  const folded = caseFold(s.normalize('NFKC'));
  const key = folded
    .replace(DOLLAR_AS_S, 's')
    .replaceAll('&', ' and ')
    .replace(NOT_KEY_CHAR, '')
    .replace(SPACES, ' ')
    .trim();
  if (key !== '') return key;
  return folded.replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

/** toLowerCase plus the full case folds it misses (ß → ss, final sigma → sigma). */
function caseFold(s: string): string {
  let t = s.toLowerCase();
  if (t.includes('ß')) t = t.replaceAll('ß', 'ss');
  if (t.includes('ς')) t = t.replaceAll('ς', 'σ');
  return t;
}

/** Number of space-separated words in normalised text. */
export function countWords(s: string): number {
  let n = 1;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 32) n++;
  return n;
}
