/**
 * Matching every stored (artist credit, recording, release) to MusicBrainz, in batches: each batch
 * reads its names and candidates with a handful of set-based queries (on the reader, so a running
 * server's writes never wait for them) and stores its decisions in one short transaction on the
 * write connection. `catalog match` runs it over everything pending; the server's background
 * matcher (background-matcher.ts) runs it on new listens and after catalogue updates.
 */
import { catalogueGeneration } from '../store/catalog-import-repository.js';
import {
  findArtistNames,
  findArtistsByKeys,
  findArtistsNear,
  anyHandLinks,
  findHandLinks,
  findPendingTuples,
  findRecordingDetails,
  findRecordingsByArtistTitle,
  findRecordingsByNameTitle,
  findRecordingsByTitle,
  findRecordingsOfArtists,
  findReleasesByArtistTitle,
  findStoredNames,
  lastListenId,
  matchedUpTo,
  recordMatchedUpTo,
  storeMatches,
  type ArtistHit,
  type HandLink,
  type MatchMethod,
  type MatchRow,
  type NameTitleProbe,
  type PendingTuples,
  type TitleProbe,
  type TupleId,
} from '../store/catalog-match-repository.js';
import type { Database } from '../store/database.js';
import { looseOfKey, nameKeys, splitStoreKey } from './match-keys.js';
import {
  addFuzzyArtists,
  creditNameProbes,
  decide,
  resolveCredit,
  scoreCandidate,
  titleScore,
  type ArtistCandidate,
  type CreditResolution,
  type NameLookup,
  type ReleaseGuess,
  type ScoredCandidate,
  type TupleNames,
} from './matcher.js';
import { nameSimilarity, SimilarityProbe } from './similarity.js';

export const DEFAULT_THRESHOLD = 0.8;
export const DEFAULT_BATCH = 20_000;
/** A fuzzy artist name must be at least this close to count. */
const FUZZY_ARTIST = 0.85;
/** A fuzzy title must be at least this close to be scored. */
const FUZZY_TITLE = 0.8;
/** Titles read per artist for fuzzy title matching. */
const TITLES_PER_ARTIST = 3_000;
/** Candidate artists per credited name whose titles are searched fuzzily. */
const ARTISTS_PER_NAME = 10;
/** Near spellings (and submitted MBIDs) of a name asked for the title. */
const NEAR_ARTISTS_PER_NAME = 4;
/** How sure an artist must be for its titles to be searched fuzzily (exact, alias, loose key: .92+). */
const SURE_ARTIST = 0.9;

export interface MatchOptions {
  /** Confidence a match needs (0..1). */
  threshold?: number;
  batchSize?: number;
  /** Only listens after the last sweep's high-water mark (the background matcher); default: all. */
  onlyNew?: boolean;
  now: () => number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export type MatchCounts = Record<'matched' | 'partial' | 'unmatched' | 'linked' | 'unlinked', number>;

export interface MatchReport {
  /** Tuples looked at. */
  tuples: number;
  /** Their listens. */
  listens: number;
  counts: MatchCounts;
  /** Listens whose tuple got a recording (matched or linked). */
  listensMatched: number;
  byMethod: Partial<Record<MatchMethod, number>>;
  generation: number;
  seconds: number;
}

export interface MatchDatabases {
  /** Where candidates are read (the reader in a server). */
  reads: Database;
  /** Where decisions are written (the write connection). */
  writes: Database;
}

/** Matches everything pending now; returns what it did. */
export async function matchCatalogue(dbs: MatchDatabases, options: MatchOptions): Promise<MatchReport> {
  const started = Date.now();
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const generation = await catalogueGeneration(dbs.reads);
  const upTo = await lastListenId(dbs.reads);
  const after = options.onlyNew ? await matchedUpTo(dbs.reads) : 0;
  const pending = await timed(
    'findPendingTuples',
    findPendingTuples(dbs.reads, { afterListenId: after, generation }),
  );
  const report: MatchReport = {
    tuples: pending.count,
    listens: 0,
    counts: { matched: 0, partial: 0, unmatched: 0, linked: 0, unlinked: 0 },
    listensMatched: 0,
    byMethod: {},
    generation,
    seconds: 0,
  };
  const cache = new NameCache();
  for (let from = 0; from < pending.count; from += batchSize) {
    if (options.signal?.aborted) break;
    const to = Math.min(pending.count, from + batchSize);
    const rows = await timed('matchBatch', matchBatch(dbs.reads, pending, from, to, threshold, cache));
    await timed('storeMatches', storeMatches(dbs.writes, rows, { generation, now: options.now() }));
    rows.forEach((row, i) => {
      const listens = pending.listens[from + i]!;
      report.listens += listens;
      report.counts[row.status]++;
      report.byMethod[row.method] = (report.byMethod[row.method] ?? 0) + 1;
      if (row.recordingMbid) report.listensMatched += listens;
    });
    options.onProgress?.(to, pending.count);
  }
  if (!options.signal?.aborted && upTo > after) await recordMatchedUpTo(dbs.writes, upTo);
  report.seconds = (Date.now() - started) / 1000;
  return report;
}

/** Decisions for tuples [from, to) of `pending`, in the same order. */
const TIMING = process.env.LH_MATCH_TIMING ? new Map<string, number>() : null;
async function timed<T>(name: string, work: Promise<T>): Promise<T> {
  if (!TIMING) return work;
  const t = performance.now();
  const r = await work;
  TIMING.set(name, (TIMING.get(name) ?? 0) + performance.now() - t);
  return r;
}
export function matchTimings(): Map<string, number> | null {
  return TIMING;
}

/**
 * What one matching run learnt of artist names, shared by its batches (names repeat across them):
 * the hits of every key and loose key asked (none included) and the near spellings of every name
 * no key found. A run's catalogue does not change under it; the cache ends with the run.
 */
export class NameCache {
  readonly byKey = new Map<string, ArtistHit[]>();
  readonly byLoose = new Map<string, ArtistHit[]>();
  readonly near = new Map<string, ArtistCandidate[]>();
  /** Whether any hand link exists (none: the batch's look-up of them is skipped). */
  links: boolean | null = null;

