/**
 * Content-based recommendations from item features (tags, genres, the artist): each item is a
 * TF-IDF vector over its features (tf = log(1 + weight), idf = log(items with features / items
 * with the feature)), L2-normalised; a user's profile is the sum of their items' vectors weighted
 * by how much they played them; an item's score is its dot product with the profile. It needs no
 * other user's data, so it serves new users (a few listens) and new items (features, no
 * listens) alike. The explanation is the shared features, whose contributions sum to the score.
 */
import { buildCsr, transpose, type Csr } from '../interactions/csr.js';
import { decodeModelFile, encodeModelFile } from './model-file.js';
import { historyWeights, type HistoryWeighting } from './item-knn.js';
import {
  limitParts,
  sumContributions,
  type Explanation,
  type ExplanationPart,
  type FitInput,
  type FitReport,
  type Recommender,
  type RecommendRequest,
  type TopLists,
} from './model.js';
import { answeredRows, emptyLists, isLeftOut } from './top-list.js';

export type ContentParams = {
  /** How a user's items weigh their features in the profile. */
  history: HistoryWeighting;
  /** Features on fewer items than this are dropped (a tag one person typed once is noise). */
  minItems: number;
};

export const CONTENT_DEFAULTS: ContentParams = { history: 'log', minItems: 2 };

export class ContentModel implements Recommender {
  readonly kind = 'content';
  readonly params: ContentParams;
  /** items × features, TF-IDF, rows of unit length. */
  private vectors: Csr = {
    rows: 0,
    cols: 0,
    indptr: new Int32Array(1),
    indices: new Int32Array(0),
    values: new Float32Array(0),
  };
  /** features × items (the same values), to score every item from a profile. */
  private byFeature: Csr = this.vectors;
  private features: string[] = [];
  private readonly weighted = new WeakMap<Csr, Csr>();

  constructor(params: Partial<ContentParams> = {}) {
    this.params = { ...CONTENT_DEFAULTS, ...params };
  }

