import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { CatalogImportJobs, CatalogService } from '../../catalog/index.js';
import type { SecretBox } from '../../domain/secret-box.js';
import type { LiveService } from '../../live/index.js';
import type { Enrichment } from '../../enrich/index.js';
import type { ListenSubmitter } from '../../ingest/submit-service.js';
import type { Store } from '../../store/index.js';
import type { ApiAuth } from './auth.js';
import type { ImportJobs } from '../../jobs/import-jobs.js';
import type { Backups } from '../../jobs/backups.js';
import type { Pipeline, PipelineSchedule } from '../../jobs/pipeline.js';
import type { QualityService } from '../../quality/index.js';
import type { StreamBatchWriter } from '../../stream/batch-writer.js';

/** What every /api resource plugin is given. */
export interface ApiDeps {
  /** The write connection (writes take turns on it). */
  store: Store;
  /** The read connection: never waits behind a write. */
  reads: Store;
  auth: ApiAuth;
  submitter: ListenSubmitter;
  /** Micro-batches from Kafka consumers that write through this server. */
  streamBatches: StreamBatchWriter;
  jobs: ImportJobs;
  now: () => number;
  startedAt: number;
  version: string;
  metrics: Metrics;
  /** A token that may read /api/metrics only (LISTENHOUSE_METRICS_TOKEN, for Prometheus); null: none. */
  metricsToken: string | null;
  /** Largest file an upload may hold, bytes (config server.maxUploadBytes). */
  maxUploadBytes: number;
  /** The MusicBrainz catalogue: matching, hand links, dump imports. */
  catalog: CatalogService;
  catalogJobs: CatalogImportJobs;
  /** Covers, genres, descriptions; the image store the images route serves from. */
  enrichment: Enrichment;
  /** Seals and opens stored credentials (scrobbling passwords, connections). */
  credentials: () => SecretBox;
  /** Live sources: connections, their state, webhooks. */
  live: LiveService;
  /** The audit, the fixes and their change sets. */
  quality: QualityService;
  backups: Backups;
  pipeline: Pipeline;
  schedule: PipelineSchedule;
}

/** Counters the server keeps while it runs (GET /api/metrics). */
export interface Metrics {
  /** Requests answered, keyed by Prometheus labels: `api="…",status="2xx"`. */
  requests: Map<string, number>;
}

/** One resource of the REST API: a Fastify plugin whose routes are typed and checked by zod schemas. */
export type ApiPlugin = FastifyPluginCallbackZod<ApiDeps>;
