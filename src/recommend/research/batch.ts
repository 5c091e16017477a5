/**
 * Research mode: any interactions file in, a model fitted on all of it, K recommendations per
 * user out, as TSV `user<TAB>item<TAB>rank` (rank 1…K) — the file other libraries (implicit,
 * RecBole, …) can be compared on. Every user of the file gets K distinct items, none of them in
 * that user's rows of the file; when the model proposes fewer (a user whose items have no
 * neighbours, no features), the most popular remaining items fill the list, and the report counts
 * how many lists needed it.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { AppError } from '../../domain/errors.js';
import { columnCounts, hasCell, nonZeros } from '../interactions/csr.js';
import type { Dataset } from '../interactions/dataset.js';
import type { ItemFeatures } from '../interactions/read-file.js';
import type { KernelPool } from '../kernels/pool.js';
import type { KernelBuild } from '../kernels/wasm-kernels.js';
import { alignFeatures } from '../evaluation/evaluate.js';
import { createModel, type ModelKind, type ModelSettings } from '../models/index.js';

export interface BatchOptions {
  dataset: Dataset;
  model: ModelKind;
  settings: ModelSettings;
  k: number;
  out: string;
  itemFeatures: ItemFeatures | null;
  pool: KernelPool;
  progress?: (stage: string, done: number, total: number) => void;
}

export interface BatchReport {
  model: ModelKind;
  params: Record<string, unknown>;
  users: number;
  items: number;
  non_zeros: number;
  k: number;
  out: string;
  fit_seconds: number;
  seconds_per_iteration: number | null;
  recommend_seconds: number;
  /** Lists the model could not fill alone (popular items completed them). */
  filled_from_popularity: number;
  /** Largest resident set of the process (main thread and kernel threads), bytes. */
  peak_memory_bytes: number;
  threads: number;
  kernels: KernelBuild;
}

/** Users answered per recommend call: bounds the memory of the lists in flight. */
const USERS_PER_BATCH = 16_384;

export async function runBatch(options: BatchOptions): Promise<BatchReport> {
  const { dataset, k, pool } = options;
  const matrix = dataset.matrix;
  if (k > matrix.cols)
    throw new AppError('INVALID_INPUT', `--k ${k} is more than the ${matrix.cols} items in the file.`);
  const model = createModel(options.model, options.settings);
  const fit = await model.fit({
    train: matrix,
    itemFeatures: alignFeatures(dataset.items, options.itemFeatures),
    pool,
    ...(options.progress ? { progress: options.progress } : {}),
  });
  // Popular items, most first, to complete short lists.
  const listeners = columnCounts(matrix);
  const popular = Array.from({ length: matrix.cols }, (_, i) => i).sort(
    (a, b) => listeners[b]! - listeners[a]! || a - b,
  );
  const started = performance.now();
  const out = createWriteStream(options.out);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let filled = 0;
  await write('user\titem\trank\n');
  for (let first = 0; first < matrix.rows; first += USERS_PER_BATCH) {
    const count = Math.min(USERS_PER_BATCH, matrix.rows - first);
    const users = Int32Array.from({ length: count }, (_, i) => first + i);
    const lists = await model.recommend({ history: matrix, users, k });
    const lines: string[] = [];
    for (let at = 0; at < count; at++) {
      const user = first + at;
      const chosen: number[] = [];
      const seen = new Set<number>();
      for (let r = 0; r < k; r++) {
        const item = lists.ids[at * k + r]!;
        if (item < 0 || seen.has(item) || hasCell(matrix, user, item)) continue;
        chosen.push(item);
        seen.add(item);
      }
      if (chosen.length < k) {
        filled++;
        for (const item of popular) {
          if (chosen.length === k) break;
          if (seen.has(item) || hasCell(matrix, user, item)) continue;
          chosen.push(item);
          seen.add(item);
        }
      }
      const name = dataset.users[user]!;
      chosen.forEach((item, r) => lines.push(`${name}\t${dataset.items[item]!}\t${r + 1}\n`));
    }
    await write(lines.join(''));
    options.progress?.('recommending', Math.min(matrix.rows, first + count), matrix.rows);
  }
  out.end();
  await once(out, 'close');
  const recommendSeconds = (performance.now() - started) / 1000;
  return {
    model: options.model,
    params: { ...model.params },
    users: matrix.rows,
    items: matrix.cols,
    non_zeros: nonZeros(matrix),
    k,
    out: options.out,
    fit_seconds: fit.seconds,
    seconds_per_iteration: fit.secondsPerIteration,
    recommend_seconds: recommendSeconds,
    filled_from_popularity: filled,
    peak_memory_bytes: process.resourceUsage().maxRSS * 1024,
    threads: pool.threads,
    kernels: pool.build,
  };
}
