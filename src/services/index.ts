/**
 * The composition root: the one place where the store is opened and the long-lived services are
 * built from the configuration. The server (`buildApp({ services })`), the CLI commands, and later
 * the Kafka consumer and the scheduler all take their services from here, so they share the one
 * write connection, the group-committing submitter and the import-job queue.
 */
import { BackgroundMatcher, CatalogImportJobs, CatalogService } from '../catalog/index.js';
import { resolveConfig, type Config } from '../config/index.js';
import { BackgroundEnricher, createEnrichment, type Enrichment } from '../enrich/index.js';
import { PlayingNowBoard } from '../ingest/now-playing.js';
import { ListenSubmitter } from '../ingest/submit-service.js';
import { Backups } from '../jobs/backups.js';
import { ImportJobs } from '../jobs/import-jobs.js';
import { LiveService } from '../live/index.js';
import { createApiAuth, type ApiAuth } from '../server/api/auth.js';
import { VERSION } from '../server/app.js';
import { onRollupError, openStore, type Store } from '../store/index.js';
import type { SecretBox } from '../domain/secret-box.js';
import { credentialsBox } from './credentials-key.js';
import { Pipeline, PipelineSchedule } from '../jobs/pipeline.js';
import { QualityService } from '../quality/index.js';
import { StreamBatchWriter } from '../stream/batch-writer.js';
import { pipelinePhases } from './pipeline-phases.js';

/** What tells the time: pinned by tests, the system clock otherwise. Epoch ms. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface Services {
  readonly config: Config;
  readonly clock: Clock;
  /** The store on the write connection: every writer in the process takes turns on it. */
  readonly store: Store;
  /** The same store on the read connection: committed data only, never waiting behind a write. */
  readonly reads: Store;
  /** Live submissions, written by group commit. */
  readonly submitter: ListenSubmitter;
  /** Micro-batches of Kafka events from `stream consume --server` members, with their offsets. */
  readonly streamBatches: StreamBatchWriter;
  /** File imports as jobs, one at a time, their batches interleaved with live submissions. */
  readonly jobs: ImportJobs;
  /** Who a request acts as (tokens, the local credential, privacy). */
  readonly auth: ApiAuth;
  /** The MusicBrainz catalogue: dump imports, matching, hand links, the MBID map. */
  readonly catalog: CatalogService;
  /** Dump imports started over HTTP, one at a time. */
  readonly catalogJobs: CatalogImportJobs;
  /** Covers, genres and descriptions from outside services, in batches. */
  readonly enrichment: Enrichment;
  /** What each user plays now (in memory): the ListenBrainz and Last.fm APIs and the live sources share it. */
  readonly playingNow: PlayingNowBoard;
  /** Seals and opens stored credentials: the key from config, else the key file beside the database (made on first use). */
  readonly credentials: () => SecretBox;
  /** Live sources: connections, their polling (started with the background work), webhooks. */
  readonly live: LiveService;
  /** The audit, its score's history, the fixes and their change sets. */
  readonly quality: QualityService;
  /** Consistent snapshots of the database file, rotated and compressed. */
  readonly backups: Backups;
  /** The nightly pipeline (run on demand; on its schedule once `startBackground` runs with quality.pipeline on). */
  readonly pipeline: Pipeline;
  /** The pipeline's schedule: started by `startSchedule` (`listenhouse schedule`, or serve with quality.pipeline). */
  readonly schedule: PipelineSchedule;
  /**
   * Work a running server does beside the write path (matching new listens; enrichment): started by
   * the server once it holds the database, stopped by close().
   */
  startBackground(log?: (message: string, err?: unknown) => void): void;
  /** Lets queued and running work finish and commit, then closes the store. Safe to call twice. */
  close(): Promise<void>;
}

export interface ServiceOptions {
  /** Default: the built-in defaults (no file, no environment). */
  config?: Config;
  clock?: Clock;
  /** The local credential of a running server (see server/local-credential.ts); null: none. */
  localToken?: string | null;
}

/** Opens the configured store and builds the services on it. */
export async function createServices(options: ServiceOptions & { config: Config }): Promise<Services> {
  const settings = options.config.store;
  const store = await openStore(settings.db, {
    memoryLimit: settings.duckdbMemory,
    ...(settings.threads !== undefined ? { threads: settings.threads } : {}),
  });
  return servicesOn(store, options);
}

/**
 * The services on a store that is already open (a command that opened it itself, a test's
 * in-memory database). `close()` closes that store too.
 */
