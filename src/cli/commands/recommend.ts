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
import { writeFile } from 'node:fs/promises';
import { AppError } from '../../domain/errors.js';
import {
  ENTITIES,
  RecommendationService,
  radio,
  retrain,
  toJspf,
  type Entity,
  type RadioSeed,
  type RecommendationList,
  type RetrainOutcome,
} from '../../recommend/index.js';
import {
  recommendationTables,
  type ModelVersionSummary,
  type RetrainRun,
  type Store,
} from '../../store/index.js';
import {
  action,
  addDbOption,
  DEFAULT_USER,
  printJson,
  usageError,
  wholeNumberIn,
  withStoreOrServer,
  type DbOptions,
} from '../shared.js';

/** Flags that set model parameters (research mode and evaluation). */
interface ModelFlags {
  factors?: string;
  iterations?: string;
  regularization?: string;
  alpha?: string;
  weighting?: string;
  bm25K1?: string;
  bm25B?: string;
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

  registerStoreCommands(group);
}

interface RetrainCliOptions extends DbOptions, ModelFlags {
  entity: string;
  force?: boolean;
  dryRun?: boolean;
  model?: string;
  maxAgeDays?: string;
  json?: boolean;
}

interface ShowCliOptions extends DbOptions {
  user: string;
  entity: string;
  limit: string;
  json?: boolean;
}

interface ModelsCliOptions extends DbOptions {
  entity?: string;
  limit: string;
  json?: boolean;
}

interface RadioCliOptions extends DbOptions {
  user: string;
  artist?: string;
  recording?: string;
  tag?: string;
  count: string;
  out?: string;
  json?: boolean;
}

const RETRAIN_HELP = `
For each entity (recordings, artists, releases): with no model in production, one is trained and
promoted. Otherwise drift is measured over the last 30 days (item-popularity divergence, the share of
plays on items the model never saw) with the model's age; when one of them calls for it (older than
--max-age-days, divergence > 0.25, new items > 20 %) or with --force, a candidate is trained and both
are scored (NDCG@10) on what users played for the first time since production's data ended. The
candidate is promoted only when it is better, and the lists are computed again. The decision and its
reasons are recorded: \`listenhouse recommend models\` shows them.

Examples:
  listenhouse recommend retrain
  listenhouse recommend retrain --entity artist --force --json
  listenhouse recommend retrain --model als --factors 128 --dry-run
`;

