import { resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import {
  DEFAULT_SPLIT,
  KernelPool,
  MODEL_KINDS,
  SIMILARITIES,
  SPLITS,
  WEIGHTINGS,
  defaultThreads,
  evaluateModels,
  isModelKind,
  readInteractionsFile,
  readItemFeatures,
  runBatch,
  type BatchReport,
  type ModelEvaluation,
  type ModelKind,
  type ModelSettings,
  type SplitKind,
} from '../../recommend/index.js';
import { action, printJson, usageError, wholeNumberIn } from '../shared.js';

/** Flags that set model parameters (research mode and evaluation). */
interface ModelFlags {
  factors?: string;
  iterations?: string;
  regularization?: string;
  alpha?: string;
  weighting?: string;
  neighbours?: string;
  similarity?: string;
  learningRate?: string;
  parts?: string;
  weights?: string;
  threads?: string;
  seed?: string;
}

interface BatchCliOptions extends ModelFlags {
  train: string;
  model: string;
  k: string;
  out: string;
  itemFeatures?: string;
  json?: boolean;
}

interface EvaluateCliOptions extends ModelFlags {
  train?: string;
  model: string;
  split: string;
  k: string;
  seeds: string;
  validation?: boolean;
  itemFeatures?: string;
  json?: boolean;
}

const MODEL_HELP = `
Models (--model):
  pop       popularity: the items most users have (the baseline every metric is reported beside)
  itemknn   item-based nearest neighbours (--similarity ${SIMILARITIES.join('|')}, --neighbours N)
  als       implicit matrix factorisation, conjugate-gradient ALS (--factors --iterations
            --regularization --alpha --weighting)
  bpr       Bayesian personalised ranking (--factors --iterations --learning-rate --regularization)
  content   TF-IDF over item features (needs --item-features)
  hybrid    a blend of --parts (default als,itemknn,content; content only with --item-features),
            weights chosen on a validation split cut from the training data unless --weights
`;

const BATCH_HELP = `
${MODEL_HELP}
Files:
  --train   TSV "user<TAB>item<TAB>weight[<TAB>time]" (a header line is fine), Parquet with columns
            user, item, weight[, time], or a ListenBrainz listens dump in Parquet (aggregated per user
            and recording)
  --item-features   TSV "item<TAB>feature<TAB>weight", e.g. HetRec's artist tags:
            artistID, tag name, how many users gave it
  --out     TSV "user<TAB>item<TAB>rank" (rank 1..K): K distinct items for every user of --train, none
            that user has in --train

Examples:
  listenhouse recommend batch --train user_artists.dat --model als --k 10 --out recs.tsv --json
  listenhouse recommend batch --train plays.tsv --model hybrid --item-features tags.tsv --out recs.tsv
`;

const EVALUATE_HELP = `
${MODEL_HELP}
Per-user holdout: --split random holds out a random 20 % of each user's items, --split time each user's
latest 20 % (needs times). Users with fewer than 5 items are not tested. Metrics at K: precision, recall,
NDCG, MAP, hit rate, catalogue coverage and novelty, as mean ± std over --seeds, always beside popularity.
--validation evaluates on a split cut from the training side instead: the test items are never seen
(that is how the defaults were chosen).

Examples:
  listenhouse recommend evaluate --train user_artists.dat --model als,itemknn,hybrid \\
      --item-features artist_tags.tsv --seeds 1,2,3,4,5 --json
`;

/** `listenhouse recommend …`: research mode, evaluation, and the recommendations of this server. */
export function registerRecommendCommand(program: Command): void {
  const group = program
    .command('recommend')
    .description('Recommendations: train and compare models (research mode), evaluate, retrain, show.');

  withModelFlags(
    group
      .command('batch')
      .description(
        'Fit a model on an interactions file and write K recommendations per user (research mode).',
      )
      .requiredOption('--train <file>', 'interactions: TSV or Parquet (see below)')
      .option('--model <kind>', MODEL_KINDS.join(' | '), 'als')
      .option('--k <n>', 'recommendations per user', '10')
      .requiredOption('--out <file>', 'where to write user<TAB>item<TAB>rank')
      .option('--item-features <file>', 'TSV item<TAB>feature<TAB>weight (content, hybrid)')
      .option('--json', 'print the run report as one JSON document'),
  )
    .addHelpText('after', BATCH_HELP)
    .action(
      action(async (options: BatchCliOptions) => {
        const model = modelKind(options.model);
        const k = wholeNumberIn(options.k, '--k', { min: 1, max: 1000 });
        const settings = modelSettings(options, model);
        const pool = new KernelPool(threads(options));
        const progress = stageProgress(!options.json);
        try {
          const dataset = await readInteractionsFile(resolve(options.train), {
            progress: (read, total) => progress('reading', read, total),
          });
          const itemFeatures = options.itemFeatures
            ? await readItemFeatures(resolve(options.itemFeatures))
            : null;
          requireFeatures(model, settings, itemFeatures !== null);
          const report = await runBatch({
            dataset,
            model,
            settings,
            k,
            out: resolve(options.out),
            itemFeatures,
            pool,
            progress,
          });
          progress.done();
          if (options.json) printJson(report);
          else process.stdout.write(renderBatch(report));
        } finally {
          progress.done();
          await pool.close();
        }
      }),
    );

  withModelFlags(
    group
      .command('evaluate')
      .description('Per-user holdout evaluation of models beside popularity (mean ± std over seeds).')
      .option('--train <file>', 'interactions file (TSV or Parquet, as for batch)')
      .option('--model <kinds>', `comma-separated: ${MODEL_KINDS.join(', ')}`, 'als,itemknn,hybrid')
      .option('--split <kind>', SPLITS.join(' | '), 'random')
      .option('--k <n>', 'list length the metrics are at', '10')
      .option('--seeds <list>', 'one split per seed, e.g. 1,2,3,4,5', '1')
      .option('--validation', 'evaluate on a validation split cut from the training side')
      .option('--item-features <file>', 'TSV item<TAB>feature<TAB>weight (content, hybrid)')
      .option('--json', 'print one JSON document'),
  )
    .addHelpText('after', EVALUATE_HELP)
    .action(
      action(async (options: EvaluateCliOptions) => {
        const kinds = options.model.split(',').map((m) => modelKind(m.trim()));
        const k = wholeNumberIn(options.k, '--k', { min: 1, max: 1000 });
        const split = splitKind(options.split);
        const seeds = seedList(options.seeds);
        if (!options.train)
          throw usageError(
            "recommend evaluate needs --train FILE here; to evaluate on this server's listens, run `listenhouse recommend retrain --dry-run`.",
          );
        const settings: ModelSettings = kinds.reduce<ModelSettings>(
          (s, kind) => ({ ...s, ...modelSettings(options, kind) }),
          {},
        );
        const pool = new KernelPool(threads(options));
        const progress = stageProgress(!options.json);
        try {
          const dataset = await readInteractionsFile(resolve(options.train), {
            progress: (read, total) => progress('reading', read, total),
          });
          const itemFeatures = options.itemFeatures
            ? await readItemFeatures(resolve(options.itemFeatures))
            : null;
          for (const kind of kinds) requireFeatures(kind, settings, itemFeatures !== null);
          const results = await evaluateModels({
            dataset,
            kinds,
            settings,
            split: { ...DEFAULT_SPLIT, kind: split },
            seeds,
            k,
            pool,
            itemFeatures,
            validation: Boolean(options.validation),
            progress,
          });
          progress.done();
          const document = {
            train: resolve(options.train),
            split,
            side: options.validation ? 'validation' : 'test',
            k,
            seeds,
            users: dataset.matrix.rows,
            items: dataset.matrix.cols,
            models: results,
          };
          if (options.json) printJson(document);
          else process.stdout.write(renderEvaluation(document));
        } finally {
          progress.done();
          await pool.close();
        }
      }),
    );
}

function withModelFlags(command: Command): Command {
  return command
    .option('--factors <n>', 'ALS/BPR: latent factors')
    .option('--iterations <n>', 'ALS: sweeps; BPR: epochs')
    .option('--regularization <x>', 'ALS/BPR: L2 regularisation')
    .option('--alpha <x>', 'ALS: confidence slope, c = 1 + alpha × weight')
    .option('--weighting <w>', `ALS: ${WEIGHTINGS.join(' | ')}`)
    .option('--neighbours <n>', 'item-kNN: neighbours kept per item')
    .option('--similarity <s>', `item-kNN: ${SIMILARITIES.join(' | ')}`)
    .option('--learning-rate <x>', 'BPR: SGD step')
    .option('--parts <kinds>', 'hybrid: comma-separated kinds to blend')
    .option('--weights <list>', 'hybrid: comma-separated weights (default: chosen on validation)')
    .option('--threads <n>', `kernel threads (default: ${defaultThreads()}, the cores available)`)
    .option('--seed <n>', 'random seed: the same seed gives the same model');
}

function modelKind(value: string): ModelKind {
  if (!isModelKind(value)) throw usageError(`--model takes ${MODEL_KINDS.join(', ')}, not '${value}'.`);
  return value;
}

function splitKind(value: string): SplitKind {
  const found = SPLITS.find((s) => s === value);
  if (!found) throw usageError(`--split takes ${SPLITS.join(' or ')}, not '${value}'.`);
  return found;
}

function seedList(value: string): number[] {
  const seeds = value.split(',').map((s) => wholeNumberIn(s.trim(), '--seeds', { min: 0, max: 2 ** 31 - 1 }));
  if (seeds.length === 0) throw usageError('--seeds takes at least one seed, e.g. 1,2,3,4,5.');
  return seeds;
}

function threads(options: ModelFlags): number {
  return options.threads === undefined
    ? defaultThreads()
    : wholeNumberIn(options.threads, '--threads', { min: 1, max: 256 });
}

function positiveNumber(value: string, option: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0)
    throw usageError(`${option} takes a number of 0 or more, not '${value}'.`);
  return n;
}

