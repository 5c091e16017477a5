// Retraining and serving on a real DuckDB store filled by the simulator: the first model is
// promoted and its lists kept with explanations; a better candidate replaces production and a
// deliberately weak one does not, each decision recorded with its reasons; "not interested" is kept
// and respected; radio and JSPF.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeSimulation } from '../../src/cli/commands/simulate.js';
import { KernelPool, RecommendationService, radio, retrain, toJspf } from '../../src/recommend/index.js';
import { openStore, recommendationTables, type Store } from '../../src/store/index.js';
import { jspfProblems } from '../support/jspf-schema.js';

const DAY = 86_400_000;
const END = Date.UTC(2025, 0, 1);
let store: Store;
const pool = new KernelPool(1);
const now = END + DAY;

beforeAll(async () => {
  store = await openStore(':memory:');
  await storeSimulation(
    store,
    { seed: 7, users: 6, days: 90, end: END - 30 * DAY, listensPerUserPerDay: 30, artists: 300 },
    false,
  );
}, 120_000);
afterAll(async () => {
  store.close();
  await pool.close();
});

describe('recommend retrain', () => {
  it('promotes the first model, records why, and keeps every user a list with explanations', async () => {
    const outcome = await retrain({
      store,
      entity: 'artist',
      pool,
      now: END - 29 * DAY,
      model: { kind: 'pop', settings: {} },
    });
    expect(outcome.decision).toBe('promoted');
    expect(outcome.reasons[0]).toContain('No model in production for artists');
    const versions = await recommendationTables(store.db).listVersions({ limit: 5 });
    expect(versions[0]).toMatchObject({
      id: outcome.productionAfter,
      status: 'production',
      kind: 'pop',
      entity: 'artist',
    });
    expect(versions[0]!.data.users).toBe(6);
    const service = new RecommendationService({
      store,
      reads: store.reader(),
      pool,
      now: () => END - 29 * DAY,
    });
    expect(await service.refresh('artist')).toBe(6);
    const me = (await store.users.list())[1]!;
    const list = await service.list(me, 'artist', { limit: 10, offset: 0 });
    expect(list.items).toHaveLength(10);
    expect(list.items[0]!.reason).toMatch(/^Popular here: \d+ listeners?$/);
  }, 120_000);

  it('skips when nothing calls for a new model, and says so', async () => {
    const outcome = await retrain({
      store,
      entity: 'artist',
      pool,
      now: END - 28 * DAY,
      model: { kind: 'itemknn', settings: {} },
    });
    expect(outcome.decision).toBe('skipped');
    expect(outcome.reasons.join(' ')).toContain('nothing calls for a new model');
  }, 120_000);

  it('promotes a better candidate on the fresh split, and keeps production against a weak one', async () => {
    await storeSimulation(
      store,
      { seed: 7, users: 6, days: 105, end: END - 15 * DAY, listensPerUserPerDay: 30, artists: 300 },
      false,
    );
    const better = await retrain({
      store,
      entity: 'artist',
      pool,
      now: END - 14 * DAY,
      force: true,
      model: { kind: 'itemknn', settings: {} },
    });
    expect(better.split?.kind).toBe('fresh');
    expect(better.candidateValue!).toBeGreaterThan(better.productionValue!);
    expect(better.decision).toBe('promoted');
    expect(better.reasons.at(-1)).toContain('The candidate is better');
    await storeSimulation(
      store,
      { seed: 7, users: 6, days: 120, end: END, listensPerUserPerDay: 30, artists: 300 },
      false,
    );
    const weak = await retrain({
      store,
      entity: 'artist',
      pool,
      now,
      force: true,
      model: { kind: 'als', settings: { als: { factors: 1, iterations: 0 } } },
    });
    expect(weak.decision).toBe('kept');
    expect(weak.candidateValue!).toBeLessThanOrEqual(weak.productionValue!);
    expect(weak.reasons.at(-1)).toBe('The candidate is not better: production is kept.');
    const runs = await recommendationTables(store.db).listRetrains({ limit: 10 });
    expect(runs.map((r) => r.decision)).toEqual(['kept', 'promoted', 'skipped', 'promoted']);
  }, 240_000);
});

describe('serving', () => {
  it('never brings back an item marked not interested, and explains every item', async () => {
    const service = new RecommendationService({ store, reads: store.reader(), pool, now: () => now + 2 * DAY });
    await service.refresh('artist');
    const me = (await store.users.list())[1]!;
    const before = await service.list(me, 'artist', { limit: 5, offset: 0 });
    expect(before.model?.kind).toBe('itemknn');
    const first = before.items[0]!;
    // item-kNN: the listened artists whose neighbour it is, and their shares sum to the score.
    expect(first.reason).toMatch(/^Because you played .+/);
    const shares = first.explanation.parts.reduce((s, p) => s + p.contribution, first.explanation.rest);
    expect(shares).toBeCloseTo(first.explanation.score, 5);
    await service.feedback(me, 'artist', first.item.id, 'not_interested');
    const after = await service.list(me, 'artist', { limit: 5, offset: 0 });
    expect(after.items.map((i) => i.item.id)).not.toContain(first.item.id);
    await service.refresh('artist', [me.id]);
    const recomputed = await service.list(me, 'artist', { limit: 100, offset: 0 });
    expect(recomputed.items.map((i) => i.item.id)).not.toContain(first.item.id);
  }, 120_000);

  it('makes a radio playlist from an artist and exports it as JSPF', async () => {
    const service = new RecommendationService({ store, reads: store.reader(), pool, now: () => now + 2 * DAY });
    const me = (await store.users.list())[1]!;
    const [top] = (await service.list(me, 'artist', { limit: 1, offset: 0 })).items;
    const playlist = await radio({ service, reads: store.reader().db, user: me, seed: { kind: 'artist', id: top!.item.id }, count: 12, now });
    expect(playlist.title).toBe(`${top!.item.name} radio`);
    expect(playlist.tracks).toHaveLength(12);
    expect(new Set(playlist.tracks.map((t) => t.recordingId)).size).toBe(12);
    const jspf = toJspf(playlist, me.name);
    expect(jspfProblems(JSON.parse(JSON.stringify(jspf)))).toEqual([]);
    expect(jspf.playlist.track).toHaveLength(12);
    expect(jspf.playlist.track[0]).toMatchObject({ title: playlist.tracks[0]!.title, creator: playlist.tracks[0]!.artist });
    const withMbid = jspf.playlist.track.find((t) => t.identifier);
    if (withMbid) expect(withMbid.identifier![0]).toMatch(/^https:\/\/musicbrainz\.org\/recording\/[0-9a-f-]{36}$/);
  }, 120_000);
});