/** The store-mode commands: retrain, models, show, radio. */
function registerStoreCommands(group: Command): void {
  withModelFlags(
    addDbOption(
      group
        .command('retrain')
        .description('Retrain when drift or age says so; promote only a better model; record why.')
        .option('--entity <entity>', `${ENTITIES.join(' | ')} | all`, 'all')
        .option('--force', 'train a candidate whatever drift and age say')
        .option('--dry-run', 'decide and report, store and promote nothing')
        .option('--model <kind>', `the candidate's model: ${MODEL_KINDS.join(' | ')} (default hybrid)`)
        .option('--max-age-days <n>', 'retrain a model older than this', '7')
        .option('--json', 'print one JSON document'),
    ),
  )
    .addHelpText('after', RETRAIN_HELP)
    .action(
      action(async (options: RetrainCliOptions) => {
        const entities = entityList(options.entity);
        const kind = options.model === undefined ? undefined : modelKind(options.model);
        const maxAgeDays = wholeNumberIn(options.maxAgeDays ?? '7', '--max-age-days', { min: 0, max: 3650 });
        const progress = stageProgress(!options.json);
        const runs = await withStoreOrServer(
          options,
          async (store) => {
            const pool = new KernelPool(threads(options));
            try {
              const out: RetrainOutcome[] = [];
              for (const entity of entities) {
                const outcome = await retrain({
                  store,
                  entity,
                  pool,
                  now: Date.now(),
                  force: Boolean(options.force),
                  dryRun: Boolean(options.dryRun),
                  policy: { maxAgeDays },
                  ...(kind ? { model: { kind, settings: modelSettings(options, kind) } } : {}),
                  progress,
                });
                progress.done();
                if (outcome.decision === 'promoted' && !options.dryRun)
                  await new RecommendationService({
                    store,
                    reads: store.reader(),
                    pool,
                    now: Date.now,
                  }).refresh(entity);
                out.push(outcome);
              }
              return out;
            } finally {
              progress.done();
              await pool.close();
            }
          },
          async (client) => {
            if (options.dryRun)
              throw usageError('--dry-run runs on the database itself: stop the server first.');
            const out: RetrainOutcome[] = [];
            for (const entity of entities)
              out.push(
                ...(
                  await client.request<{ runs: RetrainOutcome[] }>('POST', '/api/recommendations/retrain', {
                    entity,
                    force: Boolean(options.force),
                    ...(kind ? { model: kind } : {}),
                  })
                ).runs,
              );
            return out;
          },
        );
        if (options.json) printJson({ runs });
        else process.stdout.write(runs.map(renderRun).join('\n'));
      }),
    );

  addDbOption(
    group
      .command('models')
      .description(
        'Trained model versions (production, candidates, retired) and retraining decisions with their reasons.',
      )
      .option('--entity <entity>', ENTITIES.join(' | '))
      .option('--limit <n>', 'versions and decisions to show', '10')
      .option('--json', 'print one JSON document'),
  ).action(
    action(async (options: ModelsCliOptions) => {
      const entity = options.entity === undefined ? undefined : entityList(options.entity)[0];
      const limit = wholeNumberIn(options.limit, '--limit', { min: 1, max: 200 });
      const filter = { limit, ...(entity ? { entity } : {}) };
      const result = await withStoreOrServer(
        options,
        async (store) => {
          const tables = recommendationTables(store.db);
          return { versions: await tables.listVersions(filter), retrains: await tables.listRetrains(filter) };
        },
        (client) =>
          client.get<{ versions: ModelVersionSummary[]; retrains: RetrainRun[] }>(
            '/api/recommendations/models',
            filter,
          ),
      );
      if (options.json) printJson(result);
      else process.stdout.write(renderModels(result));
    }),
  );

  addDbOption(
    group
      .command('show')
      .description("A user's recommendations with the reason behind each.")
      .option('--user <name>', 'whose', DEFAULT_USER)
      .option('--entity <entity>', ENTITIES.join(' | '), 'recording')
      .option('--limit <n>', 'how many (1 to 100)', '20')
      .option('--json', 'print one JSON document'),
  ).action(
    action(async (options: ShowCliOptions) => {
      const [entity] = entityList(options.entity);
      const limit = wholeNumberIn(options.limit, '--limit', { min: 1, max: 100 });
      const list = await withStoreOrServer(
        options,
        async (store) => {
          const user = await findUser(store, options.user);
          const pool = new KernelPool(1);
          try {
            return await new RecommendationService({
              store,
              reads: store.reader(),
              pool,
              now: Date.now,
            }).list(user, entity!, { limit, offset: 0 });
          } finally {
            await pool.close();
          }
        },
        (client) =>
          client.get<RecommendationList>('/api/recommendations', { user: options.user, entity, limit }),
      );
      if (options.json) printJson(list);
      else process.stdout.write(renderList(list));
    }),
  );

  addDbOption(
    group
      .command('radio')
      .description('A playlist from a seed artist, recording or tag, written as JSPF.')
      .option('--user <name>', 'for whom (their "not interested" is respected)', DEFAULT_USER)
      .option('--artist <id>', 'seed: an artist id (see `recommend show --entity artist --json`)')
      .option('--recording <id>', 'seed: a recording id')
      .option('--tag <name>', 'seed: a tag or genre')
      .option('--count <n>', 'tracks (1 to 100)', '25')
      .option('--out <file>', 'write the JSPF here (default: stdout)')
      .option('--json', 'with --out: print a summary as one JSON document'),
  ).action(
    action(async (options: RadioCliOptions) => {
      const seed = radioSeed(options);
      const count = wholeNumberIn(options.count, '--count', { min: 1, max: 100 });
      const jspf = await withStoreOrServer(
        options,
        async (store) => {
          const user = await findUser(store, options.user);
          const pool = new KernelPool(1);
          try {
            const service = new RecommendationService({ store, reads: store.reader(), pool, now: Date.now });
            const playlist = await radio({
              service,
              reads: store.reader().db,
              user,
              seed,
              count,
              now: Date.now(),
            });
            return toJspf(playlist, user.name);
          } finally {
            await pool.close();
          }
        },
        (client) =>
          client.get<ReturnType<typeof toJspf>>('/api/recommendations/radio.jspf', {
            user: options.user,
            count,
            ...(seed.kind === 'tag' ? { tag: seed.tag } : { [seed.kind]: seed.id }),
          }),
      );
      const text = JSON.stringify(jspf, null, 2) + '\n';
      if (!options.out) {
        process.stdout.write(text);
        return;
      }
      await writeFile(resolve(options.out), text);
      const summary = {
        title: jspf.playlist.title,
        tracks: jspf.playlist.track.length,
        file: resolve(options.out),
      };
      if (options.json) printJson(summary);
      else process.stdout.write(`${summary.title}: ${summary.tracks} tracks written to ${summary.file}\n`);
    }),
  );
}

async function findUser(store: Store, name: string) {
  const user = await store.users.findByName(name);
  if (!user) throw new AppError('NOT_FOUND', `No user "${name}": \`listenhouse users\` lists them.`);
  return user;
}

