/**
 * Retraining, as in the Moovitamix design: measure how far recent listening drifted from the
 * production model's training data; when drift or age calls for it (or --force), train a candidate
 * on the data as it is now, evaluate it and the production model on the same fresh split, and
 * promote the candidate only when it is better on the chosen metric. Every decision is recorded
 * with its reasons (retrain_runs) and every candidate with its data and metrics (model_versions).
 *
 * The fresh split is the listening since the production model's data ended: each user's history up
 * to then is the input, the items they played for the first time after it are the targets. Neither
 * model saw those plays (the candidate is evaluated as trained on the same history, then trained
 * again on everything before it is promoted). With no production model yet, the first candidate is
 * judged on a random per-user holdout and promoted.
 */
import { createHash } from 'node:crypto';
import {
  recommendationTables,
  type ModelVersion,
  type RecommendationTables,
  type RetrainRun,
  type Store,
} from '../../store/index.js';
import { buildCsr, nonZeros, type Csr } from '../interactions/csr.js';
import type { Dataset } from '../interactions/dataset.js';
import {
  readStoreInteractions,
  readStoreItemFeatures,
  type Entity,
  type StoreDataset,
} from '../interactions/from-store.js';
import type { KernelPool } from '../kernels/pool.js';
import { alignFeatures } from '../evaluation/evaluate.js';
import { rankingMetrics, type Metrics } from '../evaluation/metrics.js';
import { splitPerUser } from '../evaluation/split.js';
import { createModel, type ModelKind, type ModelSettings, type TopLists } from '../models/index.js';
import { computeDrift, itemPopularity, type Drift } from './drift.js';
import { decodeArtifact, encodeArtifact, historyFor, type TrainedModel } from './trained-model.js';

export interface RetrainPolicy {
  /** Retrain when the production model is older than this. */
  maxAgeDays: number;
  /** The recent window drift is measured on. */
  windowDays: number;
  /** Retrain when the popularity divergence exceeds this (0…1). */
  maxDivergence: number;
  /** Retrain when more than this share of recent interactions are on items the model never saw. */
  maxNewItemShare: number;
  /** The metric compared (at K). */
  metric: 'ndcg' | 'map' | 'recall' | 'precision' | 'hitRate';
  k: number;
}

export const DEFAULT_POLICY: RetrainPolicy = {
  maxAgeDays: 7,
  windowDays: 30,
  maxDivergence: 0.25,
  maxNewItemShare: 0.2,
  metric: 'ndcg',
  k: 10,
};

/** The model a server trains unless told otherwise (the best on HetRec validation, BENCHMARKS.md). */
export const DEFAULT_SERVER_MODEL: { kind: ModelKind; settings: ModelSettings } = {
  kind: 'hybrid',
  settings: {},
};

export interface RetrainOptions {
  store: Store;
  entity: Entity;
  pool: KernelPool;
  now: number;
  policy?: Partial<RetrainPolicy>;
  /** The candidate's model. */
  model?: { kind: ModelKind; settings: ModelSettings };
  /** Train a candidate whatever drift and age say. */
  force?: boolean;
  /** Decide and report, but store and promote nothing. */
  dryRun?: boolean;
  progress?: (stage: string, done: number, total: number) => void;
}

export interface RetrainOutcome extends Omit<RetrainRun, 'id' | 'startedAt' | 'finishedAt'> {
  /** The recorded run (null on a dry run). */
  runId: number | null;
  startedAt: string;
  finishedAt: string;
  /** The version in production after the decision. */
  productionAfter: number | null;
  candidateMetrics: Metrics | null;
  productionMetrics: Metrics | null;
  /** Test users and held-out items of the split the decision was made on. */
  split: { kind: 'fresh' | 'random'; users: number; items: number } | null;
}

/** sha256 of a data set's cells (names and weights), so the registry can tell what a model saw. */
export function fingerprint(dataset: Dataset): string {
  const hash = createHash('sha256');
  const m = dataset.matrix;
  for (let u = 0; u < m.rows; u++) {
    hash.update(`${dataset.users[u]!}:`);
    for (let k = m.indptr[u]!; k < m.indptr[u + 1]!; k++)
      hash.update(`${dataset.items[m.indices[k]!]!}=${m.values[k]!};`);
  }
  return hash.digest('hex');
}

