/**
 * The decisions of matching, pure: which MusicBrainz artists a stored credit names, how well a
 * candidate recording fits a stored (credit, title, release, length), and what to keep. The match
 * service (match-service.ts) asks the catalogue for candidates in set-based queries and calls these.
 *
 * Order of evidence, as issue 12 asks: submitted MBIDs when the catalogue confirms their names; then
 * exact keys of names and aliases (the store's own keys, then the loose ones of match-keys.ts); then
 * the credit split into its artists in order (the catalogue's names protect themselves: a name it
 * knows whole is never split); then fuzzy candidates (trigram / edit distance), scored with the
 * release, the length and the other credited names, kept only above the threshold.
 */
import { splitArtistCredit } from '../domain/normalise.js';
import type { CandidateRecording, MatchMethod, MatchStatus } from '../store/catalog-match-repository.js';
import { looseOfKey, nameKeys, splitStoreKey } from './match-keys.js';
import { nameSimilarity, type SimilarityProbe } from './similarity.js';

/** A stored tuple as the matcher sees it. */
export interface TupleNames {
  creditName: string;
  members: readonly { name: string; key: string; mbid: string }[];
  title: string;
  titleKey: string;
  release: string | null;
  releaseKey: string | null;
  lengthMs: number | null;
  submittedRecording: string | null;
  submittedRelease: string | null;
}

export type ArtistVia = 'submitted' | 'exact' | 'alias' | 'loose' | 'fuzzy';

export interface ArtistCandidate {
  mbid: string;
  name: string;
  /** How sure the name is of this artist, 0..1 (exact 1, alias .98, loose key .96, fuzzy: similarity). */
  quality: number;
  via: ArtistVia;
  /** Recordings crediting the artist first (tie-breaker between artists of one name). */
  recordings: number;
}

export interface ResolvedMember {
  name: string;
  loose: string;
  candidates: ArtistCandidate[];
}

export interface CreditResolution {
  members: ResolvedMember[];
  /** members: the stored split; whole: the credit is one catalogue artist; split: re-split with the catalogue's names. */
  via: 'members' | 'whole' | 'split';
}

/** What the catalogue knows of a name, by store key or loose key. */
export interface NameLookup {
  byKey(key: string): readonly ArtistCandidate[];
  byLoose(loose: string): readonly ArtistCandidate[];
  /** Store keys of every artist name found this batch: the splitter keeps these whole. */
  known: ReadonlySet<string>;
  /** Ranked candidates by name, shared by the tuples of a batch (names repeat). */
  memo?: Map<string, ArtistCandidate[]>;
}