/** The model settings the flags give (only those set; the rest keep the project defaults). */
export function modelSettings(options: ModelFlags, model: ModelKind): ModelSettings {
  const int = (v: string | undefined, option: string, max: number) =>
    v === undefined ? undefined : wholeNumberIn(v, option, { min: 1, max });
  const factors = int(options.factors, '--factors', 1024);
  const iterations = int(options.iterations, '--iterations', 10_000);
  const neighbours = int(options.neighbours, '--neighbours', 100_000);
  const seed =
    options.seed === undefined
      ? undefined
      : wholeNumberIn(options.seed, '--seed', { min: 0, max: 2 ** 31 - 1 });
  const regularization =
    options.regularization === undefined
      ? undefined
      : positiveNumber(options.regularization, '--regularization');
  const alpha = options.alpha === undefined ? undefined : positiveNumber(options.alpha, '--alpha');
  const learningRate =
    options.learningRate === undefined ? undefined : positiveNumber(options.learningRate, '--learning-rate');
  let weighting: (typeof WEIGHTINGS)[number] | undefined;
  if (options.weighting !== undefined) {
    weighting = WEIGHTINGS.find((w) => w === options.weighting);
    if (!weighting)
      throw usageError(`--weighting takes ${WEIGHTINGS.join(', ')}, not '${options.weighting}'.`);
  }
  let similarity: (typeof SIMILARITIES)[number] | undefined;
  if (options.similarity !== undefined) {
    similarity = SIMILARITIES.find((s) => s === options.similarity);
    if (!similarity)
      throw usageError(`--similarity takes ${SIMILARITIES.join(', ')}, not '${options.similarity}'.`);
  }
  let parts: string | undefined;
  if (options.parts !== undefined) {
    const kinds = options.parts.split(',').map((p) => p.trim());
    for (const kind of kinds)
      if (!isModelKind(kind) || kind === 'hybrid')
        throw usageError(
          `--parts takes model kinds other than hybrid (${MODEL_KINDS.filter((m) => m !== 'hybrid').join(', ')}), not '${kind}'.`,
        );
    parts = kinds.join(',');
  }
  let weights: string | undefined;
  if (options.weights !== undefined) {
    const values = options.weights.split(',').map((w) => positiveNumber(w.trim(), '--weights'));
    weights = values.join(',');
  }
  const defined = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  const settings: ModelSettings = {
    als: defined({ factors, iterations, regularization, alpha, weighting, seed }),
    bpr: defined({ factors, iterations, regularization, learningRate, seed }),
    itemknn: defined({ neighbours, similarity }),
    hybrid: defined({ parts, weights, seed }),
  };
  if (weights !== undefined) {
    const count = (parts ?? 'als,itemknn,content').split(',').length;
    if (weights.split(',').length !== count)
      throw usageError(
        `--weights gives ${weights.split(',').length} weights for ${count} parts (${parts ?? 'als,itemknn,content'}).`,
      );
  }
  if (model !== 'hybrid') delete settings.hybrid;
  return settings;
}