  /** Bounded: past this many names it starts over (the database stays the truth). */
  trim(max = 400_000): void {
    if (this.byKey.size + this.byLoose.size + this.near.size > max) {
      this.byKey.clear();
      this.byLoose.clear();
      this.near.clear();
    }
  }
}

export async function matchBatch(
  reads: Database,
  pending: PendingTuples,
  from: number,
  to: number,
  threshold: number,
  cache: NameCache = new NameCache(),
): Promise<MatchRow[]> {
  cache.trim();
  const ids: TupleId[] = [];
  for (let i = from; i < to; i++)
    ids.push({
      creditId: pending.creditIds[i]!,
      recordingId: pending.recordingIds[i]!,
      releaseId: pending.releaseIds[i]!,
    });
  const names = await timed(
    'findStoredNames',
    findStoredNames(reads, {
      credits: unique(ids.map((t) => t.creditId)),
      recordings: unique(ids.map((t) => t.recordingId)),
      releases: unique(ids.map((t) => t.releaseId).filter((r) => r > 0)),
    }),
  );
  cache.links ??= await anyHandLinks(reads);
  const links = new Map(
    cache.links ? (await timed('findHandLinks', findHandLinks(reads, ids))).map((l) => [tupleKey(l), l]) : [],
  );

  const tuples: (TupleNames | null)[] = ids.map((t, k) => {
    const i = from + k;
    const credit = names.credits.get(t.creditId);
    const recording = names.recordings.get(t.recordingId);
    if (!credit || !recording) return null;
    const release = t.releaseId > 0 ? names.releases.get(t.releaseId) : undefined;
    return {
      creditName: credit.name,
      members: credit.members,
      title: recording.title,
      titleKey: splitStoreKey(recording.key).nameKey,
      release: release?.title ?? null,
      releaseKey: release ? splitStoreKey(release.key).nameKey : null,
      lengthMs: pending.lengthsMs[i]! > 0 ? pending.lengthsMs[i]! : recording.lengthMs,
      submittedRecording: pending.recordingMbids[i] || null,
      submittedRelease: pending.releaseMbids[i] || null,
    };
  });

  // 1. Names → artists, by key and loose key, in one query for the batch.
  const probeNames = new Set<string>();
  for (const t of tuples) if (t) for (const n of creditNameProbes(t)) probeNames.add(n);
  const keys = new Set<string>();
  const looses = new Set<string>();
  for (const n of probeNames) {
    const k = nameKeys(n);
    if (k.key) keys.add(k.key);
    if (k.loose) looses.add(k.loose);
  }
  const newKeys = [...keys].filter((k) => !cache.byKey.has(k));
  const newLooses = [...looses].filter((l) => !cache.byLoose.has(l));
  for (const k of newKeys) cache.byKey.set(k, []);
  for (const l of newLooses) cache.byLoose.set(l, []);
  for (const h of await timed('findArtistsByKeys', findArtistsByKeys(reads, newKeys, newLooses))) {
    cache.byKey.get(h.key)?.push(h);
    cache.byLoose.get(h.loose)?.push(h);
  }
  const hits = new Set<ArtistHit>();
  for (const k of keys) for (const h of cache.byKey.get(k) ?? []) hits.add(h);
  for (const l of looses) for (const h of cache.byLoose.get(l) ?? []) hits.add(h);
  const lookup = nameLookup([...hits]);
  const submittedArtists = await timed('confirmSubmitted', confirmSubmittedArtists(reads, tuples));

  // 2. Credits resolved; fuzzy candidates for the names no key found.
  const resolutions = tuples.map((t) => (t ? resolveCredit(t, lookup, submittedArtists) : null));
  const unresolved = new Set<string>();
  for (const r of resolutions)
    for (const m of r?.members ?? [])
      if (m.candidates.length === 0 && m.loose.length >= 4) unresolved.add(m.loose);
  const notAsked = [...unresolved].filter((l) => !cache.near.has(l));
  for (const l of notAsked) cache.near.set(l, []);
  if (notAsked.length > 0)
    for (const n of await timed('findArtistsNear', findArtistsNear(reads, notAsked))) {
      const sim = nameSimilarity(n.probe, n.loose);
      if (sim >= FUZZY_ARTIST)
        cache.near
          .get(n.probe)
          ?.push({ mbid: n.mbid, name: n.name, quality: sim * 0.97, via: 'fuzzy', recordings: 0 });
    }
  if (unresolved.size > 0)
    for (const r of resolutions) if (r) addFuzzyArtists(r, (loose) => cache.near.get(loose) ?? []);

  // 3. Recordings with the title under the artists each credited name stands for: by name in one
  // join (all artists of a common name at once), by MBID for the candidates found otherwise
  // (submitted MBIDs, near spellings).
  const perTuple: Set<string>[] = tuples.map(() => new Set());
  const nameProbes: NameTitleProbe[] = [];
  const nameProbeOf: number[] = [];
  const probes: TitleProbe[] = [];
  const probeOf: number[] = [];
  tuples.forEach((t, k) => {
    const r = resolutions[k];
    if (!t || !r) return;
    const titleLoose = looseOfKey(t.titleKey);
    const asked = new Set<string>();
    for (const m of r.members) {
      const name = nameKeys(m.name);
      if (m.candidates.some((c) => c.via !== 'fuzzy' && c.via !== 'submitted') && !asked.has(name.key)) {
        asked.add(name.key);
        nameProbes.push({ nameKey: name.key, nameLoose: name.loose, titleKey: t.titleKey, titleLoose });
        nameProbeOf.push(k);
      }
      for (const c of m.candidates
        .filter((x) => x.via === 'fuzzy' || x.via === 'submitted')
        .slice(0, NEAR_ARTISTS_PER_NAME)) {
        probes.push({ artistMbid: c.mbid, key: t.titleKey, loose: titleLoose });
        probeOf.push(k);
      }
    }
  });
  for (const h of await timed('findRecordingsByNameTitle', findRecordingsByNameTitle(reads, nameProbes)))
    perTuple[nameProbeOf[h.at]!]!.add(h.recordingMbid);
  const byPair = new Map<string, string[]>();
  for (const h of await timed(
    'findRecordingsByArtistTitle',
    findRecordingsByArtistTitle(reads, dedupeProbes(probes)),
  ))
    push(byPair, `${h.artistMbid}\u001f${h.probe}`, h.recordingMbid);
  probes.forEach((p, i) => {
    for (const rec of byPair.get(`${p.artistMbid}\u001f${p.key}`) ?? []) perTuple[probeOf[i]!]!.add(rec);
  });

  // 4. Nothing by key: fuzzy titles under the first credited artist's candidates — when that artist
  // is sure (a fuzzy artist and a fuzzy title together never reach the threshold).
  const sureCandidates = (t: TupleNames | null, k: number) => {
    const first = resolutions[k]?.members[0];
    return t && first && perTuple[k]!.size === 0
      ? first.candidates.slice(0, ARTISTS_PER_NAME).filter((c) => c.quality >= SURE_ARTIST)
      : [];
  };
  const fuzzyArtists = new Set<string>();
  tuples.forEach((t, k) => {
    for (const c of sureCandidates(t, k)) fuzzyArtists.add(c.mbid);
  });
  if (fuzzyArtists.size > 0) {
    const titles = new Map<string, { recordingMbid: string; key: string; loose: string }[]>();
    for (const row of await timed(
      'findRecordingsOfArtists',
      findRecordingsOfArtists(reads, [...fuzzyArtists], TITLES_PER_ARTIST),
    ))
      push(titles, row.artistMbid, row);
    tuples.forEach((t, k) => {
      const sure = sureCandidates(t, k);
      if (!t || sure.length === 0) return;
      const loose = looseOfKey(t.titleKey);
      const ours = { key: t.titleKey, loose, probe: new SimilarityProbe(loose) };
      for (const c of sure)
        for (const row of titles.get(c.mbid) ?? [])
          if (titleScore(ours, row, FUZZY_TITLE) >= FUZZY_TITLE) perTuple[k]!.add(row.recordingMbid);
    });
  }

  // 5. A credit the catalogue does not know at all: recordings by title, credits compared by name.
  const titleOnly = new Map<string, number[]>();
  tuples.forEach((t, k) => {
    const first = resolutions[k]?.members[0];
    if (t && first && first.candidates.length === 0 && perTuple[k]!.size === 0 && t.titleKey !== '')
      push(titleOnly, t.titleKey, k);
  });
  if (titleOnly.size > 0) {
    const keysAsked = [...titleOnly.keys()];
    const byLoose = new Map<string, number[]>();
    for (const [key, ks] of titleOnly) for (const k of ks) push(byLoose, looseOfKey(key), k);
    const hits = await timed(
      'findRecordingsByTitle',
      findRecordingsByTitle(reads, keysAsked, keysAsked.map(looseOfKey), 50),
    );
    for (const hit of hits) {
      for (const k of titleOnly.get(hit.key) ?? []) perTuple[k]!.add(hit.recordingMbid);
      for (const k of byLoose.get(hit.loose) ?? []) perTuple[k]!.add(hit.recordingMbid);
    }
  }

  // 6. Details of every candidate and of the submitted recordings; then score and decide.
  const wanted = new Set<string>();
  perTuple.forEach((s) => s.forEach((m) => wanted.add(m)));
  for (const t of tuples) if (t?.submittedRecording) wanted.add(t.submittedRecording);
  const details = await timed('findRecordingDetails', findRecordingDetails(reads, [...wanted]));

  const releaseGuesses = await timed('guessReleases', guessReleases(reads, tuples, resolutions));
  return ids.map((id, k) => {
    const link = links.get(tupleKey(id));
    if (link) return linkRow(id, link);
    const t = tuples[k];
    const r = resolutions[k];
    if (!t || !r) return { ...id, ...emptyDecision() };
    const scored: ScoredCandidate[] = [...perTuple[k]!]
      .map((m) => details.get(m))
      .filter((d) => d !== undefined)
      .map((d) => scoreCandidate(t, r, d));
    let unverified: string | null = null;
    if (t.submittedRecording) {
      const known = details.get(t.submittedRecording);
      if (known) {
        const s = scoreCandidate(t, r, known);
        // The catalogue confirms the submitted MBID's names: trusted over any other candidate.
        if (s.confidence >= 0.6) {
          const row: MatchRow = {
            ...id,
            status: 'matched',
            method: 'submitted',
            confidence: Math.max(0.95, Math.round(s.confidence * 1000) / 1000),
            artistMbids: s.artistMbids,
            recordingMbid: known.mbid,
            releaseMbid: s.releaseMbid ?? releaseGuesses[k]?.releaseMbid ?? null,
            releaseGroupMbid: s.releaseGroupMbid ?? releaseGuesses[k]?.releaseGroupMbid ?? null,
            suggestion: null,
          };
          return row;
        }
      } else {
        unverified = t.submittedRecording;
      }
    }
    return {
      ...id,
      ...decide({
        tuple: t,
        resolution: r,
        scored,
        release: releaseGuesses[k] ?? null,
        unverifiedSubmission: unverified,
        threshold,
      }),
    };
  });
}

function emptyDecision(): Omit<MatchRow, keyof TupleId> {
  return {
    status: 'unmatched',
    method: 'none',
    confidence: 0,
    artistMbids: [],
    recordingMbid: null,
    releaseMbid: null,
    releaseGroupMbid: null,
    suggestion: null,
  };
}

function linkRow(id: TupleId, link: HandLink): MatchRow {
  const linked = link.action === 'link';
  return {
    ...id,
    status: linked ? 'linked' : 'unlinked',
    method: 'hand',
    confidence: linked ? 1 : 0,
    artistMbids: linked && link.artistMbids ? link.artistMbids.split(';') : [],
    recordingMbid: linked ? link.recordingMbid || null : null,
    releaseMbid: linked ? link.releaseMbid || null : null,
    releaseGroupMbid: null,
    suggestion: null,
  };
}

function nameLookup(hits: readonly ArtistHit[]): NameLookup {
  const byKey = new Map<string, ArtistCandidate[]>();
  const byLoose = new Map<string, ArtistCandidate[]>();
  const known = new Set<string>();
  for (const h of hits) {
    const quality = h.kind === 'name' ? 1 : h.kind === 'alias' ? 0.98 : 0.95;
    const via = h.kind === 'name' ? 'exact' : 'alias';
    push(byKey, h.key, { mbid: h.mbid, name: h.key, quality, via, recordings: h.recordings });
    push(byLoose, h.loose, {
      mbid: h.mbid,
      name: h.key,
      quality: quality * 0.96,
      via: 'loose',
      recordings: h.recordings,
    });
    known.add(h.key);
  }
  return {
    byKey: (key) => byKey.get(key) ?? [],
    byLoose: (loose) => byLoose.get(loose) ?? [],
    known,
    memo: new Map(),
  };
}

/** Artist MBIDs the sources gave that the catalogue holds under the name the listen gives. */
async function confirmSubmittedArtists(
  reads: Database,
  tuples: readonly (TupleNames | null)[],
): Promise<Map<string, ArtistCandidate>> {
  const asked = new Map<string, string[]>();
  for (const t of tuples) for (const m of t?.members ?? []) if (m.mbid) push(asked, m.mbid, m.name);
  const confirmed = new Map<string, ArtistCandidate>();
  if (asked.size === 0) return confirmed;
  for (const row of await findArtistNames(reads, [...asked.keys()])) {
    const names = asked.get(row.mbid) ?? [];
    if (names.some((n) => nameSimilarity(nameKeys(n).loose, row.loose) >= FUZZY_ARTIST))
      confirmed.set(row.mbid, {
        mbid: row.mbid,
        name: row.name,
        quality: 1,
        via: 'submitted',
        recordings: 0,
      });
  }
  return confirmed;
}

/** The listen's release by the first artist and the release title, for tuples that name one. */
async function guessReleases(
  reads: Database,
  tuples: readonly (TupleNames | null)[],
  resolutions: readonly (CreditResolution | null)[],
): Promise<(ReleaseGuess | null)[]> {
  const probes: TitleProbe[] = [];
  tuples.forEach((t, k) => {
    const first = resolutions[k]?.members[0]?.candidates[0];
    if (t?.releaseKey && first)
      probes.push({ artistMbid: first.mbid, key: t.releaseKey, loose: looseOfKey(t.releaseKey) });
  });
  const found = new Map<string, { releases: Set<string>; groups: Set<string> }>();
  for (const h of await findReleasesByArtistTitle(reads, dedupeProbes(probes))) {
    const id = `${h.artistMbid}\u001f${h.probe}`;
    const entry = found.get(id) ?? { releases: new Set(), groups: new Set() };
    if (h.entity === 'release') entry.releases.add(h.mbid);
    if (h.releaseGroup) entry.groups.add(h.releaseGroup);
    found.set(id, entry);
  }
  return tuples.map((t, k) => {
    const first = resolutions[k]?.members[0]?.candidates[0];
    if (!t?.releaseKey || !first) return null;
    const entry = found.get(`${first.mbid}\u001f${t.releaseKey}`);
    if (!entry) return null;
    // Only what is unambiguous: one release group; a release only when it is the only one.
    return {
      releaseGroupMbid: entry.groups.size === 1 ? [...entry.groups][0]! : null,
      releaseMbid: entry.releases.size === 1 && entry.groups.size <= 1 ? [...entry.releases][0]! : null,
    };
  });
}

function dedupeProbes(probes: readonly TitleProbe[]): TitleProbe[] {
  const seen = new Map<string, TitleProbe>();
  for (const p of probes) seen.set(`${p.artistMbid}\u001f${p.key}`, p);
  return [...seen.values()];
}

function tupleKey(t: TupleId): string {
  return `${t.creditId}:${t.recordingId}:${t.releaseId}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function unique(values: readonly number[]): number[] {
  return [...new Set(values)];
}