const SEPARATORS =
  /(\s*[([]\s*(?:feat\.?|ft\.?|featuring)\s+|\s*[,;]\s*|\s+(?:\/|vs\.?|×|&|\+|and|x|with|feat\.?|ft\.?|featuring)\s+)/giu;

/**
 * Every name a credit could be made of: the whole text, each part between separators and each run
 * of up to five parts with their separators ("Earth, Wind & Fire" inside "Earth, Wind & Fire feat.
 * X"), so one look-up per batch tells the splitter which of them the catalogue knows.
 */
export function creditNameProbes(tuple: TupleNames): string[] {
  const names = new Set<string>([tuple.creditName, ...tuple.members.map((m) => m.name)]);
  for (const text of [tuple.creditName, ...tuple.members.map((m) => m.name)]) {
    const pieces = text.split(SEPARATORS);
    // pieces: part, sep, part, sep, … part
    for (let i = 0; i < pieces.length; i += 2) {
      let span = pieces[i] ?? '';
      if (span.trim() !== '') names.add(span.trim());
      for (let j = i + 2; j < pieces.length && j <= i + 10; j += 2) {
        span += (pieces[j - 1] ?? '') + (pieces[j] ?? '');
        names.add(span.trim());
      }
    }
  }
  names.delete('');
  return [...names];
}

function candidatesOf(name: string, lookup: NameLookup): ArtistCandidate[] {
  const known = lookup.memo?.get(name);
  if (known) return known.slice();
  const { key, loose } = nameKeys(name);
  const exact = lookup.byKey(key);
  const ranked = exact.length > 0 ? rank(exact) : rank(lookup.byLoose(loose));
  lookup.memo?.set(name, ranked);
  return ranked.slice();
}

/** Best first: how sure the name is, then the artist with more recordings. */
function rank(candidates: readonly ArtistCandidate[]): ArtistCandidate[] {
  const best = new Map<string, ArtistCandidate>();
  for (const c of candidates) {
    const known = best.get(c.mbid);
    if (!known || c.quality > known.quality) best.set(c.mbid, c);
  }
  return [...best.values()].sort(
    (a, b) => b.quality - a.quality || b.recordings - a.recordings || a.mbid.localeCompare(b.mbid),
  );
}

function member(name: string, candidates: ArtistCandidate[]): ResolvedMember {
  return { name, loose: nameKeys(name).loose, candidates };
}

/**
 * The catalogue artists of a stored credit. Submitted artist MBIDs the catalogue confirms come
 * first; a member it cannot resolve by key is left with no candidates (for the fuzzy step).
 */
export function resolveCredit(
  tuple: TupleNames,
  lookup: NameLookup,
  submitted: ReadonlyMap<string, ArtistCandidate>,
): CreditResolution {
  const stored = tuple.members.map((m) => {
    const confirmed = m.mbid ? submitted.get(m.mbid) : undefined;
    const byName = candidatesOf(m.name, lookup);
    return member(
      m.name,
      confirmed ? [confirmed, ...byName.filter((c) => c.mbid !== confirmed.mbid)] : byName,
    );
  });
  const allFound = stored.every((m) => m.candidates.length > 0);
  if (allFound) return { members: stored, via: 'members' };

  // The whole credit is one artist the catalogue knows ("Simon & Garfunkel" written oddly).
  if (stored.length > 1) {
    const whole = candidatesOf(tuple.creditName, lookup);
    if (whole.length > 0) return { members: [member(tuple.creditName, whole)], via: 'whole' };
  }

  // Split again, now knowing which names the catalogue holds ("Danger Mouse and Sparklehorse").
  const parts = splitArtistCredit(tuple.creditName, lookup.known);
  if (parts.length > 1) {
    const resplit = parts.map((p) => member(p.name, candidatesOf(p.name, lookup)));
    // Guests named only in the title ("(feat. X)") are members the credit text does not hold.
    const creditKey = nameKeys(tuple.creditName).key;
    const guests = stored.filter((m) => !creditKey.includes(nameKeys(m.name).key));
    const members = [...resplit, ...guests];
    const found = members.filter((m) => m.candidates.length > 0).length;
    if (found > stored.filter((m) => m.candidates.length > 0).length) return { members, via: 'split' };
  }
  return { members: stored, via: 'members' };
}

/** Adds fuzzy candidates (already scored by similarity) to the members that have none. */
export function addFuzzyArtists(
  resolution: CreditResolution,
  near: (loose: string) => readonly ArtistCandidate[],
): void {
  for (const m of resolution.members) if (m.candidates.length === 0) m.candidates = rank(near(m.loose));
}

/**
 * A title compared with a candidate's: 1 equal keys, .97 equal loose keys, else similarity (0 when
 * certainly below `atLeast`; pass a SimilarityProbe of our loose title when comparing with many).
 */
export function titleScore(
  ours: { key: string; loose: string; probe?: SimilarityProbe },
  theirs: { key: string; loose: string },
  atLeast = 0,
): number {
  if (ours.key === theirs.key) return 1;
  if (ours.loose === theirs.loose) return 0.97;
  // "The Zoo Blues" for MusicBrainz's "The Zoo Blues (Asa)": a comment the listen does not carry.
  if (theirs.loose.startsWith(ours.loose) && ours.loose.length >= 4) {
    const extra = theirs.loose.length - ours.loose.length;
    if (extra <= Math.max(4, ours.loose.length / 2))
      return Math.max(0.88, nameSimilarity(ours.loose, theirs.loose));
  }
  return ours.probe ? ours.probe.similarity(theirs.loose, atLeast) : nameSimilarity(ours.loose, theirs.loose);
}

export interface ScoredCandidate {
  recording: CandidateRecording;
  /** 0..1 */
  confidence: number;
  /** The same before it was capped at 1, for ranking candidates that all reach 1. */
  score: number;
  /** The titles are the same with version tags kept ("(radio edit)" against "(radio edit)"). */
  sameFullTitle: boolean;
  method: MatchMethod;
  /** Candidate artists of the credit as the recording credits them, in its order. */
  artistMbids: string[];
  releaseMbid: string | null;
  releaseGroupMbid: string | null;
}

const METHOD_RANK: Record<MatchMethod, number> = {
  hand: 0,
  submitted: 1,
  exact: 2,
  alias: 3,
  split: 4,
  fuzzy: 5,
  artist: 6,
  none: 7,
};

function weaker(a: MatchMethod, b: MatchMethod): MatchMethod {
  return METHOD_RANK[a] >= METHOD_RANK[b] ? a : b;
}

const viaMethod = (via: ArtistVia): MatchMethod =>
  via === 'fuzzy' ? 'fuzzy' : via === 'exact' || via === 'submitted' ? 'exact' : 'alias';

/**
 * How well `recording` fits the tuple, 0..1: title × artists, with the release and the length as
 * further evidence. The artists: where the credit's first artist stands in the recording's credit,
 * how sure its name was, and how many of the other credited artists the recording also credits.
 */
export function scoreCandidate(
  tuple: TupleNames,
  resolution: CreditResolution,
  recording: CandidateRecording,
): ScoredCandidate {
  const ours = { key: tuple.titleKey, loose: looseOfKey(tuple.titleKey) };
  const theirTitle = nameKeys(recording.title);
  const title = Math.max(
    titleScore(ours, { key: theirTitle.key, loose: theirTitle.loose }),
    titleScore(ours, titleKeysOf(recording.title)),
  );
  let method: MatchMethod = title === 1 ? 'exact' : title >= 0.97 ? 'alias' : 'fuzzy';
  if (resolution.via === 'split') method = weaker(method, 'split');

  const theirArtists = recording.artists.map((a) => a.artist);
  const [first, ...others] = resolution.members;
  let artist = 0;
  const chosen: string[] = [];
  const primary = first?.candidates.find((c) => theirArtists.includes(c.mbid));
  if (first && primary) {
    const at = theirArtists.indexOf(primary.mbid);
    const covered = others.filter((m) => m.candidates.some((c) => theirArtists.includes(c.mbid))).length;
    artist =
      (at === 0 ? 1 : 0.95) * primary.quality * (0.85 + (0.15 * (covered + 1)) / resolution.members.length);
    method = weaker(method, viaMethod(primary.via));
  } else if (first) {
    // No candidate artist of ours is credited: compare the names as written.
    const theirNames = recording.artists.map((a) => nameKeys(a.name).loose);
    const theirCredit = looseOfKey(
      nameKeys(recording.artists.map((a) => a.name + a.joinPhrase).join('')).key,
    );
    const sim = Math.max(
      ...theirNames.map((n) => nameSimilarity(first.loose, n)),
      nameSimilarity(nameKeys(tuple.creditName).loose, theirCredit),
    );
    artist = sim >= 0.85 ? sim * 0.95 : 0;
    method = weaker(method, sim === 1 ? 'alias' : 'fuzzy');
  }
  chosen.push(...theirArtists);

  let confidence = title * artist;
  let releaseMbid: string | null = null;
  let releaseGroupMbid: string | null = null;
  if (tuple.releaseKey) {
    const rk = { key: tuple.releaseKey, loose: looseOfKey(tuple.releaseKey) };
    const onRelease =
      recording.releases.find((r) => r.key === rk.key || r.loose === rk.loose) ??
      recording.releases.find((r) => r.groupKey === rk.key || r.groupLoose === rk.loose);
    if (onRelease) {
      releaseMbid = onRelease.release;
      releaseGroupMbid = onRelease.releaseGroup || null;
      confidence += 0.03;
    }
  }
  if (tuple.submittedRelease && recording.releases.some((r) => r.release === tuple.submittedRelease)) {
    const r = recording.releases.find((x) => x.release === tuple.submittedRelease)!;
    releaseMbid = r.release;
    releaseGroupMbid = r.releaseGroup || null;
  }
  if (tuple.lengthMs && recording.lengthMs) {
    const delta = Math.abs(tuple.lengthMs - recording.lengthMs);
    if (delta <= 3_000) confidence += 0.02;
    else if (delta > 60_000) confidence *= 0.85;
    else if (delta > 15_000) confidence *= 0.95;
  }
  return {
    recording,
    confidence: Math.min(1, confidence),
    score: confidence,
    sameFullTitle: nameKeys(recording.title).key === nameKeys(tuple.title).key,
    method,
    artistMbids: chosen,
    releaseMbid,
    releaseGroupMbid,
  };
}

/** The store's title key and loose key of a MusicBrainz title (version tags and feat. removed). */
function titleKeysOf(title: string): { key: string; loose: string } {
  const key = nameKeys(title.replace(/\s*[([][^)\]]*[)\]]\s*$/u, '')).key;
  return { key, loose: looseOfKey(key) };
}

