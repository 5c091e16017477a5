import { describe, expect, it } from 'vitest';
import type { CandidateRecording } from '../store/catalog-match-repository.js';
import { nameKeys } from './match-keys.js';
import {
  artistsOnly,
  decide,
  resolveCredit,
  scoreCandidate,
  type ArtistCandidate,
  type NameLookup,
  type TupleNames,
} from './matcher.js';

/** A catalogue of artist names, as the match service builds its look-up from one batch's hits. */
function lookupOf(artists: Record<string, string[]>): NameLookup {
  const byKey = new Map<string, ArtistCandidate[]>();
  const byLoose = new Map<string, ArtistCandidate[]>();
  for (const [name, mbids] of Object.entries(artists)) {
    const { key, loose } = nameKeys(name);
    byKey.set(
      key,
      mbids.map((mbid, i) => ({ mbid, name, quality: 1, via: 'exact' as const, recordings: 10 - i })),
    );
    byLoose.set(
      loose,
      mbids.map((mbid) => ({ mbid, name, quality: 0.96, via: 'loose' as const, recordings: 1 })),
    );
  }
  return {
    byKey: (k) => byKey.get(k) ?? [],
    byLoose: (l) => byLoose.get(l) ?? [],
    known: new Set(byKey.keys()),
  };
}

function tuple(
  credit: string,
  members: string[],
  title: string,
  extra: Partial<TupleNames> = {},
): TupleNames {
  return {
    creditName: credit,
    members: members.map((name) => ({ name, key: nameKeys(name).key, mbid: '' })),
    title,
    titleKey: nameKeys(title).key,
    release: null,
    releaseKey: null,
    lengthMs: null,
    submittedRecording: null,
    submittedRelease: null,
    ...extra,
  };
}

function recording(
  mbid: string,
  title: string,
  artists: [string, string][],
  lengthMs: number | null = null,
): CandidateRecording {
  return {
    mbid,
    title,
    lengthMs,
    firstReleaseDate: '',
    artists: artists.map(([artist, name]) => ({ artist, name, joinPhrase: '' })),
    releases: [],
  };
}

const lookup = lookupOf({
  'Danger Mouse': ['dm'],
  Sparklehorse: ['sh'],
  'Simon & Garfunkel': ['sg'],
  Nirvana: ['nirvana-us', 'nirvana-uk'],
});

describe('resolveCredit', () => {
  it('splits a collaboration again with the names the catalogue knows, in order', () => {
    const r = resolveCredit(
      tuple('Danger Mouse and Sparklehorse', ['Danger Mouse and Sparklehorse'], 'Revenge'),
      lookup,
      new Map(),
    );
    expect(r.via).toBe('split');
    expect(r.members.map((m) => m.candidates[0]?.mbid)).toEqual(['dm', 'sh']);
  });

  it('keeps a name the catalogue knows whole', () => {
    const r = resolveCredit(
      tuple('Simon and Garfunkel', ['Simon and Garfunkel'], 'The Boxer'),
      lookup,
      new Map(),
    );
    expect(r.members.map((m) => m.candidates[0]?.mbid)).toEqual(['sg']);
  });
});

describe('scoreCandidate and decide', () => {
  const t = tuple('Nirvana', ['Nirvana'], 'Lithium', { lengthMs: 257_000 });
  const r = resolveCredit(t, lookup, new Map());

  it('is sure of the same title by a candidate artist, and says how it knew', () => {
    const s = scoreCandidate(t, r, recording('rec-1', 'Lithium', [['nirvana-us', 'Nirvana']], 256_000));
    expect(s.confidence).toBe(1);
    expect(s.method).toBe('exact');
  });

  it('tells apart two artists of one name by the recording, and siblings by the length', () => {
    const scored = [
      scoreCandidate(t, r, recording('other-artist', 'Lithium', [['nirvana-uk', 'Nirvana']], 180_000)),
      scoreCandidate(t, r, recording('right', 'Lithium', [['nirvana-us', 'Nirvana']], 257_000)),
    ];
    const d = decide({
      tuple: t,
      resolution: r,
      scored,
      release: null,
      unverifiedSubmission: null,
      threshold: 0.8,
    });
    expect(d).toMatchObject({ status: 'matched', recordingMbid: 'right', artistMbids: ['nirvana-us'] });
  });

  it('keeps a near miss as a suggestion, and the artists alone when they are sure', () => {
    const typo = tuple('Danger Mouse', ['Danger Mouse'], 'Revnge Of The Nerds', { lengthMs: 400_000 });
    const res = resolveCredit(typo, lookup, new Map());
    const near = scoreCandidate(typo, res, recording('rev', 'Revenge', [['dm', 'Danger Mouse']], 200_000));
    const d = decide({
      tuple: typo,
      resolution: res,
      scored: [near],
      release: null,
      unverifiedSubmission: null,
      threshold: 0.8,
    });
    expect(d.status).toBe('partial');
    expect(d.artistMbids).toEqual(['dm']);
    expect(d.recordingMbid).toBeNull();
  });

  it('is less sure of an artist whose name several artists share, without a recording to tell', () => {
    const only = artistsOnly(resolveCredit(tuple('Nirvana', ['Nirvana'], 'Unknown Song'), lookup, new Map()));
    expect(only!.mbids).toEqual(['nirvana-us']);
    expect(only!.confidence).toBeLessThan(1);
  });
});
