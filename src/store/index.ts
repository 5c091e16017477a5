/**
 * The store's one public face: `openStore()` gives the repositories, each a set of typed methods
 * with bound parameters, over one DuckDB file. The server, the CLI, the jobs and the composition
 * root take a `Store`; they import nothing else from store/ (the lint holds it). The engines that
 * own their SQL (statistics, the write path, export) are handed `store.db`, a `Database`: a
 * DuckDB-free SQL session with transactions, previews and typed-array column reads.
 *
 * The repositories are the functions of their modules with the database bound, so a module stays
 * the place to read a query and its row mapper, and a test may still call it on any `Database`.
 */
import { findArtistMbids } from './artist-mbids.js';
import { snapshotDatabase, verifySnapshot } from './backup.js';
import { findEntityMbids } from './catalog-repository.js';
import { findArtwork, findDescription, findGenres, findImage } from './enrich-repository.js';
import { catalogueChanged } from './catalogue-ids.js';
import { countCollectionItems, listCollectionItems } from './collection-repository.js';
import { writeCollectionItems } from './collection-writer.js';
import { openDatabase, type Database, type OpenOptions } from './database.js';
import { countListensToExport, readListensToExport } from './export-repository.js';
import {
  finishImportRun,
  markInterruptedRuns,
  recordRunProgress,
  recordRunUsers,
  startImportRun,
} from './import-run-repository.js';
import { findImportRun, planImportUndo, undoImport } from './import-undo.js';
import { advanceLatestImport, getLatestImport } from './latest-import-repository.js';
import {
  addFurtherSources,
  deleteListens,
  deleteListensReturningIds,
  findFurtherSources,
  findListenRecord,
  findListensStartedIn,
  findNearestListen,
  reclaimListenId,
} from './listen-edits.js';
import { countListens, listenBounds, listStoredListens } from './listen-range-repository.js';
import { findListen, listListenPage } from './listen-repository.js';
import { ListenWriter } from './listen-writer.js';
import {
  findPipelineRun,
  listPipelineRuns,
  markInterruptedPipelineRuns,
  recordPipelineRun,
  startPipelineRun,
} from './pipeline-runs.js';
import { listImportRuns, listRejectedRecords } from './report-repository.js';
import { countListensAndUsers } from './server-totals.js';
import { findScrobblePassword, setScrobblePassword } from './scrobble-password-repository.js';
import {
  addLiveConnection,
  findLiveConnection,
  findLiveConnectionByHook,
  listLiveConnections,
  recordLiveFailure,
  recordLiveSuccess,
  removeLiveConnection,
  saveLiveCredentials,
  saveLiveCursor,
} from './live-connection-repository.js';
import { listStreamPartitions } from './stream-repository.js';
import { listMetricRuns, listStreamBatches, readGoldMetrics } from './stream-metrics-repository.js';
import { createToken, findUserByToken, forgetUser, rotateToken } from './token-repository.js';
import { findUserCreatedAt } from './user-created.js';
import {
  addUser,
  ensureUser,
  findFirstAdmin,
  findUserByName,
  findUserByNameIgnoringCase,
  listUsers,
  updateUser,
} from './user-repository.js';

