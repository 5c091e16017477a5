/**
 * The composition root: the one place where the store is opened and the long-lived services are
 * built from the configuration. The server (`buildApp({ services })`), the CLI commands, and later
 * the Kafka consumer and the scheduler all take their services from here, so they share the one
 * write connection, the group-committing submitter and the import-job queue.
 */
import { resolveConfig, type Config } from '../config/index.js';
import { ListenSubmitter } from '../ingest/submit-service.js';
import { ImportJobs } from '../jobs/import-jobs.js';
import { createApiAuth, type ApiAuth } from '../server/api/auth.js';
import { openDatabase, type Database } from '../store/database.js';

/** What tells the time: pinned by tests, the system clock otherwise. Epoch ms. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface Services {
  readonly config: Config;
  readonly clock: Clock;
  /** The write connection: every writer in the process takes turns on it. */
  readonly db: Database;
  /** The read connection: sees committed data only and never waits behind a write. */
  readonly reads: Database;
  /** Live submissions, written by group commit. */
  readonly submitter: ListenSubmitter;
  /** File imports as jobs, one at a time, their batches interleaved with live submissions. */
  readonly jobs: ImportJobs;
  /** Who a request acts as (tokens, the local credential, privacy). */
  readonly auth: ApiAuth;
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
  const { store } = options.config;
  const db = await openDatabase(store.db, {
    memoryLimit: store.duckdbMemory,
    ...(store.threads !== undefined ? { threads: store.threads } : {}),
  });
  return servicesOn(db, options);
}

/**
 * The services on a store that is already open (a command that opened it itself, a test's
 * in-memory database). `close()` closes that store too.
 */
export function servicesOn(db: Database, options: ServiceOptions = {}): Services {
  const config = options.config ?? defaultConfig();
  const reads = db.reader();
  const submitter = new ListenSubmitter(db);
  const jobs = new ImportJobs(db);
  let closing: Promise<void> | null = null;
  return {
    config,
    clock: options.clock ?? systemClock,
    db,
    reads,
    submitter,
    jobs,
    auth: createApiAuth(reads, options.localToken ?? null),
    close() {
      closing ??= (async () => {
        await jobs.drain();
        await submitter.drain();
        db.close();
      })();
      return closing;
    },
  };
}

/** The configuration with every default and nothing read from a file or the environment. */
export function defaultConfig(): Config {
  return resolveConfig({}).config;
}
