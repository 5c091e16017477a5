// The year in review and the comparison of two users, on a simulated two-user history: every
// number is worked out here in JavaScript from the stored listens (one plain query for the rows),
// not read back from the statistics' own SQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeSimulation } from '../../src/cli/commands/simulate.js';
import {
  compareUsers,
  findStatsUser,
  getEntity,
  getTopArtists,
  getYearInReview,
  localMonths,
} from '../../src/stats/index.js';
import type { Database } from '../../src/store/database.js';
import { storeOn } from '../../src/store/index.js';
import { createToken, forgetUser } from '../../src/store/token-repository.js';
import { testApp } from '../support/app.js';
import { memoryDb } from '../support/temp.js';

const END = Date.UTC(2026, 0, 1);
let db: Database;
let names: string[];
/** Every stored listen once per credited artist: [user, listened_at ms, artist id, artist name]. */
let plays: { user: string; at: number; artistId: number; artist: string }[];

beforeAll(async () => {
  db = await memoryDb();
  await storeSimulation(
    storeOn(db),
    { seed: 5, users: 2, days: 500, end: END, listensPerUserPerDay: 15 },
    false,
  );
  const rows = await db.all<{ user: string; at: bigint | number; artist_id: number; artist: string }>(
    `SELECT u.name AS user, epoch_ms(l.listened_at) AS at, a.id AS artist_id, a.name AS artist
     FROM listens l JOIN users u ON u.id = l.user_id
     JOIN (SELECT DISTINCT credit_id, artist_id FROM artist_credit_members) m ON m.credit_id = l.artist_credit_id
     JOIN artists a ON a.id = m.artist_id`,
  );
  plays = rows.map((r) => ({ user: r.user, at: Number(r.at), artistId: r.artist_id, artist: r.artist }));
  names = [...new Set(plays.map((p) => p.user))].sort();
}, 120_000);
afterAll(() => db.close());

const inYear = (at: number, year: number) => new Date(at).getUTCFullYear() === year;

describe('year in review', () => {
  it('counts the year, its busiest month and hour, and the artists first played in it', async () => {
    const name = names[0]!;
    const user = await findStatsUser(db, name);
    const review = await getYearInReview(db, { userId: user.id, year: 2025, tz: 'UTC', now: END });

    const listens = await db.all<{ at: bigint | number }>(
      `SELECT epoch_ms(listened_at) AS at FROM listens WHERE user_id = ?`,
      [user.id],
    );
    const year = listens.map((l) => Number(l.at)).filter((at) => inYear(at, 2025));
    expect(review.plays).toBe(year.length);

    const byMonth = new Array<number>(12).fill(0);
    const byHour = new Array<number>(24).fill(0);
    for (const at of year) {
      byMonth[new Date(at).getUTCMonth()]!++;
      byHour[new Date(at).getUTCHours()]!++;
    }
    expect(review.months.map((m) => m.plays)).toEqual(byMonth);
    const topMonth = byMonth.indexOf(Math.max(...byMonth));
    expect(review.topMonth).toEqual({
      month: `2025-${String(topMonth + 1).padStart(2, '0')}`,
      plays: byMonth[topMonth],
    });
    expect(review.topHour).toEqual({ hour: byHour.indexOf(Math.max(...byHour)), plays: Math.max(...byHour) });

    const first = new Map<number, number>();
    for (const p of plays.filter((p) => p.user === name))
      first.set(p.artistId, Math.min(first.get(p.artistId) ?? Infinity, p.at));
    const discovered = [...first].filter(([, at]) => inYear(at, 2025)).map(([id]) => id);
    expect(review.newArtists.count).toBe(discovered.length);
    const yearPlays = (id: number) =>
      plays.filter((p) => p.user === name && p.artistId === id && inYear(p.at, 2025)).length;
    const best = Math.max(...discovered.map(yearPlays));
    expect(review.newArtists.top[0]!.plays).toBe(best);
    expect(discovered).toContain(review.newArtists.top[0]!.id);
    expect(review.top.artists).toHaveLength(10);
  });

  it('refuses a year outside 2002 to now, naming the range', async () => {
    await expect(getYearInReview(db, { userId: 1, year: 1999, now: END })).rejects.toThrow(
      'The year must be a whole number from 2002 to 2026, not 1999.',
    );
  });
});

