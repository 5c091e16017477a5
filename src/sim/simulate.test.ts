import { describe, expect, it } from 'vitest';
import { normaliseNames } from '../domain/normalise.js';
import { makeCatalogue } from './catalogue.js';
import { toListenBrainzLine } from './listenbrainz-line.js';
import { Random } from './random.js';
import { simulateListens, simulatedUsers, type SimulatedListen, type SimulationOptions } from './simulate.js';

const DAY = 86_400_000;
const END = Date.UTC(2025, 5, 1);
const OPTIONS: SimulationOptions = { seed: 42, users: 20, days: 30, end: END };
const listens = [...simulateListens(OPTIONS)];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function byUser(ls: readonly SimulatedListen[]): Map<string, SimulatedListen[]> {
  const m = new Map<string, SimulatedListen[]>();
  for (const l of ls) {
    const list = m.get(l.user) ?? [];
    list.push(l);
    m.set(l.user, list);
  }
  return m;
}

describe('Random', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = new Random(1);
    const b = new Random(1);
    const c = new Random(2);
    const seqA = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('draws uniformly in [0, 1)', () => {
    const r = new Random(7);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('makes version-4 UUIDs', () => {
    const r = new Random(3);
    for (let i = 0; i < 100; i++) expect(r.uuid()).toMatch(UUID);
  });
});

describe('makeCatalogue', () => {
  const catalogue = makeCatalogue(7, 500);

  it('is the same for the same seed and differs for another', () => {
    expect(makeCatalogue(7, 500)).toEqual(catalogue);
    expect(makeCatalogue(8, 500).artists.map((a) => a.name)).not.toEqual(
      catalogue.artists.map((a) => a.name),
    );
  });

  it('has unique artist names, releases and tracks with lengths', () => {
    expect(catalogue.artists).toHaveLength(500);
    expect(new Set(catalogue.artists.map((a) => a.name.toLowerCase())).size).toBe(500);
    expect(catalogue.releases.length).toBeGreaterThan(500);
    expect(catalogue.tracks.length).toBeGreaterThan(2000);
    for (const t of catalogue.tracks) {
      expect(t.durationMs).toBeGreaterThanOrEqual(60_000);
      expect(t.durationMs).toBeLessThanOrEqual(720_000);
      expect(catalogue.releases[t.release]?.tracks[t.position - 1]).toBe(catalogue.tracks.indexOf(t));
    }
  });

  it('gives MBIDs to about 70% of it', () => {
    const withMbid = catalogue.tracks.filter((t) => t.mbid !== null).length / catalogue.tracks.length;
    expect(withMbid).toBeGreaterThan(0.55);
    expect(withMbid).toBeLessThan(0.85);
    for (const a of catalogue.artists) if (a.mbid !== null) expect(a.mbid).toMatch(UUID);
  });

  it('has accented and non-Latin names', () => {
    const names = catalogue.artists.map((a) => a.name);
    expect(names.some((n) => /[À-ÿ]/.test(n))).toBe(true);
    expect(
      names.some((n) =>
        /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Cyrillic}]/u.test(n),
      ),
    ).toBe(true);
  });

  it('writes credits that normalisation splits into the artists meant', () => {
    const full = makeCatalogue(11, 2000);
    for (const t of full.tracks) {
      const n = normaliseNames({ artist: t.credit, track: t.title });
      const expected = [t.artist, ...(t.featured === null ? [] : [t.featured])].map(
        (i) => full.artists[i]?.name,
      );
      expect(n.artists.map((a) => a.name)).toEqual(expected);
    }
  });
});