export function servicesOn(store: Store, options: ServiceOptions = {}): Services {
  const config = options.config ?? defaultConfig();
  const reads = store.reader();
  const submitter = new ListenSubmitter(store.db);
  const jobs = new ImportJobs(store);
  const clock = options.clock ?? systemClock;
  const catalog = catalogOn(store, config, clock);
  const catalogJobs = new CatalogImportJobs(catalog);
  let matcher: BackgroundMatcher | null = null;
  let enricher: BackgroundEnricher | null = null;
  const enrichment = enrichmentOn(store, config, clock);
  const backups = new Backups(
    store,
    {
      dir: config.quality.backupDir,
      keep: config.quality.backupKeep,
      compressDays: config.quality.backupCompressDays,
    },
    () => clock.now(),
  );
  const quality = new QualityService(
    { reads: reads.db, writes: store.db },
    {
      threshold: config.quality.fuzzyThreshold / 100,
      ...(config.quality.backupBeforeFix && store.path !== ':memory:'
        ? { beforeApply: async () => void (await backups.take('before-fix')) }
        : {}),
    },
    () => clock.now(),
  );
  const pipeline = new Pipeline({
    store,
    phases: () =>
      pipelinePhases({ config, store, quality, backups, catalog, enrichment, now: () => clock.now() }),
    now: () => clock.now(),
    retries: config.quality.retries,
    backoffMs: config.quality.backoffSeconds * 1000,
  });
  const schedule = new PipelineSchedule(pipeline, {
    cron: config.quality.schedule,
    timeZone: config.quality.timeZone,
  });
  let closing: Promise<void> | null = null;
  let box: SecretBox | null = null;
  const credentials = () => (box ??= credentialsBox(config.live, store.path));
  const playingNow = new PlayingNowBoard();
  const live = liveOn({ store, submitter, playingNow, credentials, config, clock });
  return {
    config,
    clock,
    store,
    reads,
    submitter,
    streamBatches: new StreamBatchWriter(store.db),
    jobs,
    auth: createApiAuth(reads, options.localToken ?? null),
    catalog,
    catalogJobs,
    enrichment,
    playingNow,
    credentials,
    live,
    quality,
    backups,
    pipeline,
    schedule,
    startBackground(log) {
      onRollupError(store.db, (err) =>
        log?.('adding new listens to the rollups failed; the next statistic or write adds them', err),
      );
      if (config.quality.pipeline && !closing) schedule.start();
      if (config.enrich.background && !enricher && !closing) {
        enricher = new BackgroundEnricher(enrichment.service, {
          intervalMs: config.enrich.intervalSeconds * 1000,
          onError: (err) => log?.('background enrichment failed; it tries again later', err),
        });
        enricher.start();
      }
      if (config.catalog.backgroundMatch && !matcher && !closing) {
        matcher = new BackgroundMatcher({
          reads: reads.db,
          writes: store.db,
          threshold: config.catalog.matchThreshold / 100,
          batchSize: config.catalog.matchBatch,
          intervalMs: config.catalog.matchIntervalSeconds * 1000,
          now: () => clock.now(),
          onError: (err) => log?.('background matching failed; it tries again later', err),
        });
        matcher.start();
      }
      if (!closing) {
        live.start(log).catch((err: unknown) => log?.('live sources could not start', err));
      }
    },
    close() {
      closing ??= (async () => {
        await live.stop();
        schedule.stop();
        await pipeline.drain();
        await matcher?.stop();
        await enricher?.stop();
        await catalogJobs.drain();
        await jobs.drain();
        await submitter.drain();
        store.close();
      })();
      return closing;
    },
  };
}

/** The catalogue service on a store, as the configuration sets it (the CLI's commands use it too). */
export function catalogOn(store: Store, config: Config, clock: Clock = systemClock): CatalogService {
  return new CatalogService(
    { reads: store.reader().db, writes: store.db },
    { threshold: config.catalog.matchThreshold / 100, batchSize: 20_000 },
    () => clock.now(),
  );
}

/** Enrichment on a store, as the configuration sets it (`listenhouse enrich` uses it too). */
export function enrichmentOn(store: Store, config: Config, clock: Clock = systemClock): Enrichment {
  return createEnrichment({
    reads: store.reader().db,
    writes: store.db,
    settings: config.enrich,
    dbPath: store.path,
    version: VERSION,
    now: () => clock.now(),
  });
}

/**
 * Live sources on a store, as the configuration sets them (`listenhouse connect` uses it on a store
 * no server holds: the same checks and sealing as the API).
 */
export function liveOn(parts: {
  store: Store;
  config: Config;
  clock?: Clock;
  submitter?: ListenSubmitter;
  playingNow?: PlayingNowBoard;
  credentials?: () => SecretBox;
}): LiveService {
  const { store, config } = parts;
  const clock = parts.clock ?? systemClock;
  let box: SecretBox | null = null;
  return new LiveService({
    store,
    submitter: parts.submitter ?? new ListenSubmitter(store.db),
    playingNow: parts.playingNow ?? new PlayingNowBoard(),
    credentials: parts.credentials ?? (() => (box ??= credentialsBox(config.live, store.path))),
    now: () => clock.now(),
    settings: {
      pollMs: config.live.pollSeconds * 1000,
      timeoutMs: config.live.timeoutSeconds * 1000,
      maxBackoffMs: config.live.maxBackoffSeconds * 1000,
      pageGapMs: 1000,
    },
  });
}

/** The configuration with every default and nothing read from a file or the environment. */
export function defaultConfig(): Config {
  return resolveConfig({}).config;
}