  fit(input: FitInput): Promise<FitReport> {
    const started = performance.now();
    const items = input.train.cols;
    const featureItems = input.itemFeatures ?? [];
    // Feature document frequencies, then the kept features' ids.
    const df = new Map<string, number>();
    let described = 0;
    for (let i = 0; i < items; i++) {
      const f = featureItems[i];
      if (!f || f.size === 0) continue;
      described++;
      for (const name of f.keys()) df.set(name, (df.get(name) ?? 0) + 1);
    }
    const ids = new Map<string, number>();
    const names: string[] = [];
    for (const [name, n] of [...df.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      if (n >= this.params.minItems) {
        ids.set(name, names.length);
        names.push(name);
      }
    const rows: number[] = [];
    const cols: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < items; i++) {
      const f = featureItems[i];
      if (!f) continue;
      const cells: [number, number][] = [];
      for (const [name, weight] of f) {
        const id = ids.get(name);
        if (id === undefined || !(weight > 0)) continue;
        cells.push([id, Math.log1p(weight) * Math.log(described / df.get(name)!)]);
      }
      const norm = Math.sqrt(cells.reduce((s, [, v]) => s + v * v, 0));
      if (norm === 0) continue;
      for (const [id, v] of cells) {
        rows.push(i);
        cols.push(id);
        values.push(v / norm);
      }
    }
    this.vectors = buildCsr(
      { rows: items, cols: names.length },
      {
        rows: Int32Array.from(rows),
        cols: Int32Array.from(cols),
        values: Float32Array.from(values),
        length: rows.length,
      },
    );
    this.byFeature = transpose(this.vectors);
    this.features = names;
    return Promise.resolve({
      seconds: (performance.now() - started) / 1000,
      secondsPerIteration: null,
      iterations: null,
      losses: [],
    });
  }

  /** Whether any item has features (without them the model recommends nothing). */
  get hasFeatures(): boolean {
    return this.features.length > 0;
  }

  featureName(id: number): string {
    return this.features[id] ?? `feature ${id}`;
  }

  private historyOf(m: Csr): Csr {
    let w = this.weighted.get(m);
    if (!w) {
      w = historyWeights(m, this.params.history);
      this.weighted.set(m, w);
    }
    return w;
  }

  /** The user's profile: a weight per feature (dense), and which features it has. */
  private profile(history: Csr, user: number): { weights: Float64Array; features: number[] } {
    const h = this.historyOf(history);
    const weights = new Float64Array(this.vectors.cols);
    const features: number[] = [];
    for (let p = h.indptr[user]!; p < h.indptr[user + 1]!; p++) {
      const j = h.indices[p]!;
      if (j >= this.vectors.rows) continue;
      const w = h.values[p]!;
      for (let q = this.vectors.indptr[j]!; q < this.vectors.indptr[j + 1]!; q++) {
        const f = this.vectors.indices[q]!;
        if (weights[f] === 0) features.push(f);
        weights[f] = weights[f]! + w * this.vectors.values[q]!;
      }
    }
    return { weights, features };
  }

  private scoreAll(history: Csr, user: number, dense: Float32Array, touched: number[]): void {
    const bf = this.byFeature;
    const { weights, features } = this.profile(history, user);
    for (const f of features) {
      const pw = weights[f]!;
      for (let q = bf.indptr[f]!; q < bf.indptr[f + 1]!; q++) {
        const i = bf.indices[q]!;
        if (dense[i] === 0) touched.push(i);
        dense[i] = dense[i]! + pw * bf.values[q]!;
      }
    }
  }

  recommend(request: RecommendRequest): Promise<TopLists> {
    const rows = answeredRows(request.users, request.history.rows);
    const k = request.k;
    const out = emptyLists(rows.length, k);
    const dense = new Float32Array(Math.max(this.vectors.rows, request.history.cols));
    rows.forEach((user, at) => {
      const touched: number[] = [];
      this.scoreAll(request.history, user, dense, touched);
      const o = at * k;
      let threshold = -Infinity;
      for (const i of touched) {
        const s = dense[i]!;
        dense[i] = 0;
        if (s === 0 || !(s > threshold) || isLeftOut(request.history, request.exclude, user, i)) continue;
        let pos = k - 1;
        while (
          pos > 0 &&
          (out.scores[o + pos - 1]! < s || (out.scores[o + pos - 1] === s && out.ids[o + pos - 1]! > i))
        ) {
          out.scores[o + pos] = out.scores[o + pos - 1]!;
          out.ids[o + pos] = out.ids[o + pos - 1]!;
          pos--;
        }
        out.scores[o + pos] = s;
        out.ids[o + pos] = i;
        threshold = out.ids[o + k - 1]! >= 0 ? out.scores[o + k - 1]! : -Infinity;
      }
    });
    return Promise.resolve(out);
  }

  score(history: Csr, user: number, items: Int32Array): Float32Array {
    const { weights } = this.profile(history, user);
    const out = new Float32Array(items.length);
    for (let n = 0; n < items.length; n++) {
      const i = items[n]!;
      if (i >= this.vectors.rows) continue;
      let s = 0;
      for (let q = this.vectors.indptr[i]!; q < this.vectors.indptr[i + 1]!; q++)
        s += weights[this.vectors.indices[q]!]! * this.vectors.values[q]!;
      out[n] = s;
    }
    return out;
  }

  explain(history: Csr, user: number, item: number, limit: number): Promise<Explanation> {
    const { weights } = this.profile(history, user);
    const parts: ExplanationPart[] = [];
    if (item < this.vectors.rows)
      for (let q = this.vectors.indptr[item]!; q < this.vectors.indptr[item + 1]!; q++) {
        const f = this.vectors.indices[q]!;
        const pw = weights[f]!;
        if (pw === 0) continue;
        parts.push({
          kind: 'feature',
          feature: this.featureName(f),
          contribution: pw * this.vectors.values[q]!,
        });
      }
    return Promise.resolve({ score: sumContributions(parts), ...limitParts(parts, limit) });
  }

  /** The items most like `item` by their features (cosine), best first. */
  similarItems(item: number, count: number): { item: number; similarity: number }[] {
    if (item >= this.vectors.rows) return [];
    const dense = new Map<number, number>();
    for (let q = this.vectors.indptr[item]!; q < this.vectors.indptr[item + 1]!; q++) {
      const f = this.vectors.indices[q]!;
      const v = this.vectors.values[q]!;
      for (let p = this.byFeature.indptr[f]!; p < this.byFeature.indptr[f + 1]!; p++) {
        const j = this.byFeature.indices[p]!;
        if (j !== item) dense.set(j, (dense.get(j) ?? 0) + v * this.byFeature.values[p]!);
      }
    }
    return [...dense.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, count)
      .map(([j, similarity]) => ({ item: j, similarity }));
  }

  /** Items carrying feature `name`, strongest first. */
  itemsWithFeature(name: string, count: number): { item: number; weight: number }[] {
    const f = this.features.indexOf(name);
    if (f < 0) return [];
    const out: { item: number; weight: number }[] = [];
    for (let p = this.byFeature.indptr[f]!; p < this.byFeature.indptr[f + 1]!; p++)
      out.push({ item: this.byFeature.indices[p]!, weight: this.byFeature.values[p]! });
    return out.sort((a, b) => b.weight - a.weight || a.item - b.item).slice(0, count);
  }

  /** Feature names, for finding a tag. */
  featureNames(): readonly string[] {
    return this.features;
  }

  save(): Uint8Array {
    return encodeModelFile({
      header: {
        kind: this.kind,
        params: this.params,
        rows: this.vectors.rows,
        cols: this.vectors.cols,
        features: this.features,
      },
      arrays: { indptr: this.vectors.indptr, indices: this.vectors.indices, values: this.vectors.values },
    });
  }

  static load(bytes: Uint8Array): ContentModel {
    const file = decodeModelFile(bytes, 'the content model');
    const header = file.header as { params: ContentParams; rows: number; cols: number; features: string[] };
    const model = new ContentModel(header.params);
    model.vectors = {
      rows: header.rows,
      cols: header.cols,
      indptr: file.arrays.indptr as Int32Array,
      indices: file.arrays.indices as Int32Array,
      values: file.arrays.values as Float32Array,
    };
    model.byFeature = transpose(model.vectors);
    model.features = header.features;
    return model;
  }
}