async function trainOn(
  store: Store,
  input: {
    dataset: Dataset;
    entity: Entity;
    pool: KernelPool;
    model: { kind: ModelKind; settings: ModelSettings };
  },
  progress?: RetrainOptions['progress'],
): Promise<{ trained: TrainedModel; seconds: number }> {
  const { dataset, model } = input;
  const needsFeatures = model.kind === 'content' || model.kind === 'hybrid';
  const features = needsFeatures ? await readStoreItemFeatures(store.reader().db, input.entity) : null;
  const settings =
    model.kind === 'hybrid' && (features === null || features.size === 0)
      ? {
          ...model.settings,
          hybrid: {
            ...model.settings.hybrid,
            parts: (model.settings.hybrid?.parts ?? 'als,itemknn,content').replace(/,?content/, ''),
          },
        }
      : model.settings;
  const recommender = createModel(model.kind, settings);
  const report = await recommender.fit({
    train: dataset.matrix,
    itemFeatures: alignFeatures(dataset.items, features),
    pool: input.pool,
    ...(progress ? { progress } : {}),
  });
  return {
    trained: { model: recommender, users: dataset.users, items: dataset.items },
    seconds: report.seconds,
  };
}

/** Lists from a trained model for `users` (names of `history`'s data set), mapped into `space`. */
async function listsIn(
  trained: TrainedModel,
  input: { history: Dataset; users: readonly string[]; k: number; space: Map<string, number> },
): Promise<TopLists> {
  const history = historyFor(trained, input.history, input.users);
  const lists = await trained.model.recommend({ history, users: null, k: input.k });
  const ids = new Int32Array(lists.ids.length).fill(-1);
  for (let n = 0; n < lists.ids.length; n++) {
    const item = lists.ids[n]!;
    if (item >= 0) ids[n] = input.space.get(trained.items[item]!) ?? -1;
  }
  return { k: input.k, count: input.users.length, ids, scores: lists.scores };
}

interface FreshSplit {
  /** Interactions up to the cut (each user's history). */
  history: Dataset;
  /** Test users (names) and, per user, the items first played after the cut. */
  users: string[];
  test: Csr;
  train: Csr;
  space: Map<string, number>;
}

/**
 * The fresh split at `cutMs`: each user's history is their listens up to the cut (`before`), the
 * targets the items of `data` they first played after it. Items are numbered as in `data`.
 */
function freshSplit(data: StoreDataset, before: StoreDataset, cutMs: number): FreshSplit {
  const space = new Map(data.items.map((name, i) => [name, i]));
  const users: string[] = [];
  const rows: number[] = [];
  const cols: number[] = [];
  const m = data.matrix;
  for (let u = 0; u < m.rows; u++) {
    let any = false;
    for (let k = m.indptr[u]!; k < m.indptr[u + 1]!; k++)
      if (data.firstTimes[k]! * 1000 > cutMs) {
        if (!any) users.push(data.users[u]!);
        any = true;
        rows.push(users.length - 1);
        cols.push(m.indices[k]!);
      }
  }
  const test = buildCsr(
    { rows: users.length, cols: m.cols },
    {
      rows: Int32Array.from(rows),
      cols: Int32Array.from(cols),
      values: new Float32Array(rows.length).fill(1),
      length: rows.length,
    },
  );
  // The test users' histories in data's numbering, for novelty's popularity.
  const rowOf = new Map(before.users.map((n, u) => [n, u]));
  const h: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  const b = before.matrix;
  users.forEach((name, out) => {
    const row = rowOf.get(name);
    if (row === undefined) return;
    for (let k = b.indptr[row]!; k < b.indptr[row + 1]!; k++) {
      h.push(out);
      c.push(space.get(before.items[b.indices[k]!]!)!);
      v.push(b.values[k]!);
    }
  });
  const train = buildCsr(
    { rows: users.length, cols: m.cols },
    { rows: Int32Array.from(h), cols: Int32Array.from(c), values: Float32Array.from(v), length: h.length },
  );
  return { history: before, users, test, train, space };
}