/** The content model (alone, or as a hybrid's part) needs features. */
function requireFeatures(model: ModelKind, settings: ModelSettings, hasFeatures: boolean): void {
  if (hasFeatures) return;
  if (model === 'content')
    throw usageError('--model content needs --item-features FILE (TSV item<TAB>feature<TAB>weight).');
  if (model === 'hybrid') {
    const parts = (settings.hybrid?.parts ?? 'als,itemknn,content').split(',');
    // Without features the hybrid blends the collaborative models.
    settings.hybrid = { ...settings.hybrid, parts: parts.filter((p) => p !== 'content').join(',') };
    if (settings.hybrid.parts === '') throw usageError('--parts content needs --item-features FILE.');
  }
}

/** A progress line per stage on stderr, when it is a terminal. */
function stageProgress(
  enabled: boolean,
): ((stage: string, done: number, total: number) => void) & { done(): void } {
  let bar: SingleBar | null = null;
  let current = '';
  const update = (stage: string, done: number, total: number) => {
    if (!enabled || !process.stderr.isTTY) return;
    if (stage !== current) {
      bar?.stop();
      current = stage;
      bar = new SingleBar(
        {
          format: `${stage.padEnd(16)} |{bar}| {percentage}% {value}/{total}`,
          stream: process.stderr,
          clearOnComplete: true,
        },
        Presets.shades_classic,
      );
      bar.start(Math.max(1, total), 0);
    }
    bar?.setTotal(Math.max(1, total));
    bar?.update(done);
  };
  return Object.assign(update, {
    done() {
      bar?.stop();
      bar = null;
      current = '';
    },
  });
}