/**
 * Best first; ties (siblings: the same song by the same artist, its radio edit, its live take) go to
 * the same title with its version tags, the recording on the listen's release, the closer length,
 * then the one on more releases and the older.
 */
export function bestCandidate(tuple: TupleNames, scored: readonly ScoredCandidate[]): ScoredCandidate | null {
  if (scored.length === 0) return null;
  const lengthGap = (s: ScoredCandidate) =>
    tuple.lengthMs && s.recording.lengthMs ? Math.abs(tuple.lengthMs - s.recording.lengthMs) : 1e9;
  return [...scored].sort(
    (a, b) =>
      b.score - a.score ||
      Number(b.sameFullTitle) - Number(a.sameFullTitle) ||
      Number(b.releaseMbid !== null) - Number(a.releaseMbid !== null) ||
      lengthGap(a) - lengthGap(b) ||
      b.recording.releases.length - a.recording.releases.length ||
      (a.recording.firstReleaseDate || '9999').localeCompare(b.recording.firstReleaseDate || '9999') ||
      a.recording.mbid.localeCompare(b.recording.mbid),
  )[0]!;
}

export interface Decision {
  status: MatchStatus;
  method: MatchMethod;
  confidence: number;
  artistMbids: string[];
  recordingMbid: string | null;
  releaseMbid: string | null;
  releaseGroupMbid: string | null;
  suggestion: Record<string, unknown> | null;
}