function describeEntity(entity: Entity): string {
  return `${entity}s`;
}

function round(x: number, digits = 4): number {
  return Number(x.toFixed(digits));
}

/** Retrains one entity's model as the policy says; see the file comment. */
export async function retrain(options: RetrainOptions): Promise<RetrainOutcome> {
  const startedAtMs = options.now;
  const policy = { ...DEFAULT_POLICY, ...options.policy };
  const metricName = `${policy.metric}@${policy.k}`;
  const modelConfig = options.model ?? DEFAULT_SERVER_MODEL;
  const tables = recommendationTables(options.store.db);
  const reads = options.store.reader();
  const { entity, pool } = options;
  const reasons: string[] = [];
  const finish = async (
    outcome: Omit<RetrainOutcome, 'runId' | 'startedAt' | 'finishedAt' | 'reasons' | 'metric' | 'entity'>,
  ) => {
    const finishedAtMs = Date.now() - startedAtMs + options.now;
    const record = {
      entity,
      decision: outcome.decision,
      reasons,
      drift: outcome.drift,
      metric: metricName,
      candidateVersionId: outcome.candidateVersionId,
      productionVersionId: outcome.productionVersionId,
      candidateValue: outcome.candidateValue,
      productionValue: outcome.productionValue,
    };
    const runId = options.dryRun
      ? null
      : await tables.recordRetrain({ ...record, startedAtMs, finishedAtMs });
    return {
      ...outcome,
      ...record,
      runId,
      startedAt: new Date(startedAtMs).toISOString(),
      finishedAt: new Date(finishedAtMs).toISOString(),
    };
  };

  const data = await readStoreInteractions(reads.db, {
    entity,
    fromMs: 0,
    toMs: options.now + 1,
    halfLifeDays: 0,
  });
  const production = await tables.production(entity);
  const base = {
    drift: null,
    candidateVersionId: null,
    productionVersionId: production?.id ?? null,
    candidateValue: null,
    productionValue: null,
    productionAfter: production?.id ?? null,
    candidateMetrics: null,
    productionMetrics: null,
    split: null,
  };
  if (nonZeros(data.matrix) === 0) {
    reasons.push(`No listens yet: nothing to learn ${describeEntity(entity)} from.`);
    return finish({ ...base, decision: 'skipped' });
  }

  if (!production) {
    reasons.push(
      `No model in production for ${describeEntity(entity)}: the first one is trained and promoted.`,
    );
    const split = splitPerUser(data.matrix, null, { kind: 'random', share: 0.2, seed: 1, minItems: 5 });
    let candidateMetrics: Metrics | null = null;
    if (split.testUsers.length > 0) {
      const judge = await trainOn(options.store, {
        dataset: { ...data, matrix: split.train },
        entity,
        pool,
        model: modelConfig,
      });
      const lists = await judge.trained.model.recommend({
        history: split.train,
        users: split.testUsers,
        k: policy.k,
      });
      candidateMetrics = rankingMetrics({
        lists,
        users: split.testUsers,
        test: split.test,
        train: split.train,
      });
      reasons.push(
        `On a random 20 % holdout of ${split.testUsers.length} users it scores ${metricName} ${round(candidateMetrics[policy.metric])}.`,
      );
    } else reasons.push('Too few listens per user to hold any out: no metrics yet.');
    if (options.dryRun)
      return finish({
        ...base,
        decision: 'promoted',
        candidateMetrics,
        candidateValue: candidateMetrics?.[policy.metric] ?? null,
        split:
          split.testUsers.length > 0
            ? { kind: 'random', users: split.testUsers.length, items: nonZeros(split.test) }
            : null,
      });
    const final = await trainOn(
      options.store,
      { dataset: data, entity, pool, model: modelConfig },
      options.progress,
    );
    const id = await storeVersion(tables, {
      entity,
      data,
      trained: final.trained,
      seconds: final.seconds,
      metrics: candidateMetrics,
      now: options.now,
      kind: modelConfig.kind,
    });
    await tables.promote({ id, entity, atMs: options.now });
    return finish({
      ...base,
      decision: 'promoted',
      candidateVersionId: id,
      candidateValue: candidateMetrics?.[policy.metric] ?? null,
      productionAfter: id,
      candidateMetrics,
      split:
        split.testUsers.length > 0
          ? { kind: 'random', users: split.testUsers.length, items: nonZeros(split.test) }
          : null,
    });
  }

  // Drift and age.
  const windowFrom = options.now - policy.windowDays * 86_400_000;
  const recent = await readStoreInteractions(reads.db, {
    entity,
    fromMs: windowFrom,
    toMs: options.now + 1,
    halfLifeDays: 0,
  });
  const productionModel = decodeArtifact(production.artifact, pool);
  const drift: Drift = computeDrift({
    trainingPopularity: production.itemPopularity,
    trainedUsers: new Set(productionModel.users),
    recent,
    windowDays: policy.windowDays,
  });
  const ageDays = (options.now - Date.parse(production.trainedAt)) / 86_400_000;
  const triggers: string[] = [];
  if (options.force) triggers.push('retraining was forced');
  if (ageDays > policy.maxAgeDays)
    triggers.push(`the production model is ${ageDays.toFixed(1)} days old (more than ${policy.maxAgeDays})`);
  if (drift.popularityDivergence > policy.maxDivergence)
    triggers.push(
      `item popularity in the last ${policy.windowDays} days diverged by ${round(drift.popularityDivergence, 3)} (more than ${policy.maxDivergence})`,
    );
  if (drift.newItemShare > policy.maxNewItemShare)
    triggers.push(
      `${(drift.newItemShare * 100).toFixed(1)} % of recent plays are of items the model never saw (more than ${(policy.maxNewItemShare * 100).toFixed(0)} %)`,
    );
  const withDrift = { ...base, drift: { ...drift, ageDays: round(ageDays, 2) } };
  if (triggers.length === 0) {
    reasons.push(
      `Production (version ${production.id}) is ${ageDays.toFixed(1)} days old, popularity divergence ${round(drift.popularityDivergence, 3)}, ` +
        `${(drift.newItemShare * 100).toFixed(1)} % of recent plays on new items: nothing calls for a new model.`,
    );
    return finish({ ...withDrift, decision: 'skipped' });
  }
  reasons.push(`A candidate is trained because ${triggers.join('; ')}.`);
  const dataPrint = fingerprint(data);
  if (dataPrint === production.data.fingerprint) {
    reasons.push(
      'The listens are exactly those production was trained on: a candidate would learn nothing new.',
    );
    return finish({ ...withDrift, decision: 'skipped' });
  }

  // The fresh split at the end of production's data.
  const cut = production.data.to === null ? 0 : Date.parse(production.data.to);
  const before = await readStoreInteractions(reads.db, { entity, fromMs: 0, toMs: cut + 1, halfLifeDays: 0 });
  const fresh = freshSplit(data, before, cut);
  if (fresh.users.length === 0) {
    reasons.push(
      `No user played anything new since production's data ended (${production.data.to ?? 'never'}): nothing to compare the models on; production is kept.`,
    );
    return finish({ ...withDrift, decision: 'skipped' });
  }
  const judge = await trainOn(
    options.store,
    { dataset: fresh.history, entity, pool, model: modelConfig },
    options.progress,
  );
  const testUsers = Int32Array.from(fresh.users.keys());
  const candidateLists = await listsIn(judge.trained, {
    history: fresh.history,
    users: fresh.users,
    k: policy.k,
    space: fresh.space,
  });
  const productionLists = await listsIn(productionModel, {
    history: fresh.history,
    users: fresh.users,
    k: policy.k,
    space: fresh.space,
  });
  const candidateMetrics = rankingMetrics({
    lists: candidateLists,
    users: testUsers,
    test: fresh.test,
    train: fresh.train,
  });
  const productionMetrics = rankingMetrics({
    lists: productionLists,
    users: testUsers,
    test: fresh.test,
    train: fresh.train,
  });
  const candidateValue = candidateMetrics[policy.metric];
  const productionValue = productionMetrics[policy.metric];
  const split = { kind: 'fresh' as const, users: fresh.users.length, items: nonZeros(fresh.test) };
  reasons.push(
    `On the ${split.items} items ${split.users} user${split.users === 1 ? '' : 's'} played for the first time since ${production.data.to ?? 'the start'}, ` +
      `the candidate (${modelConfig.kind}) scores ${metricName} ${round(candidateValue)} and production (version ${production.id}, ${production.kind}) ${round(productionValue)}.`,
  );
  const compared = {
    ...withDrift,
    candidateValue,
    productionValue,
    candidateMetrics,
    productionMetrics,
    split,
  };
  if (!(candidateValue > productionValue)) {
    reasons.push('The candidate is not better: production is kept.');
    const id = options.dryRun
      ? null
      : await storeVersion(tables, {
          entity,
          data: fresh.history,
          trained: judge.trained,
          seconds: judge.seconds,
          metrics: { fresh: candidateMetrics },
          now: options.now,
          kind: modelConfig.kind,
          status: 'rejected',
        });
    return finish({ ...compared, decision: 'kept', candidateVersionId: id });
  }
  reasons.push('The candidate is better: it is trained again on every listen and promoted.');
  if (options.dryRun) return finish({ ...compared, decision: 'promoted' });
  const final = await trainOn(
    options.store,
    { dataset: data, entity, pool, model: modelConfig },
    options.progress,
  );
  const id = await storeVersion(tables, {
    entity,
    data,
    trained: final.trained,
    seconds: final.seconds,
    metrics: { fresh: candidateMetrics, productionOnFresh: productionMetrics },
    now: options.now,
    kind: modelConfig.kind,
  });
  await tables.promote({ id, entity, atMs: options.now });
  return finish({ ...compared, decision: 'promoted', candidateVersionId: id, productionAfter: id });
}