describe('comparing two users', () => {
  it('gives the cosine of their artist plays, what they share and what each plays alone', async () => {
    const [a, b] = await Promise.all(names.map((n) => findStatsUser(db, n)));
    const result = await compareUsers(db, { userId: a!.id, otherUserId: b!.id, tz: 'UTC', now: END });

    const counts = (name: string) => {
      const m = new Map<number, number>();
      for (const p of plays) if (p.user === name) m.set(p.artistId, (m.get(p.artistId) ?? 0) + 1);
      return m;
    };
    const mine = counts(a!.name);
    const theirs = counts(b!.name);
    let dot = 0;
    for (const [id, n] of mine) dot += n * (theirs.get(id) ?? 0);
    const norm = (m: Map<number, number>) => Math.sqrt([...m.values()].reduce((s, n) => s + n * n, 0));
    expect(result.similarity).toBeCloseTo(dot / (norm(mine) * norm(theirs)), 10);
    expect(result.shared.count).toBe([...mine.keys()].filter((id) => theirs.has(id)).length);
    expect(result.artists).toBe(mine.size);
    expect(result.otherArtists).toBe(theirs.size);
    const alone = [...mine].filter(([id]) => !theirs.has(id)).sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    expect(result.onlyMine.map((x) => [x.id, x.plays])).toEqual(alone.slice(0, 10));
  });
});

describe('/api/stats/year-in-review and /api/stats/compare', () => {
  it('answer for readable profiles only, and the same numbers as the statistics', async () => {
    const [a, b] = await Promise.all(names.map((n) => findStatsUser(db, n)));
    const token = await createToken(db, a!.id);
    const server = testApp(db, { now: () => END });
    const get = async (url: string) => {
      const r = await server.app.inject({ method: 'GET', url, headers: { authorization: `Token ${token}` } });
      return { status: r.statusCode, body: r.json<Record<string, unknown>>() };
    };
    const review = await get('/api/stats/year-in-review?year=2025&tz=UTC');
    expect(review.status).toBe(200);
    const direct = await getYearInReview(db, { userId: a!.id, year: 2025, tz: 'UTC', now: END });
    expect(review.body).toEqual({ user: a!.name, ...JSON.parse(JSON.stringify(direct)) });

    // The other user's profile is private: comparing needs it readable.
    const refused = await get(`/api/stats/compare?other=${b!.name}`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    await db.run(`UPDATE users SET privacy = 'public' WHERE id = ?`, [b!.id]);
    forgetUser(db, b!.id);
    const compared = await get(`/api/stats/compare?other=${b!.name}&tz=UTC&limit=3`);
    expect(compared.status).toBe(200);
    expect(compared.body.other).toBe(b!.name);
    expect((compared.body.onlyMine as unknown[]).length).toBe(3);
    await server.app.close();
  });
});

describe('one artist, release or recording (the entity page)', () => {
  it('counts its plays, share, first and last listen and months as the stored listens say', async () => {
    const name = names[0]!;
    const user = await findStatsUser(db, name);
    const top = (await getTopArtists(db, { userId: user.id, limit: 1, now: END })).entries[0]!;
    const page = await getEntity(db, { userId: user.id, kind: 'artist', id: top.id, tz: 'UTC', now: END });

    const mine = plays.filter((p) => p.user === name && p.artistId === top.id);
    const all = await db.all<{ n: bigint }>('SELECT count(*) AS n FROM listens WHERE user_id = ?', [user.id]);
    expect(page.name).toBe(top.name);
    expect(page.plays).toBe(mine.length);
    expect(page.share).toBeCloseTo(mine.length / Number(all[0]!.n), 12);
    const times = mine.map((p) => p.at).sort((a, b) => a - b);
    expect(page.firstListen).toBe(new Date(times[0]!).toISOString());
    expect(page.lastListen).toBe(new Date(times.at(-1)!).toISOString());
    const byMonth = new Map<string, number>();
    for (const at of times) {
      const key = new Date(at).toISOString().slice(0, 7);
      byMonth.set(key, (byMonth.get(key) ?? 0) + 1);
    }
    expect(page.months.filter((m) => m.plays > 0).map((m) => [m.month, m.plays])).toEqual([...byMonth]);
    // The recordings under it add up to its plays (each listen has one recording).
    const all100 = await getEntity(db, {
      userId: user.id,
      kind: 'artist',
      id: top.id,
      now: END,
      limit: 1000,
    });
    expect(all100.recordings.reduce((s, r) => s + r.plays, 0)).toBe(mine.length);
    expect(page.sources.reduce((s, x) => s + x.plays, 0)).toBeGreaterThanOrEqual(mine.length);
  });

  it('puts months in the zone asked for: a play at 23:30 UTC on 31 January is February in Tokyo', () => {
    const at = Date.UTC(2025, 0, 31, 23, 30);
    const utc = localMonths([{ startMs: at, plays: 1, knownMs: 0 }], [{ startMs: 0, offsetMs: 0 }]);
    const tokyo = localMonths(
      [{ startMs: at, plays: 1, knownMs: 0 }],
      [{ startMs: 0, offsetMs: 9 * 3_600_000 }],
    );
    expect(utc.map((m) => m.month)).toEqual(['2025-01']);
    expect(tokyo.map((m) => m.month)).toEqual(['2025-02']);
  });

  it('says NOT_FOUND for an id that is not there', async () => {
    await expect(getEntity(db, { userId: 1, kind: 'release', id: 999_999 })).rejects.toThrow(
      'No release with id 999999.',
    );
  });
});