function entityList(value: string): Entity[] {
  if (value === 'all') return [...ENTITIES];
  const found = ENTITIES.find((e) => e === value);
  if (!found) throw usageError(`--entity takes ${ENTITIES.join(', ')} or all, not '${value}'.`);
  return [found];
}

function radioSeed(o: RadioCliOptions): RadioSeed {
  const given = [o.artist, o.recording, o.tag].filter((v) => v !== undefined);
  if (given.length !== 1)
    throw usageError('recommend radio takes one seed: --artist ID, --recording ID or --tag NAME.');
  if (o.artist !== undefined)
    return { kind: 'artist', id: wholeNumberIn(o.artist, '--artist', { min: 1, max: 2 ** 31 - 1 }) };
  if (o.recording !== undefined)
    return { kind: 'recording', id: wholeNumberIn(o.recording, '--recording', { min: 1, max: 2 ** 31 - 1 }) };
  return { kind: 'tag', tag: o.tag! };
}

function renderRun(r: RetrainOutcome): string {
  const values =
    r.candidateValue !== null
      ? ` (candidate ${r.candidateValue.toFixed(4)}${r.productionValue !== null ? `, production ${r.productionValue.toFixed(4)}` : ''} ${r.metric})`
      : '';
  return [`${r.entity}s: ${r.decision}${values}`, ...r.reasons.map((x) => `  ${x}`), ''].join('\n');
}

function renderModels(result: { versions: ModelVersionSummary[]; retrains: RetrainRun[] }): string {
  const lines = ['Model versions (newest first):'];
  if (result.versions.length === 0)
    lines.push('  none yet: `listenhouse recommend retrain` trains the first.');
  for (const v of result.versions) {
    const ndcg = (v.metrics as { ndcg?: number; fresh?: { ndcg?: number } } | null) ?? null;
    const value = ndcg?.fresh?.ndcg ?? ndcg?.ndcg;
    lines.push(
      `  #${v.id} ${v.entity.padEnd(9)} ${v.kind.padEnd(7)} ${v.status.padEnd(10)} trained ${v.trainedAt.slice(0, 16).replace('T', ' ')}` +
        `  ${v.data.users} users × ${v.data.items} items, ${v.data.listens} listens` +
        (value !== undefined ? `  NDCG@10 ${value.toFixed(4)}` : ''),
    );
  }
  lines.push('', 'Retraining decisions (newest first):');
  if (result.retrains.length === 0) lines.push('  none yet.');
  for (const r of result.retrains) {
    lines.push(`  ${r.startedAt.slice(0, 16).replace('T', ' ')} ${r.entity}s: ${r.decision}`);
    for (const reason of r.reasons) lines.push(`    ${reason}`);
  }
  return lines.join('\n') + '\n';
}

function renderList(list: RecommendationList): string {
  if (!list.model)
    return `No ${list.entity} model is trained yet: \`listenhouse recommend retrain\` trains one.\n`;
  const lines = [
    `Recommended ${list.entity}s for ${list.user} (model #${list.model.id}, ${list.model.kind}, computed ${list.computedAt?.slice(0, 16).replace('T', ' ') ?? '—'}):`,
  ];
  for (const r of list.items)
    lines.push(
      `  ${String(r.rank).padStart(3)}. ${r.item.artist ? `${r.item.artist} — ` : ''}${r.item.name}`,
      `       ${r.reason}`,
    );
  if (list.items.length === 0) lines.push('  nothing left to recommend.');
  return lines.join('\n') + '\n';
}

function withModelFlags(command: Command): Command {
  return command
    .option('--factors <n>', 'ALS/BPR: latent factors')
    .option('--iterations <n>', 'ALS: sweeps; BPR: epochs')
    .option('--regularization <x>', 'ALS/BPR: L2 regularisation')
    .option('--alpha <x>', 'ALS: confidence slope, c = 1 + alpha × weight')
    .option('--weighting <w>', `ALS: ${WEIGHTINGS.join(' | ')}`)
    .option('--bm25-k1 <x>', 'ALS and item-kNN: BM25 saturation K1 (defaults 100 and 10)')
    .option('--bm25-b <x>', 'ALS and item-kNN: BM25 length normalisation B, 0 to 1 (defaults 0.8 and 1)')
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
  const bm25K1 = options.bm25K1 === undefined ? undefined : positiveNumber(options.bm25K1, '--bm25-k1');
  const bm25B = options.bm25B === undefined ? undefined : positiveNumber(options.bm25B, '--bm25-b');
  if (bm25B !== undefined && bm25B > 1)
    throw usageError(`--bm25-b takes a number from 0 to 1, not '${options.bm25B}'.`);
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
    als: defined({ factors, iterations, regularization, alpha, weighting, bm25K1, bm25B, seed }),
    bpr: defined({ factors, iterations, regularization, learningRate, seed }),
    itemknn: defined({ neighbours, similarity, bm25K1, bm25B }),
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