async function storeVersion(
  tables: RecommendationTables,
  v: {
    entity: Entity;
    data: Dataset & { listens?: number; firstMs?: number | null; lastMs?: number | null };
    trained: TrainedModel;
    seconds: number;
    metrics: Metrics | Record<string, Metrics> | null;
    now: number;
    kind: ModelKind;
    status?: 'candidate' | 'rejected';
  },
): Promise<number> {
  const m = v.data.matrix;
  let listens = 0;
  for (let k = 0; k < nonZeros(m); k++) listens += m.values[k]!;
  let last = -Infinity;
  let first = Infinity;
  if (v.data.times)
    for (const t of v.data.times)
      if (Number.isFinite(t)) {
        last = Math.max(last, t);
        first = Math.min(first, t);
      }
  // Whole milliseconds: epoch seconds of the listens carry fractions, a BIGINT parameter cannot.
  const whole = (ms: number | null) => (ms === null ? null : Math.round(ms));
  const fromMs = whole(v.data.firstMs ?? (Number.isFinite(first) ? first * 1000 : null));
  const toMs = whole(Number.isFinite(last) ? last * 1000 : (v.data.lastMs ?? null));
  return tables.insertVersion({
    entity: v.entity,
    kind: v.kind,
    params: { ...v.trained.model.params },
    status: v.status ?? 'candidate',
    trainedAtMs: v.now,
    trainSeconds: v.seconds,
    data: {
      users: m.rows,
      items: m.cols,
      interactions: nonZeros(m),
      listens: Math.round(v.data.listens ?? listens),
      from: null,
      to: null,
      fromMs,
      toMs,
      fingerprint: fingerprint(v.data),
    },
    itemPopularity: itemPopularity(v.data),
    metrics: v.metrics as Record<string, unknown> | null,
    artifact: encodeArtifact(v.trained),
  });
}

export type { ModelVersion };
