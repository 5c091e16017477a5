/**
 * Names as the store keeps them: display text cleaned but faithful to the source, plus matching
 * keys that survive the differences between services (case, punctuation, Unicode forms, version
 * tags, how a multi-artist credit is written). Pure and memoised: names repeat heavily in a
 * history, so an import of a million listens mostly hits the caches.
 */
import { BoundedCache } from './bounded-cache.js';
import { makeCreditedArtist, splitArtistCredit, type CreditedArtist } from './credits.js';
import type { CreditPart, ListenDraft } from './listen.js';
import { parseRelease, parseTitle } from './titles.js';
import { normaliseText, toKey } from './text-key.js';

export { normaliseText, toKey } from './text-key.js';
export { splitArtistCredit, type CreditedArtist } from './credits.js';
export { removeVersionTags } from './titles.js';

export interface NormalisedNames {
  /** The credit as given: NFC, trimmed, inner whitespace collapsed. */
  artistCredit: string;
  /** At least one, in credit order; names as written in the credit. Shared between calls: read-only. */
  artists: CreditedArtist[];
  /**
   * Key of the credit as a list of artists: the members' keys in order, so two plays share a
   * credit only when they credit the same artists (a title's "feat. X" is part of that play's
   * credit, never of another play by the same artist).
   */
  creditKey: string;
  /** The credit as display text: each artist's name and join phrase ("Daft Punk feat. Pharrell Williams"). */
  creditName: string;
  /** Key of artists[0]. */
  primaryArtistKey: string;
  /** Display title: NFC, trimmed, collapsed, version tags kept. */
  track: string;
  /** Matching key of the title: feat. clause and version tags removed. */
  titleKey: string;
  release: string | null;
  /** Matching key of the release: edition tags removed. */
  releaseKey: string | null;
  /** primaryArtistKey + U+001F + titleKey: the dedup identity together with user and time. */
  matchKey: string;
}

export type NameDraft = Pick<ListenDraft, 'artist' | 'track' | 'release' | 'credit' | 'artistMbids'>;

interface CreditText {
  artistCredit: string;
  artists: CreditedArtist[];
}

const creditCache = new BoundedCache<CreditText>();

function creditText(raw: string): CreditText {
  const hit = creditCache.get(raw);
  if (hit !== undefined) return hit;
  const artistCredit = normaliseText(raw);
  return creditCache.set(raw, { artistCredit, artists: splitArtistCredit(raw) });
}

/**
 * Whole results, found by track title and then compared field by field. One hash of one fresh
 * string per listen is the cheapest probe: a combined key (artist + track + release) costs more
 * to build and hash than all the work it saves. A title shared by many artists ("Intro") gets
 * its own map by artist, so a lookup never scans a long list.
 */
interface CachedNames {
  artist: string;
  release: string | null;
  /** The structured credit flattened (name, join phrase, MBID per part): one object to read. */
  credit: Array<string | null> | null;
  mbids: string[] | null;
  names: NormalisedNames;
}

type TitleBucket = CachedNames[] | Map<string, CachedNames[]>;

const MAX_CACHED = 200_000;
/** Past this many versions of one title, index them by artist. */
const MAX_LIST = 8;
/** Variants (release, credit, MBIDs) kept per title and artist. */
const MAX_VARIANTS = 16;
const namesByTrack = new Map<string, TitleBucket>();
let cachedCount = 0;

/**
 * Names and keys of one listen. Memoised on the draft's text: equal drafts get the same frozen
 * object, so treat the result (and its `artists`) as read-only.
 */
export function normaliseNames(draft: NameDraft): NormalisedNames {
  const release = draft.release ?? null;
  const credit = draft.credit && draft.credit.length > 0 ? draft.credit : null;
  const mbids = draft.artistMbids && draft.artistMbids.length > 0 ? draft.artistMbids : null;
  const bucket = namesByTrack.get(draft.track);
  const list = bucket === undefined ? undefined : Array.isArray(bucket) ? bucket : bucket.get(draft.artist);
  if (list !== undefined) {
    for (const c of list) {
      if (
        c.artist === draft.artist &&
        c.release === release &&
        sameCredit(c.credit, credit) &&
        sameList(c.mbids, mbids)
      ) {
        return c.names;
      }
    }
  }
  const names = computeNames(draft);
  Object.freeze(names.artists);
  Object.freeze(names);
  remember(draft.track, {
    artist: draft.artist,
    release,
    credit: credit && credit.flatMap((p) => [p.name, p.joinPhrase, p.mbid ?? null]),
    mbids: mbids && mbids.slice(),
    names,
  });
  return names;
}

function remember(track: string, entry: CachedNames): void {
  if (cachedCount >= MAX_CACHED) {
    namesByTrack.clear();
    cachedCount = 0;
  }
  cachedCount++;
  const bucket = namesByTrack.get(track);
  if (bucket === undefined) {
    namesByTrack.set(track, [entry]);
  } else if (Array.isArray(bucket) && bucket.length < MAX_LIST) {
    bucket.push(entry);
  } else {
    let byArtist = bucket;
    if (Array.isArray(byArtist)) {
      const m = new Map<string, CachedNames[]>();
      for (const e of byArtist) m.set(e.artist, [...(m.get(e.artist) ?? []), e]);
      namesByTrack.set(track, m);
      byArtist = m;
    }
    const variants = byArtist.get(entry.artist);
    if (variants === undefined) {
      byArtist.set(entry.artist, [entry]);
    } else {
      if (variants.length >= MAX_VARIANTS) {
        variants.shift();
        cachedCount--;
      }
      variants.push(entry);
    }
  }
}