export type {
  ColumnSpec,
  ColumnsResult,
  ColumnType,
  Database,
  OpenOptions,
  SqlParams,
  SqlValue,
} from './database.js';
export type { CollectionFilter, CollectionItem, CollectionPage } from './collection-repository.js';
export type { CollectionRow } from './collection-writer.js';
export type { ExportedListen, ExportWindow } from './export-repository.js';
export type { RunCounts } from './import-run-repository.js';
export type { ImportRunRef, ImportUndoResult, UndoCounts } from './import-undo.js';
export type { FurtherSource, ListenHolder, StoredListenRecord, StoredListenText } from './listen-edits.js';
export type { ListenRange, StoredListenAt, StoredListenColumns } from './listen-range-repository.js';
export type { ListenFilter, ListenPage, StoredListen } from './listen-repository.js';
export type { BatchOutcome, ListenRow, RejectRow } from './listen-writer.js';
export type { ImportRunSummary, RejectedRecord } from './report-repository.js';
export type { UserChanges } from './user-repository.js';
export type { LiveConnectionRow } from './live-connection-repository.js';
export * from './recommendation-repository.js';
export type { CatalogImportSummary, CatalogueCounts } from './catalog-import-repository.js';
export type { MatchMethod, MatchStatus, TupleId } from './catalog-match-repository.js';
export type { MbEntity } from './catalog-rows.js';
export type {
  EntityMbids,
  MatchSummaryRow,
  TupleMatch,
  UnmatchedEntry,
  UnmatchedPage,
} from './catalog-repository.js';
export type { ArtworkRow, DescriptionRow, GenreRow, StoredImage, TaskProgress } from './enrich-repository.js';
export type { ListenWriter } from './listen-writer.js';
export type { SnapshotCounts } from './backup.js';
export type { PipelinePhase, PipelineRun } from './pipeline-runs.js';
/** Where a server hears that adding live submissions to the rollups failed (rollups.ts, deferRollups). */
export { onRollupError } from './rollups.js';

type Repository = Record<string, (db: Database, ...args: never[]) => unknown>;
type Bound<R extends Repository> = {
  readonly [K in keyof R]: R[K] extends (db: Database, ...args: infer A) => infer T
    ? (...args: A) => T
    : never;
};

/** The functions of `repository` with `db` bound as their first argument. */
function bind<R extends Repository>(db: Database, repository: R): Bound<R> {
  const bound: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(repository)) bound[name] = (...args: never[]) => fn(db, ...args);
  return bound as Bound<R>;
}

const users = {
  findByName: findUserByName,
  findByNameIgnoringCase: findUserByNameIgnoringCase,
  findFirstAdmin,
  list: listUsers,
  /** The user of that name, created when there is none. */
  ensure: ensureUser,
  add: addUser,
  update: updateUser,
  createdAt: findUserCreatedAt,
};
const tokens = {
  create: createToken,
  rotate: rotateToken,
  findUser: findUserByToken,
  /** Drops what is cached about a user's tokens (after a rotation or a change of role or privacy). */
  forgetUser,
};
const scrobblePasswords = {
  /** Sets the user's scrobbling password: md5(password), sealed by the caller (SecretBox). */
  set: setScrobblePassword,
  find: findScrobblePassword,
};
const liveConnections = {
  add: addLiveConnection,
  find: findLiveConnection,
  findByHook: findLiveConnectionByHook,
  list: listLiveConnections,
  remove: removeLiveConnection,
  saveCursor: saveLiveCursor,
  saveCredentials: saveLiveCredentials,
  recordSuccess: recordLiveSuccess,
  recordFailure: recordLiveFailure,
};
const listens = {
  page: listListenPage,
  find: findListen,
  list: listStoredListens,
  count: countListens,
  bounds: listenBounds,
  startedIn: findListensStartedIn,
  delete: deleteListens,
  deleteReturningIds: deleteListensReturningIds,
  record: findListenRecord,
  furtherSources: findFurtherSources,
  addFurtherSources,
  reclaimId: reclaimListenId,
  nearest: findNearestListen,
  /** Every listen and every user, for the server's start-up line and /api/health. */
  totals: countListensAndUsers,
  countToExport: countListensToExport,
  readToExport: readListensToExport,
  latestImport: getLatestImport,
  advanceLatestImport,
};
/** The Kafka consumers' positions and batches (migration 016), the batch metrics and their runs (017). */
const stream = {
  partitions: listStreamPartitions,
  batches: listStreamBatches,
  metricRuns: listMetricRuns,
  goldMetrics: readGoldMetrics,
};
const importRuns = {
  start: startImportRun,
  recordProgress: recordRunProgress,
  finish: finishImportRun,
  recordUsers: recordRunUsers,
  markInterrupted: markInterruptedRuns,
  list: listImportRuns,
  rejected: listRejectedRecords,
  find: findImportRun,
  planUndo: planImportUndo,
  undo: undoImport,
};
const catalogue = {
  artistMbids: findArtistMbids,
  /** After a merge or re-keying of catalogue rows: every id cache of this store starts over. */
  changed: catalogueChanged,
  /** The MusicBrainz identity of a stored artist, release or recording, from its matched listens. */
  entityMbids: findEntityMbids,
};
const enrichment = {
  artwork: findArtwork,
  image: findImage,
  genres: findGenres,
  description: findDescription,
};
const backups = {
  /** Copies the database as committed now to a new file (a consistent snapshot while writes go on). */
  snapshot: snapshotDatabase,
  /** Opens a backup read-only and counts what it holds. */
  verify: verifySnapshot,
};
const pipelineRuns = {
  start: startPipelineRun,
  record: recordPipelineRun,
  markInterrupted: markInterruptedPipelineRuns,
  list: listPipelineRuns,
  find: findPipelineRun,
};
const collection = {
  list: listCollectionItems,
  count: countCollectionItems,
  write: writeCollectionItems,
};

