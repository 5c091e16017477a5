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
import { openStore, type Store } from '../store/index.js';

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
  let closing: Promise<void> | null = null;
  return {
    config,
    clock: options.clock ?? systemClock,
    store,
    reads,
    submitter,
    jobs,
    auth: createApiAuth(reads, options.localToken ?? null),
    close() {
      closing ??= (async () => {
        await jobs.drain();
        await submitter.drain();
        store.close();
      })();
      return closing;
    },
  };
}

/** The configuration with every default and nothing read from a file or the environment. */
export function defaultConfig(): Config {
  return resolveConfig({}).config;
}
