import { afterAll, describe, expect, it } from 'vitest';
import { csrFromRows, hasCell, selectRows } from '../interactions/csr.js';
import { KernelPool } from '../kernels/pool.js';
import { ContentModel } from './content.js';
import { simplexGrid } from './hybrid.js';
import { createModel, loadModel } from './index.js';
import { ItemKnnModel } from './item-knn.js';
import { clusteredMatrix } from './test-matrices.js';

const pool = new KernelPool(1);
afterAll(() => pool.close());

describe('item-kNN', () => {
  // Three users: u0 has items 0 and 1, u1 has 0 and 1, u2 has 1 and 2 (all once). Cosine on the
  // item vectors over users: sim(0, 1) = 2 / (√2·√3), sim(1, 2) = 1 / (√3·1), sim(0, 2) = 0.
  const m = csrFromRows(3, [
    [
      [0, 1],
      [1, 1],
    ],
    [
      [0, 1],
      [1, 1],
    ],
    [
      [1, 1],
      [2, 1],
    ],
  ]);

  it('computes cosine neighbours worked out by hand', async () => {
    const model = new ItemKnnModel({ similarity: 'cosine', neighbours: 5, history: 'binary' });
    await model.fit({ train: m, itemFeatures: null, pool });
    const n1 = model.neighboursOf(1);
    expect(n1.map((n) => n.item)).toEqual([0, 2]);
    expect(n1[0]!.similarity).toBeCloseTo(2 / (Math.SQRT2 * Math.sqrt(3)), 6);
    expect(n1[1]!.similarity).toBeCloseTo(1 / Math.sqrt(3), 6);
    expect(model.neighboursOf(0).map((n) => n.item)).toEqual([1]);
  });

  it('scores a user by their items’ similarities, and the explanation lists them', async () => {
    const model = new ItemKnnModel({ similarity: 'cosine', neighbours: 5, history: 'binary' });
    await model.fit({ train: m, itemFeatures: null, pool });
    // u0 (items 0, 1) → item 2: only item 1 is a neighbour of it.
    const lists = await model.recommend({ history: m, users: Int32Array.of(0), k: 1 });
    expect(lists.ids[0]).toBe(2);
    expect(lists.scores[0]).toBeCloseTo(1 / Math.sqrt(3), 6);
    const e = await model.explain(m, 0, 2, 10);
    expect(e.parts).toEqual([
      {
        kind: 'item',
        item: 1,
        contribution: expect.closeTo(1 / Math.sqrt(3), 6),
        similarity: expect.closeTo(1 / Math.sqrt(3), 6),
      },
    ]);
  });
});

describe('content', () => {
  // Items 0 and 1 share "rock"; item 2 is "jazz" only. A user of item 0 gets item 1 for "rock".
  const features = [
    new Map([
      ['rock', 1],
      ['90s', 1],
    ]),
    new Map([['rock', 1]]),
    new Map([
      ['jazz', 1],
      ['90s', 1],
    ]),
  ];
  const m = csrFromRows(3, [[[0, 1]]]);

  it('ranks by shared features, and the shared features are the explanation', async () => {
    const model = new ContentModel({ history: 'binary', minItems: 1 });
    await model.fit({ train: m, itemFeatures: features, pool });
    const lists = await model.recommend({ history: m, users: null, k: 2 });
    expect([...lists.ids]).toEqual([1, 2]);
    const e = await model.explain(m, 0, 1, 10);
    expect(e.parts.map((p) => (p.kind === 'feature' ? p.feature : p.kind))).toEqual(['rock']);
    expect(e.score).toBeCloseTo(lists.scores[0]!, 6);
  });
});

describe('the hybrid', () => {
  it('walks the simplex of weights', () => {
    expect(simplexGrid(2, 0.5)).toEqual([
      [0, 1],
      [0.5, 0.5],
      [1, 0],
    ]);
    expect(simplexGrid(3, 0.1)).toHaveLength(66);
  });

  it('chooses its weights on validation, and each part’s share adds up to the score', async () => {
    const train = clusteredMatrix({ users: 60, items: 80, perUser: 15, seed: 8 });
    const model = createModel('hybrid', {
      hybrid: { parts: 'als,itemknn', gridStep: 0.25 },
      als: { factors: 8, iterations: 4 },
    });
    await model.fit({ train, itemFeatures: null, pool });
    // Served lists fold users in from their current history (not the fitted rows): ALS's share is
    // then the exact solve, which its explanation decomposes.
    const history = selectRows(train, [3, 4]);
    const lists = await model.recommend({ history, users: null, k: 3 });
    for (let user = 0; user < 2; user++)
      for (let r = 0; r < 3; r++) {
        const at = user;
        const item = lists.ids[at * 3 + r]!;
        expect(hasCell(history, user, item)).toBe(false);
        const e = await model.explain(history, user, item, 100);
        expect(e.score).toBeCloseTo(lists.scores[at * 3 + r]!, 4);
        const shares = e.parts.reduce((s, p) => s + p.contribution, e.rest);
        expect(shares).toBeCloseTo(e.score, 5);
        for (const p of e.parts)
          if (p.kind === 'model')
            expect(p.parts.reduce((s, q) => s + q.contribution, 0)).toBeCloseTo(p.contribution, 5);
      }
  });
});

describe('every model', () => {
  const train = clusteredMatrix({ users: 30, items: 50, perUser: 10, seed: 2 });
  const itemFeatures = Array.from(
    { length: 50 },
    (_, i) =>
      new Map([
        [`cluster ${i % 4}`, 1],
        [`item ${i % 7}`, 1],
      ]),
  );
  for (const kind of ['pop', 'itemknn', 'als', 'bpr', 'content', 'hybrid'] as const)
    it(`${kind}: K distinct items outside the history, the same after save and load`, async () => {
      const model = createModel(kind, {
        als: { factors: 8, iterations: 3 },
        bpr: { factors: 8, iterations: 5 },
        hybrid: { gridStep: 0.5 },
        content: { minItems: 1 },
      });
      await model.fit({ train, itemFeatures, pool });
      const lists = await model.recommend({ history: train, users: null, k: 5 });
      for (let u = 0; u < train.rows; u++) {
        const ids = [...lists.ids.subarray(u * 5, u * 5 + 5)].filter((i) => i >= 0);
        expect(new Set(ids).size).toBe(ids.length);
        for (const i of ids) expect(hasCell(train, u, i)).toBe(false);
      }
      const other = csrFromRows(50, [
        [
          [1, 3],
          [5, 1],
          [9, 2],
        ],
      ]);
      const before = await model.recommend({ history: other, users: null, k: 5 });
      const after = await loadModel(model.save(), pool).recommend({ history: other, users: null, k: 5 });
      expect([...after.ids]).toEqual([...before.ids]);
    });
});