function seconds(s: number | null): string {
  return s === null ? '–' : s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`;
}

function renderBatch(r: BatchReport): string {
  return [
    `${r.model}: ${r.users} users × ${r.items} items, ${r.non_zeros} interactions`,
    `  fit            ${seconds(r.fit_seconds)}${r.seconds_per_iteration !== null ? ` (${seconds(r.seconds_per_iteration)} per iteration)` : ''}`,
    `  recommend      ${seconds(r.recommend_seconds)} (top ${r.k} for every user)`,
    `  peak memory    ${(r.peak_memory_bytes / 2 ** 20).toFixed(0)} MiB`,
    `  kernels        ${r.kernels}, ${r.threads} thread${r.threads === 1 ? '' : 's'}`,
    ...(r.filled_from_popularity > 0
      ? [`  ${r.filled_from_popularity} lists completed with popular items (the model had fewer than ${r.k})`]
      : []),
    `  written to     ${r.out}`,
    '',
  ].join('\n');
}

function renderEvaluation(doc: {
  train: string;
  split: SplitKind;
  side: string;
  k: number;
  seeds: number[];
  users: number;
  items: number;
  models: ModelEvaluation[];
}): string {
  const k = doc.k;
  const head = `${doc.split} split, ${doc.side} side, K = ${k}, seeds ${doc.seeds.join(',')} (${doc.users} users × ${doc.items} items)`;
  const cols = ['ndcg', 'precision', 'recall', 'map', 'hitRate', 'coverage', 'novelty'] as const;
  const label = (c: string) =>
    c === 'hitRate' ? `hit@${k}` : c === 'coverage' || c === 'novelty' ? c : `${c}@${k}`;
  const cell = (v: { mean: number; std: number }) => `${v.mean.toFixed(4)} ±${v.std.toFixed(4)}`;
  const rows = doc.models.map((m) => [m.model, ...cols.map((c) => cell(m.summary[c]))]);
  const header = ['model', ...cols.map(label)];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [head, '', line(header), ...rows.map(line), ''].join('\n');
}
