/**
 * Popularity: every user gets the items most users have, minus their own. The baseline every
 * metric is reported beside. Ties go to the lower item index.
 */
import { columnCounts, type Csr } from '../interactions/csr.js';
import { decodeModelFile, encodeModelFile } from './model-file.js';
import type { Explanation, FitInput, FitReport, Recommender, RecommendRequest, TopLists } from './model.js';
import { answeredRows, emptyLists, isLeftOut } from './top-list.js';

export class PopularityModel implements Recommender {
  readonly kind = 'pop';
  readonly params = {};
  /** Users per item in the training data. */
  private listeners: Float32Array = new Float32Array(0);

  fit(input: FitInput): Promise<FitReport> {
    const started = performance.now();
    this.listeners = Float32Array.from(columnCounts(input.train));
    return Promise.resolve({
      seconds: (performance.now() - started) / 1000,
      secondsPerIteration: null,
      iterations: null,
      losses: [],
    });
  }

  recommend(request: RecommendRequest): Promise<TopLists> {
    const rows = answeredRows(request.users, request.history.rows);
    const out = emptyLists(rows.length, request.k);
    // Every user shares one ranking: sort once, then walk it per user skipping their items.
    const order = Array.from({ length: this.listeners.length }, (_, i) => i).sort(
      (a, b) => this.listeners[b]! - this.listeners[a]! || a - b,
    );
    rows.forEach((user, at) => {
      let n = 0;
      for (const item of order) {
        if (n === request.k) break;
        if (item >= request.history.cols || isLeftOut(request.history, request.exclude, user, item)) continue;
        out.ids[at * request.k + n] = item;
        out.scores[at * request.k + n] = this.listeners[item]!;
        n++;
      }
    });
    return Promise.resolve(out);
  }

  score(_history: Csr, _user: number, items: Int32Array): Float32Array {
    return Float32Array.from(items, (i) => this.listeners[i] ?? 0);
  }

  explain(_history: Csr, _user: number, item: number): Promise<Explanation> {
    const listeners = this.listeners[item] ?? 0;
    return Promise.resolve({
      score: listeners,
      parts: [{ kind: 'popularity', listeners, contribution: listeners }],
      rest: 0,
    });
  }

  /** Listeners per item (for novelty and the registry's drift). */
  popularity(): Float32Array {
    return this.listeners;
  }

  save(): Uint8Array {
    return encodeModelFile({ header: { kind: this.kind }, arrays: { listeners: this.listeners } });
  }

  static load(bytes: Uint8Array): PopularityModel {
    const model = new PopularityModel();
    model.listeners = decodeModelFile(bytes).arrays.listeners as Float32Array;
    return model;
  }
}
