/**
 * A model together with the names of the rows and columns it was fitted on: the models work on
 * dense indices, the registry and serving on item ids. A history from the store (listens of today)
 * is mapped into the model's item space (items it never saw drop out: it has nothing to say about
 * them), and its answers are mapped back to item ids.
 */
import { buildCsr, type Csr } from '../interactions/csr.js';
import type { Dataset } from '../interactions/dataset.js';
import type { KernelPool } from '../kernels/pool.js';
import { loadModel, type Recommender } from '../models/index.js';
import { decodeModelFile, encodeModelFile } from '../models/model-file.js';

export interface TrainedModel {
  readonly model: Recommender;
  /** User names (row i of the training matrix). */
  readonly users: readonly string[];
  /** Item names (column j). */
  readonly items: readonly string[];
}

export function encodeArtifact(trained: TrainedModel): Uint8Array {
  const bytes = trained.model.save();
  return encodeModelFile({
    header: { users: trained.users, items: trained.items },
    arrays: { model: new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4) },
  });
}

export function decodeArtifact(bytes: Uint8Array, pool: KernelPool): TrainedModel {
  const file = decodeModelFile(bytes, 'the stored model version');
  const header = file.header as { users: string[]; items: string[] };
  const a = file.arrays.model!;
  return {
    model: loadModel(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), pool),
    users: header.users,
    items: header.items,
  };
}

/** Item name → the model's column. */
const itemIndexes = new WeakMap<TrainedModel, Map<string, number>>();
export function itemIndexOf(trained: TrainedModel): Map<string, number> {
  let index = itemIndexes.get(trained);
  if (!index) {
    index = new Map(trained.items.map((name, i) => [name, i]));
    itemIndexes.set(trained, index);
  }
  return index;
}

/**
 * The rows of `users` (names in `dataset`; one row each, empty for a user the data set lacks) with
 * their items in the model's columns; items the model never saw are left out.
 */
export function historyFor(trained: TrainedModel, dataset: Dataset, users: readonly string[]): Csr {
  const index = itemIndexOf(trained);
  const rowOf = new Map(dataset.users.map((name, r) => [name, r]));
  const rows: number[] = [];
  const cols: number[] = [];
  const values: number[] = [];
  const m = dataset.matrix;
  users.forEach((name, out) => {
    const r = rowOf.get(name);
    if (r === undefined) return;
    for (let k = m.indptr[r]!; k < m.indptr[r + 1]!; k++) {
      const col = index.get(dataset.items[m.indices[k]!]!);
      if (col === undefined) continue;
      rows.push(out);
      cols.push(col);
      values.push(m.values[k]!);
    }
  });
  return buildCsr(
    { rows: users.length, cols: trained.items.length },
    {
      rows: Int32Array.from(rows),
      cols: Int32Array.from(cols),
      values: Float32Array.from(values),
      length: rows.length,
    },
  );
}

/** Sorted rows of item columns per user (for RecommendRequest.exclude) from item names. */
export function exclusionFor(trained: TrainedModel, perUser: readonly (readonly string[])[]): Csr {
  const index = itemIndexOf(trained);
  const rows: number[] = [];
  const cols: number[] = [];
  perUser.forEach((names, r) => {
    for (const name of new Set(names)) {
      const col = index.get(name);
      if (col === undefined) continue;
      rows.push(r);
      cols.push(col);
    }
  });
  return buildCsr(
    { rows: perUser.length, cols: trained.items.length },
    {
      rows: Int32Array.from(rows),
      cols: Int32Array.from(cols),
      values: new Float32Array(rows.length).fill(1),
      length: rows.length,
    },
  );
}