export interface Store {
  /** The database file (or ':memory:'). */
  readonly path: string;
  /**
   * The SQL session, for the modules that own their SQL: statistics (src/stats), the write path
   * (src/ingest) and export. Everything else asks the repositories below.
   */
  readonly db: Database;
  readonly users: Bound<typeof users>;
  readonly tokens: Bound<typeof tokens>;
  /** Last.fm clients' passwords, sealed (docs/lastfm-api.md). */
  readonly scrobblePasswords: Bound<typeof scrobblePasswords>;
  readonly listens: Bound<typeof listens>;
  /** Live-source connections: settings, sealed credentials, cursor and state (src/live). */
  readonly liveConnections: Bound<typeof liveConnections>;
  readonly importRuns: Bound<typeof importRuns>;
  readonly stream: Bound<typeof stream>;
  readonly catalogue: Bound<typeof catalogue>;
  readonly collection: Bound<typeof collection>;
  /** What enrichment found: artwork, images, genres, descriptions (src/enrich writes them). */
  readonly enrichment: Bound<typeof enrichment>;
  /** Consistent copies of the database file, and their check. */
  readonly backups: Bound<typeof backups>;
  /** The nightly pipeline's runs. */
  readonly pipelineRuns: Bound<typeof pipelineRuns>;
  /** A writer of listens on this store's write connection (one per long-lived caller). */
  writer(): ListenWriter;
  /** Runs `work` in one transaction (see Database.transaction). */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Runs `work` in a transaction that is always rolled back (see Database.preview). */
  preview<T>(work: () => Promise<T>): Promise<T>;
  /**
   * The same repositories on the read connection: committed data only, never waiting behind a
   * write. The server answers its queries from it.
   */
  reader(): Store;
  close(): void;
}

/** Opens (creating and migrating as needed) the DuckDB file at `path` (':memory:' for none). */
export async function openStore(path: string, options: OpenOptions = {}): Promise<Store> {
  return storeOn(await openDatabase(path, options));
}

const stores = new WeakMap<Database, Store>();

/** The store over a database that is open already (a test's, a migration's). One per Database. */
export function storeOn(db: Database): Store {
  const known = stores.get(db);
  if (known) return known;
  const store: Store = {
    path: db.path,
    db,
    users: bind(db, users),
    tokens: bind(db, tokens),
    scrobblePasswords: bind(db, scrobblePasswords),
    listens: bind(db, listens),
    liveConnections: bind(db, liveConnections),
    importRuns: bind(db, importRuns),
    stream: bind(db, stream),
    catalogue: bind(db, catalogue),
    collection: bind(db, collection),
    enrichment: bind(db, enrichment),
    backups: bind(db, backups),
    pipelineRuns: bind(db, pipelineRuns),
    writer: () => new ListenWriter(db),
    transaction: (work) => db.transaction(work),
    preview: (work) => db.preview(work),
    reader: () => storeOn(db.reader()),
    close: () => db.close(),
  };
  stores.set(db, store);
  return store;
}