describe('simulateListens', () => {
  it('gives the same history for the same seed', () => {
    expect([...simulateListens(OPTIONS)]).toEqual(listens);
  });

  it('gives another history for another seed', () => {
    const other = [...simulateListens({ ...OPTIONS, seed: 43 })];
    expect(other.slice(0, 50)).not.toEqual(listens.slice(0, 50));
  });

  it('makes about the requested listens per user per day', () => {
    const perUserDay = listens.length / (OPTIONS.users * OPTIONS.days);
    expect(perUserDay).toBeGreaterThan(34);
    expect(perUserDay).toBeLessThan(44);
    const sparse = [...simulateListens({ ...OPTIONS, listensPerUserPerDay: 5 })];
    expect(sparse.length / (OPTIONS.users * OPTIONS.days)).toBeGreaterThan(4);
    expect(sparse.length / (OPTIONS.users * OPTIONS.days)).toBeLessThan(6);
  });

  it('gives nothing for no users or no days', () => {
    expect([...simulateListens({ ...OPTIONS, users: 0 })]).toEqual([]);
    expect([...simulateListens({ ...OPTIONS, days: 0 })]).toEqual([]);
  });

  it('orders listens by time and keeps them inside the period', () => {
    for (let i = 1; i < listens.length; i++) {
      expect(listens[i]!.listenedAt).toBeGreaterThanOrEqual(listens[i - 1]!.listenedAt);
    }
    const start = END - OPTIONS.days * DAY;
    for (const l of listens) {
      expect(l.listenedAt).toBeGreaterThanOrEqual(start);
      expect(l.listenedAt + l.playedMs).toBeLessThanOrEqual(END);
    }
  });

  it('never overlaps two plays of one user', () => {
    for (const list of byUser(listens).values()) {
      for (let i = 1; i < list.length; i++) {
        expect(list[i]!.listenedAt).toBeGreaterThanOrEqual(list[i - 1]!.listenedAt + list[i - 1]!.playedMs);
      }
    }
  });

  it('has a long tail: the top 10% of tracks get more than 40% of plays', () => {
    for (const seed of [1, 42, 99]) {
      const ls = seed === 42 ? listens : [...simulateListens({ ...OPTIONS, seed })];
      const counts = new Map<string, number>();
      for (const l of ls)
        counts.set(`${l.artist}\u001f${l.track}`, (counts.get(`${l.artist}\u001f${l.track}`) ?? 0) + 1);
      const sorted = [...counts.values()].sort((a, b) => b - a);
      const top = sorted.slice(0, Math.ceil(sorted.length / 10)).reduce((s, n) => s + n, 0);
      expect(top / ls.length).toBeGreaterThan(0.4);
    }
  });

  it('follows a daily rhythm in local time: more at 18–22 h than at 3–5 h', () => {
    const offsets = new Map(simulatedUsers(OPTIONS).map((u) => [u.name, u.utcOffsetMinutes * 60_000]));
    const hours = new Array<number>(24).fill(0);
    for (const l of listens) {
      const local = l.listenedAt + (offsets.get(l.user) ?? 0);
      const hour = Math.floor((((local % DAY) + DAY) % DAY) / 3_600_000);
      hours[hour] = (hours[hour] ?? 0) + 1;
    }
    const evening = hours.slice(18, 23).reduce((s, n) => s + n, 0);
    const night = hours.slice(3, 6).reduce((s, n) => s + n, 0);
    expect(evening).toBeGreaterThan(night * 5);
  });

  it('has skips, played shorter than the track', () => {
    const skipped = listens.filter((l) => l.skipped);
    expect(skipped.length / listens.length).toBeGreaterThan(0.05);
    expect(skipped.length / listens.length).toBeLessThan(0.3);
    for (const l of skipped) expect(l.playedMs).toBeLessThan(l.durationMs);
    for (const l of listens) expect(l.playedMs).toBeLessThanOrEqual(l.durationMs);
  });

  it('has album runs and favourites on repeat', () => {
    let sameRelease = 0;
    let sameTrack = 0;
    for (const list of byUser(listens).values()) {
      for (let i = 1; i < list.length; i++) {
        if (list[i]!.release === list[i - 1]!.release && list[i]!.track !== list[i - 1]!.track) sameRelease++;
        if (list[i]!.track === list[i - 1]!.track && list[i]!.artist === list[i - 1]!.artist) sameTrack++;
      }
    }
    expect(sameRelease / listens.length).toBeGreaterThan(0.1);
    expect(sameTrack / listens.length).toBeGreaterThan(0.01);
  });

  it('uses several platforms and countries', () => {
    expect(new Set(listens.map((l) => l.platform)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(listens.map((l) => l.country)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(listens.map((l) => l.user)).size).toBe(OPTIONS.users);
  });

  it('has featured-artist credits and version-tagged titles', () => {
    expect(listens.some((l) => / (?:feat\.|ft\.|featuring) /.test(l.artist))).toBe(true);
    expect(listens.some((l) => /\(feat\. /.test(l.track))).toBe(true);
    expect(listens.some((l) => / - Remastered 2011$| \(Live\)$| - Radio Edit$/.test(l.track))).toBe(true);
    const tagged = listens.find((l) => / - Remastered 2011$/.test(l.track))!;
    expect(normaliseNames(tagged).titleKey).not.toContain('remastered');
  });
});

describe('toListenBrainzLine', () => {
  it('round-trips through JSON.parse with the documented fields', () => {
    for (const l of listens.slice(0, 2000)) {
      const line = toListenBrainzLine(l);
      expect(line).not.toContain('\n');
      const parsed = JSON.parse(line);
      expect(parsed.listened_at).toBe(Math.floor(l.listenedAt / 1000));
      expect(parsed.user_name).toBe(l.user);
      const tm = parsed.track_metadata;
      expect(tm.artist_name).toBe(l.artist);
      expect(tm.track_name).toBe(l.track);
      expect(tm.release_name).toBe(l.release);
      const info = tm.additional_info;
      expect(info.duration_ms).toBe(l.durationMs);
      expect(info.ms_played).toBe(l.playedMs);
      expect(info.recording_mbid).toBe(l.recordingMbid ?? undefined);
      expect(info.release_mbid).toBe(l.releaseMbid ?? undefined);
      if (l.artistMbids) expect(info.artist_mbids).toEqual(l.artistMbids);
      expect(info.submission_client).toBe(l.client);
      expect(info.media_player).toBe(l.device);
      expect(info.music_service_name).toBe(l.musicService ?? undefined);
      expect(info.tags).toEqual([l.genre]);
    }
  });

  it('escapes names that need it', () => {
    const l = { ...listens[0]!, artist: 'Quote " and \\ back', track: 'Line\u2028sep' };
    expect(JSON.parse(toListenBrainzLine(l)).track_metadata.artist_name).toBe('Quote " and \\ back');
    expect(JSON.parse(toListenBrainzLine(l)).track_metadata.track_name).toBe('Line\u2028sep');
  });
});