export interface ReleaseGuess {
  releaseMbid: string | null;
  releaseGroupMbid: string | null;
}

/**
 * What to keep for one tuple: the best candidate recording when it reaches `threshold`; else the
 * credit's artists alone when each is sure enough (status partial); else nothing, with the best
 * candidate kept as a suggestion for the matching view.
 */
export function decide(input: {
  tuple: TupleNames;
  resolution: CreditResolution;
  scored: readonly ScoredCandidate[];
  /** The listen's release found by artist and title, when the recording's releases did not say. */
  release: ReleaseGuess | null;
  /** A submitted recording MBID the catalogue does not hold (nothing to check it against). */
  unverifiedSubmission: string | null;
  threshold: number;
}): Decision {
  const { tuple, resolution, scored, release, threshold } = input;
  const best = bestCandidate(tuple, scored);
  if (best && best.confidence >= threshold) {
    return {
      status: 'matched',
      method: best.method,
      confidence: round(best.confidence),
      artistMbids: best.artistMbids,
      recordingMbid: best.recording.mbid,
      releaseMbid: best.releaseMbid ?? release?.releaseMbid ?? null,
      releaseGroupMbid: best.releaseGroupMbid ?? release?.releaseGroupMbid ?? null,
      suggestion: null,
    };
  }
  const suggestion =
    best && best.confidence >= 0.5
      ? {
          recordingMbid: best.recording.mbid,
          title: best.recording.title,
          artist: best.recording.artists.map((a) => a.name + a.joinPhrase).join(''),
          confidence: round(best.confidence),
        }
      : null;
  const artists = artistsOnly(resolution);
  if (input.unverifiedSubmission) {
    // Nothing in the catalogue to check it against: kept, but below a confirmed match.
    return {
      status: 'matched',
      method: 'submitted',
      confidence: 0.85,
      artistMbids:
        artists && artists.confidence >= threshold
          ? artists.mbids
          : tuple.members.map((m) => m.mbid).filter((m) => m !== ''),
      recordingMbid: input.unverifiedSubmission,
      releaseMbid: tuple.submittedRelease,
      releaseGroupMbid: null,
      suggestion: null,
    };
  }
  if (artists && artists.confidence >= threshold) {
    return {
      status: 'partial',
      method: artists.method,
      confidence: round(artists.confidence),
      artistMbids: artists.mbids,
      recordingMbid: null,
      releaseMbid: release?.releaseMbid ?? null,
      releaseGroupMbid: release?.releaseGroupMbid ?? null,
      suggestion,
    };
  }
  return {
    status: 'unmatched',
    method: 'none',
    confidence: 0,
    artistMbids: [],
    recordingMbid: null,
    releaseMbid: null,
    releaseGroupMbid: null,
    suggestion,
  };
}

/**
 * The credit's artists when there is no recording to confirm them: each member's best candidate,
 * less sure when another artist of the same name is as good (more recordings breaks the tie).
 */
export function artistsOnly(
  resolution: CreditResolution,
): { mbids: string[]; confidence: number; method: MatchMethod } | null {
  // The first credited artist decides; a guest the catalogue lacks, or cannot tell from another of
  // the same name, is left out of the list (and the match counts as less sure).
  const [first, ...guests] = resolution.members;
  const primary = first ? sureArtist(first) : null;
  if (!primary) return null;
  const mbids = [primary.mbid];
  let method: MatchMethod = weaker(resolution.via === 'split' ? 'split' : 'exact', viaMethod(primary.via));
  let complete = true;
  for (const m of guests) {
    const guest = sureArtist(m);
    if (!guest || guest.confidence < 0.8) {
      complete = false;
      continue;
    }
    mbids.push(guest.mbid);
    method = weaker(method, viaMethod(guest.via));
  }
  return { mbids, confidence: primary.confidence * (complete ? 1 : 0.9), method };
}

/** A member's best candidate and how sure it is, less when another artist of the name is as good. */
function sureArtist(m: ResolvedMember): { mbid: string; confidence: number; via: ArtistVia } | null {
  const [top, next] = m.candidates;
  if (!top) return null;
  let sure = top.quality;
  if (next && next.quality >= top.quality) sure *= next.recordings < top.recordings ? 0.92 : 0.7;
  return { mbid: top.mbid, confidence: sure, via: top.via };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The title key of a stored recording key (artist key U+001F title key). */
export function titleKeyOfStored(key: string): string {
  return splitStoreKey(key).nameKey;
}
