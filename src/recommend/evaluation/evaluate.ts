/**
 * Offline evaluation: per-user holdout (random or time), the model fitted on the training side
 * and asked for K items per tested user (never one of their training items), metrics against the
 * held-out items, always beside the popularity baseline on the same split. Over several seeds the
 * result is each metric's mean ± standard deviation.
 *
 * `validation: true` evaluates on a validation split cut from the training side of each seed's
 * split instead (the held-out test items are not seen at all): the data defaults are chosen on.
 */
import type { Dataset } from '../interactions/dataset.js';
import type { ItemFeatures } from '../interactions/read-file.js';
import type { KernelPool } from '../kernels/pool.js';
import { createModel, type ModelKind, type ModelSettings } from '../models/index.js';
import { rankingMetrics, summarise, type MetricName, type Metrics } from './metrics.js';
import { splitPerUser, type SplitOptions } from './split.js';

export interface EvaluationOptions {
  dataset: Dataset;
  kinds: readonly ModelKind[];
  settings: ModelSettings;
  split: Omit<SplitOptions, 'seed'>;
  seeds: readonly number[];
  k: number;
  pool: KernelPool;
  itemFeatures: ItemFeatures | null;
  validation?: boolean;
  progress?: (stage: string, done: number, total: number) => void;
}

export interface ModelEvaluation {
  model: ModelKind;
  params: Record<string, unknown>;
  runs: (Metrics & { seed: number; fitSeconds: number; recommendSeconds: number })[];
  summary: Record<MetricName, { mean: number; std: number }>;
}

/** Features aligned with the data set's item indices. */
export function alignFeatures(
  items: readonly string[],
  features: ItemFeatures | null,
): (ReadonlyMap<string, number> | undefined)[] | null {
  if (!features) return null;
  return items.map((item) => features.get(item));
}

export async function evaluateModels(options: EvaluationOptions): Promise<ModelEvaluation[]> {
  const { dataset, kinds, settings, k, pool } = options;
  const itemFeatures = alignFeatures(dataset.items, options.itemFeatures);
  const all: ModelKind[] = kinds.includes('pop') ? [...kinds] : ['pop', ...kinds];
  const results = new Map<ModelKind, ModelEvaluation>();
  let step = 0;
  const steps = options.seeds.length * all.length;
  for (const seed of options.seeds) {
    let split = splitPerUser(dataset.matrix, dataset.times, { ...options.split, seed });
    if (options.validation)
      split = splitPerUser(split.train, split.trainTimes, { ...options.split, seed: seed + 1000 });
    for (const kind of all) {
      const model = createModel(kind, withSeed(settings, seed));
      const fit = await model.fit({ train: split.train, itemFeatures, pool });
      const started = performance.now();
      const lists = await model.recommend({ history: split.train, users: split.testUsers, k });
      const recommendSeconds = (performance.now() - started) / 1000;
      const metrics = rankingMetrics({ lists, users: split.testUsers, test: split.test, train: split.train });
      let entry = results.get(kind);
      if (!entry) {
        entry = { model: kind, params: { ...model.params }, runs: [], summary: summarise([]) };
        results.set(kind, entry);
      }
      entry.runs.push({ ...metrics, seed, fitSeconds: fit.seconds, recommendSeconds });
      options.progress?.('evaluating', ++step, steps);
    }
  }
  for (const entry of results.values()) entry.summary = summarise(entry.runs);
  return [...results.values()];
}

/** The settings with each seeded model's seed set to the split's seed (unless given). */
function withSeed(settings: ModelSettings, seed: number): ModelSettings {
  return {
    ...settings,
    als: { seed, ...settings.als },
    bpr: { seed, ...settings.bpr },
    hybrid: { seed, ...settings.hybrid },
  };
}