function sameCredit(
  flat: ReadonlyArray<string | null> | null,
  credit: readonly CreditPart[] | null,
): boolean {
  if (flat === null || credit === null) return flat === credit;
  if (flat.length !== credit.length * 3) return false;
  for (let i = 0, k = 0; i < credit.length; i++, k += 3) {
    const p = credit[i];
    if (!p || flat[k] !== p.name || flat[k + 1] !== p.joinPhrase || flat[k + 2] !== (p.mbid ?? null))
      return false;
  }
  return true;
}

function sameList(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function computeNames(draft: NameDraft): NormalisedNames {
  const credit = creditText(draft.artist);
  const title = parseTitle(draft.track);
  const release = draft.release ? parseRelease(draft.release) : null;

  const structured = draft.credit && draft.credit.length > 0 ? fromCreditParts(draft.credit) : null;
  let artists = structured ?? credit.artists;
  const creditCount = artists.length;
  if (title.featured.length > 0) artists = withFeatured(artists, title.featured);
  if (structured === null && draft.artistMbids && draft.artistMbids.length > 0) {
    artists = withMbids(artists, creditCount, draft.artistMbids);
  }

  const primaryArtistKey = artists[0]?.key ?? toKey(credit.artistCredit);
  const hasRelease = release !== null && release.release !== '';
  return {
    artistCredit: credit.artistCredit,
    artists,
    creditKey: creditKeyOf(artists),
    creditName: creditNameOf(artists),
    primaryArtistKey,
    track: title.track,
    titleKey: title.titleKey,
    release: hasRelease ? release.release : null,
    releaseKey: hasRelease ? release.releaseKey : null,
    matchKey: `${primaryArtistKey}\u001f${title.titleKey}`,
  };
}

/** Separates the members' keys in a credit key (never part of a key: keys hold letters, digits and spaces). */
const MEMBER_SEPARATOR = '\u001e';

/** The identity of a credit: who is credited, in order (how the credit was written is display only). */
export function creditKeyOf(artists: readonly CreditedArtist[]): string {
  return artists.map((a) => a.key).join(MEMBER_SEPARATOR);
}

export function creditNameOf(artists: readonly CreditedArtist[]): string {
  return artists.map((a) => a.name + a.joinPhrase).join('');
}

/** A structured credit (ListenBrainz mapping) used as is; null when it names nobody. */
function fromCreditParts(parts: readonly CreditPart[]): CreditedArtist[] | null {
  const out: CreditedArtist[] = [];
  for (const p of parts) {
    const name = normaliseText(p.name);
    if (name !== '') out.push(makeCreditedArtist(name, p.joinPhrase, p.mbid ?? null));
  }
  return out.length > 0 ? out : null;
}

/**
 * Featured artists from the title that the credit does not already name, appended MusicBrainz
 * style: "A feat. B & C" (or "A feat. B & C" + ", D" when the credit had its own feat. clause).
 */
function withFeatured(artists: CreditedArtist[], featured: readonly CreditedArtist[]): CreditedArtist[] {
  const present = new Set(artists.map((a) => a.key));
  const extra = featured.filter((f) => !present.has(f.key));
  if (extra.length === 0) return artists;
  const hadFeat = artists.some((a) => /\b(?:feat|ft|featuring)\b/i.test(a.joinPhrase));
  const out = artists.slice();
  const lastIndex = out.length - 1;
  const last = out[lastIndex];
  if (last) out[lastIndex] = makeCreditedArtist(last.name, hadFeat ? ' & ' : ' feat. ', last.mbid);
  extra.forEach((f, i) => {
    const join = i === extra.length - 1 ? '' : i === extra.length - 2 ? ' & ' : ', ';
    out.push(makeCreditedArtist(f.name, join, f.mbid));
  });
  return out;
}

/** MBIDs attach in order when their count matches the credit's artists (or credit + title features). */
function withMbids(
  artists: CreditedArtist[],
  creditCount: number,
  mbids: readonly string[],
): CreditedArtist[] {
  const n = mbids.length === creditCount ? creditCount : mbids.length === artists.length ? artists.length : 0;
  if (n === 0) return artists;
  return artists.map((a, i) => (i < n ? makeCreditedArtist(a.name, a.joinPhrase, mbids[i] ?? null) : a));
}

/**
 * The identity of a release in the store: its primary artist's key and its title key (edition tags
 * ignored), joined by U+001F; null without a release title.
 */
export function releaseKeyOf(names: Pick<NormalisedNames, 'primaryArtistKey' | 'releaseKey'>): string | null {
  return names.releaseKey ? `${names.primaryArtistKey}\u001f${names.releaseKey}` : null;
}

/**
 * Discogs' marks on artist names that no other service writes: the number that tells artists of one
 * name apart ("Nirvana (2)") and the asterisk after a name variation ("Prince*").
 */
const DISCOGS_MARKS = /\s\(\d+\)(?=\s|,|$)|(?<=\S)\*(?=\s|,|$)/gu;

/**
 * The release key of a Discogs collection or wantlist item (artist and title as the export writes
 * them): the key a listen of that release has, so the item finds its plays.
 */
export function discogsReleaseKey(artist: string, title: string): string | null {
  const credit = normaliseText(artist.replace(DISCOGS_MARKS, ''));
  const first = splitArtistCredit(credit)[0];
  const release = parseRelease(title);
  if (release.release === '') return null;
  return releaseKeyOf({ primaryArtistKey: first?.key ?? toKey(credit), releaseKey: release.releaseKey });
}
