import { BoundedCache } from './bounded-cache.js';
import { PROTECTED_NAME_KEYS, PROTECTED_NAME_PATTERN } from './protected-names.js';
import { countWords, normaliseText, toKey } from './text-key.js';

/** One artist of a credit, as written in it; `joinPhrase` is the text that follows the name. */
export interface CreditedArtist {
  name: string;
  joinPhrase: string;
  key: string;
  mbid: string | null;
}

/**
 * Separators, by how sure we are that they join two artists:
 * - feat: `feat.` `ft.` `featuring` (optionally opening a bracket) — always a split, and what
 *   follows are featured artists;
 * - strong: `,` `;` ` / ` ` vs. ` ` × ` — split unless a name rule says otherwise;
 * - weak: ` & ` ` and ` ` x ` ` with ` — these also occur inside names ("Simon & Garfunkel"),
 *   so they split only with supporting evidence (see decideWeak).
 */
const SEPARATOR =
  /(?<feat>(?:\s+|\s*[([]\s*)(?:feat\.?|ft\.?|featuring)\s+)|(?<strong>\s*[,;]\s*|\s+(?:\/|vs\.?|×)\s+)|(?<weak>\s+(?:&|and|x|with)\s+)/giu;

type SeparatorKind = 'feat' | 'strong' | 'weak';

interface Separator {
  kind: SeparatorKind;
  /** As written, used when the separator turns out to be part of a name. */
  raw: string;
  /** As a join phrase. */
  text: string;
}

interface Tokens {
  parts: string[];
  /** seps[i] sits between parts[i] and parts[i + 1]. */
  seps: Separator[];
  /** A feat separator opened a bracket, so the credit ends with ")" or "]" to move into a join. */
  bracketed: boolean;
}

function protectedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  PROTECTED_NAME_PATTERN.lastIndex = 0;
  for (let m = PROTECTED_NAME_PATTERN.exec(text); m !== null; m = PROTECTED_NAME_PATTERN.exec(text)) {
    spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

function tokenise(text: string): Tokens {
  const spans = protectedSpans(text);
  const parts: string[] = [];
  const seps: Separator[] = [];
  let bracketed = false;
  let from = 0;
  SEPARATOR.lastIndex = 0;
  for (let m = SEPARATOR.exec(text); m !== null; m = SEPARATOR.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const inside = spans.find(([s, e]) => start < e && end > s);
    if (inside) {
      // A separator inside (or overlapping) a protected name: resume the search after the name.
      SEPARATOR.lastIndex = Math.max(inside[1], start + 1);
      continue;
    }
    const part = text.slice(from, start);
    const kind: SeparatorKind = m.groups?.['feat'] ? 'feat' : m.groups?.['strong'] ? 'strong' : 'weak';
    if (part === '') {
      // Leading or doubled separator: nothing to join, keep looking.
      from = end;
      continue;
    }
    if (kind === 'feat' && /[([]/.test(m[0])) bracketed = true;
    parts.push(part);
    seps.push({ kind, raw: m[0], text: joinText(m[0]) });
    from = end;
  }
  const last = text.slice(from);
  if (last !== '') parts.push(last);
  else seps.pop();
  return { parts, seps, bracketed };
}

/** Separator text as a join phrase: ", " for list punctuation, otherwise one space either side. */
function joinText(raw: string): string {
  const t = raw.trim();
  return t === ',' || t === ';' ? `${t} ` : ` ${t} `;
}

const startsWithThe = (s: string): boolean => /^the\s/i.test(s);

interface Group {
  /** Index of the first part of this group in the token list. */
  first: number;
  /** Index after the last part. */
  end: number;
  feat: boolean;
  hasStrong: boolean;
}

/**
 * Split one artist-credit string into its artists, in credit order.
 *
 * Rules (formats.md §8.2): split on feat./ft./featuring first; then on `,` `;` ` / ` ` vs. `
 * ` × `; `&`/`and`/`x`/`with` split only inside a feat. clause, in a list that also has commas,
 * when both sides are known artists, or when both sides are at least two words ("Metro Boomin &
 * James Blake"); not before "the …" ("Durand Jones & The Indications") unless the `&` closes a
 * list ("A, B & The Weeknd"). "Word, The Word" stays one name. Protected names (built-in list)
 * and `known` (keys of known artist names) are never split. Joining `name + joinPhrase` over the
 * result gives back the credit (with its separators spaced the usual way).
 *
 * Results are memoised and frozen: treat them as read-only.
 */
export function splitArtistCredit(credit: string, known?: ReadonlySet<string>): CreditedArtist[] {
  const cache = cacheFor(known);
  const hit = cache.get(credit);
  if (hit !== undefined) return hit;
  return cache.set(
    credit,
    Object.freeze(computeSplit(normaliseText(credit), known, false)) as CreditedArtist[],
  );
}

/**
 * Split the artists named in a title's feat. clause ("Ink & Kadhja Bonet"): the whole text is a
 * featured list, so `&`/`and`/`x` split as they would after "feat.".
 */
export function splitFeaturedList(text: string, known?: ReadonlySet<string>): CreditedArtist[] {
  return computeSplit(normaliseText(text), known, true);
}

const defaultCache = new BoundedCache<CreditedArtist[]>();
const knownCaches = new WeakMap<ReadonlySet<string>, BoundedCache<CreditedArtist[]>>();

function cacheFor(known: ReadonlySet<string> | undefined): BoundedCache<CreditedArtist[]> {
  if (!known || known.size === 0) return defaultCache;
  let cache = knownCaches.get(known);
  if (!cache) {
    cache = new BoundedCache<CreditedArtist[]>(50_000);
    knownCaches.set(known, cache);
  }
  return cache;
}

function isKnownKey(key: string, known: ReadonlySet<string> | undefined): boolean {
  return PROTECTED_NAME_KEYS.has(key) || (known !== undefined && known.has(key));
}

export function makeCreditedArtist(
  name: string,
  joinPhrase: string,
  mbid: string | null = null,
): CreditedArtist {
  return Object.freeze({ name, joinPhrase, key: toKey(name), mbid });
}

function computeSplit(
  text: string,
  known: ReadonlySet<string> | undefined,
  allFeatured: boolean,
): CreditedArtist[] {
  if (text === '' || isKnownKey(toKey(text), known)) return [makeCreditedArtist(text, '')];
  const tokens = tokenise(text);
  const { parts, seps } = tokens;
  if (parts.length <= 1) return [makeCreditedArtist(text, '')];

  // split[i]: whether seps[i] separates two artists.
  const split: boolean[] = seps.map(() => true);
  const locked: boolean[] = seps.map(() => false);

  // Runs of parts that together form a known name are kept whole (the built-in names are already
  // protected by the tokeniser; this catches the caller's `known` and spelling variants).
  for (let i = 0; i < parts.length - 1; i++) {
    for (let j = Math.min(parts.length - 1, i + 5); j > i; j--) {
      if (seps.slice(i, j).some((s) => s.kind === 'feat')) continue;
      if (isKnownKey(toKey(joinRange(parts, seps, i, j)), known)) {
        for (let k = i; k < j; k++) {
          split[k] = false;
          locked[k] = true;
        }
        i = j;
        break;
      }
    }
  }

  const groups = groupsOf(seps, parts.length, allFeatured);
  for (const g of groups) {
    for (let i = g.first; i < g.end - 1; i++) {
      const sep = seps[i];
      if (!sep || locked[i]) continue;
      const left = parts[i] ?? '';
      const right = parts[i + 1] ?? '';
      if (sep.kind === 'strong') {
        // "Tyler, The Creator": a one-word name, a comma, then "The …".
        split[i] = !(
          sep.text === ', ' &&
          startsWithThe(right) &&
          countWords(left) === 1 &&
          !bothKnown(left, right, known)
        );
      } else if (sep.kind === 'weak') {
        const afterList = seps.slice(g.first, i).some((x) => x.kind === 'strong');
        split[i] = decideWeak(left, right, g, afterList, known);
      }
    }
  }

  return build(tokens, split);
}

function bothKnown(left: string, right: string, known: ReadonlySet<string> | undefined): boolean {
  return known !== undefined && known.has(toKey(left)) && known.has(toKey(right));
}

function decideWeak(
  left: string,
  right: string,
  group: Group,
  afterList: boolean,
  known: ReadonlySet<string> | undefined,
): boolean {
  if (bothKnown(left, right, known)) return true;
  // "& The Bad Seeds", "and the Diamonds": a band's backing group, not a second artist — unless
  // the "&" closes a list ("Metro Boomin, Future & The Weeknd").
  if (startsWithThe(right) && !afterList) return false;
  if (group.feat || group.hasStrong) return true;
  return countWords(left) >= 2 && countWords(right) >= 2;
}

function groupsOf(seps: readonly Separator[], partCount: number, allFeatured: boolean): Group[] {
  const groups: Group[] = [];
  let first = 0;
  let feat = allFeatured;
  for (let i = 0; i <= seps.length; i++) {
    const sep = seps[i];
    if (sep === undefined || sep.kind === 'feat') {
      const end = i + 1;
      const hasStrong = seps.slice(first, end - 1).some((s) => s.kind === 'strong');
      groups.push({ first, end: Math.min(end, partCount), feat, hasStrong });
      first = end;
      feat = true;
    }
  }
  return groups;
}

function joinRange(parts: readonly string[], seps: readonly Separator[], from: number, to: number): string {
  let s = parts[from] ?? '';
  for (let k = from; k < to; k++) s += (seps[k]?.raw ?? '') + (parts[k + 1] ?? '');
  return s;
}

function build(tokens: Tokens, split: readonly boolean[]): CreditedArtist[] {
  const { parts, seps } = tokens;
  const out: CreditedArtist[] = [];
  let name = parts[0] ?? '';
  for (let i = 0; i < seps.length; i++) {
    const sep = seps[i];
    const next = parts[i + 1] ?? '';
    if (!sep) continue;
    if (split[i]) {
      out.push(makeCreditedArtist(name, sep.text));
      name = next;
    } else {
      name += sep.raw + next;
    }
  }
  let tail = '';
  if (tokens.bracketed) {
    const m = /\s*[)\]]$/.exec(name);
    if (m) {
      tail = m[0];
      name = name.slice(0, m.index);
    }
  }
  out.push(makeCreditedArtist(name, tail));
  return out;
}
