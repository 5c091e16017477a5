import {
  DuckDBListType,
  DuckDBVarCharType,
  listValue,
  timestampValue,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import {
  END_STAMPED_S,
  LISTENS_WINDOW_S,
  REACH_S,
  SLACK_S,
  SOURCES_WINDOW_S,
} from '../domain/dedup-tolerances.js';
import type { ListenRow } from '../domain/listen-row.js';
import { releaseKeyOf, type NormalisedNames } from '../domain/normalise.js';
import { CatalogueIds, type CatalogueTable } from './catalogue-ids.js';
import { connectionOf } from './connection.js';
import type { Database } from './database.js';
import { dropIds, takeIds } from './id-pool.js';
import { preparedOn } from './prepared.js';
import { big, idList } from './rows.js';
import { addStoredListens, applyListenDelta, deferRollups } from './rollups.js';
import { loadSql } from './sql-files.js';

export type { ListenRow } from '../domain/listen-row.js';

export interface RejectRow {
  importRunId: number;
  userId: number;
  file: string;
  line: number;
  status: 'rejected' | 'skipped';
  reason: string;
  message: string;
  raw: string;
}

/**
 * The SQL-staged part of a bulk import's batch (store/bulk-stage.ts): the fast rows of lines
 * [from, to] of bulk_rows, with what JavaScript decided for them.
 */
export interface BulkChunk {
  from: number;
  to: number;
  /**
   * Each tuple of the chunk at its first line, with the values that name new catalogue entries:
   * ordered with the batch's JavaScript rows by line, so "first seen" is the file's order.
   */
  prototypes: readonly (CatalogueSource & { tupleId: bigint; seq: number })[];
  /** The ids of the user names the rows give; rows naming none (or all, with userGiven) get defaultUserId. */
  users: ReadonlyMap<string, number>;
  defaultUserId: number;
  userGiven: boolean;
  source: string;
  format: string;
  importRunId: number | null;
  /**
   * The chunk's lines as the file had them, deflated in blocks of `blockLines` from line `from`: kept
   * in raw_blocks, and each fast row's `raw` refers to its line there (store/raw-records.ts).
   */
  raw: { file: string; blockLines: number; blocks: readonly Uint8Array[] };
}

/** What names a catalogue entry when a batch creates it: the first row naming it. */
export type CatalogueSource = Pick<
  ListenRow,
  'names' | 'recordingMbid' | 'isrc' | 'durationMs' | 'releaseMbid' | 'releaseGroupMbid'
>;

export interface BatchOutcome {
  inserted: number;
  duplicates: number;
  merged: number;
}

const STAGE = loadSql(import.meta.url, 'sql/stage.sql');
const MAY_HAVE_DUPLICATES = loadSql(import.meta.url, 'sql/may-have-duplicates.sql');
const STORED_NEARBY = loadSql(import.meta.url, 'sql/stored-nearby.sql');
const DECIDE = loadSql(import.meta.url, 'sql/decide-duplicates.sql');
const INSERT_REJECTS = loadSql(import.meta.url, 'sql/insert-rejects.sql');
const FILL_MERGED = loadSql(import.meta.url, 'sql/fill-merged.sql');
const STAGE_BULK_CHUNK = loadSql(import.meta.url, 'sql/bulk/stage-chunk.sql');
/** Bytes per row of a raw block (migration 006: under DuckDB's overflow size). */
const RAW_PIECE_BYTES = 3000;
/** The stored listens FILL_MERGED completes: their rollups are taken away before and added after. */
const MERGED_LISTENS =
  "SELECT * FROM listens WHERE id IN (SELECT listen_id FROM stage_decisions WHERE decision = 'merge')";
/** The dedup tolerances (domain/dedup-tolerances.ts) each of the two statements takes. */
const MAY_HAVE_DUPLICATES_BINDS = { reach_s: REACH_S };
const DECIDE_BINDS = {
  reach_s: REACH_S,
  slack_s: SLACK_S,
  end_stamped_s: END_STAMPED_S,
  listens_window_s: LISTENS_WINDOW_S,
  sources_window_s: SOURCES_WINDOW_S,
};
/** Listen ids reserved at a time beyond what a batch needs (id-pool.ts). */
const LISTEN_ID_BLOCK = 4096;
/**
 * Listens appended directly take their ids from id-pool.ts. The rollups' mark relies on listen ids
 * rising in commit order, so those reserved are dropped whenever INSERT_LISTENS takes ids from the
 * sequence (above them) and on every rollback; writes take turns, so the ids given out rise.
 */
const LISTEN_SEQUENCE = 'listens_id_seq';

/**
 * The columns, in order, of the tables new rows are appended to directly (the Appender fills every
 * column by position): checked once per connection, so a migration that changes one fails loudly here.
 */
const APPENDED_COLUMNS = {
  artists: ['id', 'key', 'name', 'sort_name', 'mbid', 'genres'],
  artist_credits: ['id', 'key', 'name'],
  artist_credit_members: ['credit_id', 'position', 'artist_id', 'credited_name', 'join_phrase'],
  recordings: ['id', 'key', 'title', 'artist_credit_id', 'artist_id', 'mbid', 'isrc', 'length_ms'],
  releases: ['id', 'key', 'title', 'artist_id', 'mbid', 'release_group_mbid', 'cover_art_url'],
  listens: [
    'id',
    'user_id',
    'listened_at',
    'stamped_edge',
    'precision_s',
    'duration_ms',
    'played_ms',
    'artist',
    'track',
    'release',
    'artist_credit_id',
    'artist_id',
    'recording_id',
    'release_id',
    'artist_mbids',
    'recording_mbid',
    'release_mbid',
    'release_group_mbid',
    'isrc',
    'spotify_uri',
    'source',
    'format',
    'source_record_id',
    'client',
    'platform',
    'country',
    'import_run_id',
    'raw',
    'inserted_at',
  ],
} as const;
type AppendedTable = keyof typeof APPENDED_COLUMNS;
const VARCHAR_LIST = new DuckDBListType(DuckDBVarCharType.instance);
const [INSERT_LISTENS, INSERT_SOURCES] = splitStatements(loadSql(import.meta.url, 'sql/insert-listens.sql'));

type StageTable = 'stage_listens' | 'stage_rejects' | 'stage_decisions' | 'bulk_ids' | 'bulk_users';

/** Connections whose staging tables exist (they are temporary: one set per connection). */
const stagedConnections = new WeakSet<DuckDBConnection>();
/** Connections on which APPENDED_COLUMNS was checked. */
const checkedConnections = new WeakSet<DuckDBConnection>();

/** The catalogue ids of one listen. */
interface ListenIds {
  creditId: number;
  artistId: number;
  recordingId: number;
  releaseId: number | null;
}

/**
 * The single store function every listen passes through (file imports, API submissions, and the
 * Kafka consumer later). In one transaction per batch: catalogue keys are resolved to ids (new
 * artists, credits, recordings and releases are created), the listens are appended to staging
 * tables, the duplicate decision is made in SQL, and the new listens, the rejected rows and
 * `alsoInTransaction` (import-run progress) are stored — so a kill at any point leaves either the
 * whole batch or none of it. The merge statements are prepared once per connection and only the
 * steps a batch needs run, so a batch of one listen costs a few milliseconds, not a hundred.
 */
export class ListenWriter {
  private readonly ids: CatalogueIds;

  /**
   * `deferRollups`: the listens' rollups are added a moment after the commit (rollups.ts,
   * `deferRollups`) instead of inside it; `filterKeys`: catalogue keys a filter of the stored ones
   * rules out get new ids without a look-up (catalogue-ids.ts) — both for live submissions, whose
   * transactions are many and small and mostly name recordings not stored yet.
   */
  constructor(
    private readonly db: Database,
    private readonly options: { deferRollups?: boolean; filterKeys?: boolean } = {},
  ) {
    this.ids = new CatalogueIds(db, { filterKeys: options.filterKeys ?? false });
  }

  async writeBatch(
    listens: readonly ListenRow[],
    rejects: readonly RejectRow[],
    alsoInTransaction?: (outcome: BatchOutcome) => Promise<void>,
    bulk?: BulkChunk,
  ): Promise<BatchOutcome> {
    // The staging tables are the write connection's: nobody else may use it until this batch is done.
    // A deferring writer stores listens only, so its batches go on while the rollups catch up beside
    // them (rollups.ts, settleRollups) — unless one merges into a stored listen, whose rollups change:
    // that batch is rolled back and written again in a turn of its own.
    // (Inside a caller's turn — its transaction — the batch is part of that: it cannot be redone alone.)
    if (this.options.deferRollups && !this.db.inTurn())
      try {
        return await this.db.exclusive(
          () => this.writeBatchNow(listens, rejects, alsoInTransaction, bulk, true),
          { alongside: true },
        );
      } catch (err) {
        if (!(err instanceof ChangesRollups)) throw err;
      }
    return this.db.exclusive(() => this.writeBatchNow(listens, rejects, alsoInTransaction, bulk, false));
  }

  private async writeBatchNow(
    listens: readonly ListenRow[],
    rejects: readonly RejectRow[],
    alsoInTransaction: ((outcome: BatchOutcome) => Promise<void>) | undefined,
    bulk: BulkChunk | undefined,
    alongside: boolean,
  ): Promise<BatchOutcome> {
    const connection = connectionOf(this.db);
    if (!stagedConnections.has(connection)) {
      // CREATE ... IF NOT EXISTS: inside a caller's transaction (a preview, a fix) the tables vanish
      // if it rolls back, so they count as there only once the work that made them commits.
      await this.db.run(STAGE);
      this.db.afterTransaction((ended) => {
        if (ended === 'committed') stagedConnections.add(connection);
      });
    }
    return this.db.transaction(async () => {
      // The ids learnt here are true once the outermost transaction commits (this one, or a
      // preview's or a fix's that it joined), and forgotten when that rolls back (reserved ones too).
      this.db.afterTransaction((ended) => (ended === 'committed' ? this.ids.commit() : this.ids.rollback()));
      // Staged rows are cleared before the commit; a rollback removes them with everything else.
      const used = new Set<StageTable>();
      let outcome: BatchOutcome = { inserted: 0, duplicates: 0, merged: 0 };
      const bulkRows = bulk && bulk.prototypes.length > 0 ? bulk : undefined;
      if (listens.length > 0 || bulkRows) {
        // One catalogue pass for both parts, in the file's order: the first row naming a new entry names it.
        const named = ordered([
          ...listens.map((row, i) => ({ row, seq: row.seq ?? i })),
          ...(bulkRows?.prototypes ?? []).map((row) => ({ row, seq: row.seq })),
        ]);
        const { ids, newRecordings } = await this.resolveCatalogue(named.map((n) => n.row));
        const idOf = new Map(named.map((n, i) => [n.row, ids[i]!]));
        // Most live submissions are new plays: they are told apart in JavaScript where they can be
        // and appended straight to the listens; the others are staged, checked cheaply in SQL and,
        // when that finds anything within reach, given the full decision.
        const duplicates: 'yes' | 'no' | 'ask' = bulkRows
          ? 'ask'
          : await this.duplicatesPossible(listens, (l) => idOf.get(l)!.recordingId, newRecordings);
        let decided = 0;
        let inserted: number;
        if (duplicates === 'no') {
          inserted = await this.appendListens(
            listens,
            listens.map((l) => idOf.get(l)!),
          );
        } else {
          if (listens.length > 0)
            await this.stageListens(
              listens,
              listens.map((l) => idOf.get(l)!),
            );
          if (bulkRows) await this.stageBulk(bulkRows, (p) => idOf.get(p)!, used);
          used.add('stage_listens');
          if (
            duplicates === 'yes' ||
            (duplicates === 'ask' && (await this.ask(MAY_HAVE_DUPLICATES, MAY_HAVE_DUPLICATES_BINDS)))
          )
            decided = await this.exec(DECIDE, DECIDE_BINDS);
          if (decided > 0) used.add('stage_decisions');
          inserted = await this.exec(INSERT_LISTENS!);
          // Its ids came from the sequence, above any reserved: those would now break the order.
          dropIds(this.db, LISTEN_SEQUENCE);
        }
        if (inserted > 0 && this.options.deferRollups)
          this.db.afterTransaction((ended) => ended === 'committed' && deferRollups(this.db));
        else if (inserted > 0) await addStoredListens(this.db);
        const merged = decided > 0 ? await this.exec(INSERT_SOURCES!) : 0;
        if (merged > 0 && alongside) throw new ChangesRollups();
        if (merged > 0) {
          await applyListenDelta(this.db, { sign: -1, listens: MERGED_LISTENS });
          await this.exec(FILL_MERGED);
          await applyListenDelta(this.db, { sign: 1, listens: MERGED_LISTENS });
        }
        outcome = { inserted, duplicates: decided - merged, merged };
      }
      if (rejects.length > 0) {
        await this.stageRejects(rejects);
        used.add('stage_rejects');
        await this.exec(INSERT_REJECTS);
      }
      for (const table of used) await this.exec(`DELETE FROM ${table}`);
      if (alsoInTransaction) await alsoInTransaction(outcome);
      return outcome;
    });
  }

  /**
   * Whether the duplicate decision can find anything for these listens, before they are staged: the
   * same play twice in the batch is a yes (JavaScript); a listen of a recording this batch created
   * can meet no stored listen or source (its id is new); the others are looked for among the stored
   * listens and sources within reach (stored-nearby.sql). 'no' lets the batch skip staging.
   */
  private async duplicatesPossible(
    listens: readonly ListenRow[],
    recordingOf: (listen: ListenRow) => number,
    newRecordings: ReadonlySet<number>,
  ): Promise<'yes' | 'no'> {
    const plays = new Set<string>();
    const users: number[] = [];
    const recordings: number[] = [];
    const at: number[] = [];
    for (const l of listens) {
      const recording = recordingOf(l);
      const atMs = Math.round(l.listenedAt);
      const play = `${l.userId} ${recording} ${atMs}`;
      if (plays.has(play)) return 'yes';
      plays.add(play);
      if (newRecordings.has(recording)) continue;
      users.push(l.userId);
      recordings.push(recording);
      at.push(atMs);
    }
    if (users.length === 0) return 'no';
    const reachMs = (REACH_S + 1) * 1000;
    const possible = await this.ask(STORED_NEARBY, {
      users: listValue(users),
      recordings: listValue(recordings),
      at_ms: listValue(at.map(BigInt)),
      lo_ms: Math.min(...at) - reachMs,
      hi_ms: Math.max(...at) + reachMs,
      reach_s: REACH_S,
    });
    return possible ? 'yes' : 'no';
  }

  /** Runs a query prepared once on the write connection that answers yes or no. */
  private async ask(sql: string, binds?: Record<string, DuckDBValue>): Promise<boolean> {
    const statement = await preparedOn(connectionOf(this.db), sql);
    if (binds) statement.bind(binds);
    const rows = (await statement.runAndReadAll()).getRows();
    return rows[0]?.[0] === true;
  }

  /** Runs a statement prepared once on the write connection; returns the rows it changed. */
  private async exec(sql: string, binds?: Record<string, DuckDBValue>): Promise<number> {
    const statement = await preparedOn(connectionOf(this.db), sql);
    // Bound on every run: a kept statement keeps its last binds, but nothing should rely on that.
    if (binds) statement.bind(binds);
    return (await statement.run()).rowsChanged;
  }

  /**
   * Ids for every listen's credit, artists, recording and release; entries the database does not
   * have yet are appended to their tables, named as first seen in the batch.
   */
  private async resolveCatalogue(
    listens: readonly CatalogueSource[],
  ): Promise<{ ids: ListenIds[]; newRecordings: Set<number> }> {
    const firstArtist = new Map<string, { name: string; mbid: string | null }>();
    const firstCredit = new Map<string, NormalisedNames>();
    const firstRecording = new Map<string, CatalogueSource>();
    const firstRelease = new Map<string, CatalogueSource>();
    for (const l of listens) {
      const n = l.names;
      if (!firstCredit.has(n.creditKey)) firstCredit.set(n.creditKey, n);
      for (const a of n.artists)
        if (!firstArtist.has(a.key)) firstArtist.set(a.key, { name: a.name, mbid: a.mbid });
      if (!firstRecording.has(n.matchKey)) firstRecording.set(n.matchKey, l);
      const releaseKey = releaseKeyOf(n);
      if (releaseKey !== null && !firstRelease.has(releaseKey)) firstRelease.set(releaseKey, l);
    }

    const created = await this.ids.resolve({
      artists: firstArtist.keys(),
      artist_credits: firstCredit.keys(),
      recordings: firstRecording.keys(),
      releases: firstRelease.keys(),
    });
    // One cache look-up per distinct key; the listens below then read these small maps.
    const idsOf = (table: CatalogueTable, keys: Iterable<string>) =>
      new Map(Array.from(keys, (key) => [key, this.ids.get(table, key)!]));
    const known = {
      artists: idsOf('artists', firstArtist.keys()),
      artist_credits: idsOf('artist_credits', firstCredit.keys()),
      recordings: idsOf('recordings', firstRecording.keys()),
      releases: idsOf('releases', firstRelease.keys()),
    };
    const id = (table: CatalogueTable, key: string) => known[table].get(key)!;
    // New entries go straight into their tables, in an order that names what each one refers to first.
    const stage = <T>(
      table: AppendedTable,
      rows: readonly T[],
      write: (appender: DuckDBAppender, row: T) => void,
    ) => this.append(table, rows, write);

    await stage('artists', created.artists, (a, key) => {
      const first = firstArtist.get(key)!;
      a.appendInteger(id('artists', key));
      a.appendVarchar(key);
      a.appendVarchar(first.name);
      a.appendNull();
      appendText(a, first.mbid);
      a.appendNull();
    });

    await stage('artist_credits', created.artist_credits, (a, key) => {
      a.appendInteger(id('artist_credits', key));
      a.appendVarchar(key);
      a.appendVarchar(firstCredit.get(key)!.creditName);
    });
    const members = created.artist_credits.flatMap((key) =>
      firstCredit
        .get(key)!
        .artists.map((artist, position) => ({ creditId: id('artist_credits', key), position, artist })),
    );
    await stage('artist_credit_members', members, (a, m) => {
      a.appendInteger(m.creditId);
      a.appendSmallInt(m.position);
      a.appendInteger(id('artists', m.artist.key));
      a.appendVarchar(m.artist.name);
      a.appendVarchar(m.artist.joinPhrase);
    });

    await stage('recordings', created.recordings, (a, key) => {
      const l = firstRecording.get(key)!;
      a.appendInteger(id('recordings', key));
      a.appendVarchar(key);
      a.appendVarchar(l.names.track);
      a.appendInteger(id('artist_credits', l.names.creditKey));
      a.appendInteger(id('artists', l.names.primaryArtistKey));
      appendText(a, l.recordingMbid);
      appendText(a, l.isrc);
      appendInt(a, l.durationMs);
    });

    await stage('releases', created.releases, (a, key) => {
      const l = firstRelease.get(key)!;
      a.appendInteger(id('releases', key));
      a.appendVarchar(key);
      a.appendVarchar(l.names.release ?? '');
      a.appendInteger(id('artists', l.names.primaryArtistKey));
      appendText(a, l.releaseMbid);
      appendText(a, l.releaseGroupMbid);
      a.appendNull();
    });

    const ids = listens.map((l) => {
      const releaseKey = releaseKeyOf(l.names);
      return {
        creditId: id('artist_credits', l.names.creditKey),
        artistId: id('artists', l.names.primaryArtistKey),
        recordingId: id('recordings', l.names.matchKey),
        releaseId: releaseKey === null ? null : id('releases', releaseKey),
      };
    });
    return { ids, newRecordings: new Set(created.recordings.map((key) => id('recordings', key))) };
  }

  private async append<T>(
    table: StageTable | AppendedTable,
    rows: readonly T[],
    write: (appender: DuckDBAppender, row: T, index: number) => void,
  ): Promise<void> {
    if (rows.length === 0) return;
    const connection = connectionOf(this.db);
    const stored = table in APPENDED_COLUMNS;
    if (stored && !checkedConnections.has(connection)) await this.checkColumns(connection);
    const appender = stored
      ? await connection.createAppender(table)
      : await connection.createAppender(table, 'main', 'temp');
    try {
      rows.forEach((row, i) => {
        write(appender, row, i);
        appender.endRow();
      });
    } finally {
      appender.closeSync();
    }
  }

  /** Fails when a stored table's columns are not what the Appender fills (a migration changed them). */
  private async checkColumns(connection: DuckDBConnection): Promise<void> {
    for (const [table, expected] of Object.entries(APPENDED_COLUMNS)) {
      const rows = await this.db.all<{ name: string }>(
        `SELECT column_name AS name FROM duckdb_columns()
         WHERE table_name = $table AND schema_name = 'main' AND NOT internal ORDER BY column_index`,
        { table },
      );
      const actual = rows.map((r) => r.name);
      if (actual.join() !== expected.join())
        throw new Error(
          `The table ${table} has the columns (${actual.join(', ')}), but listen-writer.ts appends (${expected.join(', ')}): update APPENDED_COLUMNS and the appends with the migration that changed it.`,
        );
    }
    checkedConnections.add(connection);
  }

  /**
   * Stores listens known to be new straight into `listens` (no staging, no decision), in the order
   * given, with ids from the table's sequence taken now. Returns how many.
   */
  private async appendListens(listens: readonly ListenRow[], ids: readonly ListenIds[]): Promise<number> {
    const listenIds = (
      await takeIds(this.db, new Map([[LISTEN_SEQUENCE, listens.length]]), LISTEN_ID_BLOCK)
    ).get(LISTEN_SEQUENCE)!;
    const now = timestampValue(BigInt(Date.now() - new Date().getTimezoneOffset() * 60_000) * 1000n);
    await this.append('listens', listens, (a, l, seq) => {
      const id = ids[seq]!;
      a.appendBigInt(BigInt(listenIds[seq]!));
      a.appendInteger(l.userId);
      a.appendTimestamp(timestampValue(BigInt(Math.round(l.listenedAt)) * 1000n));
      appendListenColumns(a, l, id, true);
      a.appendTimestamp(now);
    });
    return listens.length;
  }

  private async stageListens(listens: readonly ListenRow[], ids: readonly ListenIds[]): Promise<void> {
    await this.append('stage_listens', listens, (a, l, seq) => {
      const id = ids[seq]!;
      a.appendInteger(l.seq ?? seq);
      a.appendInteger(l.userId);
      a.appendBigInt(BigInt(Math.round(l.listenedAt)));
      appendListenColumns(a, l, id, false);
    });
  }

  /** The chunk's fast rows, staged in SQL with their tuples' ids and their users' (stage-chunk.sql). */
  private async stageBulk(
    chunk: BulkChunk,
    idsOf: (prototype: BulkChunk['prototypes'][number]) => ListenIds,
    used: Set<StageTable>,
  ): Promise<void> {
    await this.append('bulk_ids', chunk.prototypes, (a, p) => {
      const id = idsOf(p);
      a.appendBigInt(p.tupleId);
      a.appendInteger(id.creditId);
      a.appendInteger(id.artistId);
      a.appendInteger(id.recordingId);
      appendInt(a, id.releaseId);
    });
    used.add('bulk_ids');
    if (chunk.users.size > 0) {
      await this.append('bulk_users', [...chunk.users], (a, [name, id]) => {
        a.appendVarchar(name);
        a.appendInteger(id);
      });
      used.add('bulk_users');
    }
    const blockIds = await this.storeRawBlocks(chunk);
    // Not kept prepared: it reads bulk_rows, which each bulk import makes anew.
    await this.db.run(STAGE_BULK_CHUNK, {
      from: chunk.from,
      block_ids: idList(blockIds),
      block_lines: chunk.raw.blockLines,
      user_given: chunk.userGiven,
      default_user: chunk.defaultUserId,
      source: chunk.source,
      format: chunk.format,
      import_run_id: chunk.importRunId,
    });
  }

  /** The chunk's deflated lines into raw_blocks; their ids, in order. */
  private async storeRawBlocks(chunk: BulkChunk): Promise<bigint[]> {
    const { file, blockLines, blocks } = chunk.raw;
    if (blocks.length === 0) return [];
    const ids = (
      await this.db.all<{ id: unknown }>("SELECT nextval('raw_blocks_id_seq') AS id FROM range($n)", {
        n: blocks.length,
      })
    ).map((r) => big(r.id, 'id'));
    const appender = await connectionOf(this.db).createAppender('raw_blocks');
    try {
      blocks.forEach((data, k) => {
        const firstLine = chunk.from + k * blockLines;
        const lines = Math.min(blockLines, chunk.to - firstLine + 1);
        for (let piece = 0, at = 0; at < data.length || piece === 0; piece++, at += RAW_PIECE_BYTES) {
          appender.appendBigInt(ids[k]!);
          appender.appendInteger(piece);
          if (chunk.importRunId === null) appender.appendNull();
          else appender.appendBigInt(BigInt(chunk.importRunId));
          appender.appendVarchar(file);
          appender.appendInteger(firstLine);
          appender.appendInteger(lines);
          appender.appendBlob(data.subarray(at, at + RAW_PIECE_BYTES));
          appender.endRow();
        }
      });
    } finally {
      appender.closeSync();
    }
    return ids;
  }

  private async stageRejects(rejects: readonly RejectRow[]): Promise<void> {
    await this.append('stage_rejects', rejects, (a, r) => {
      a.appendBigInt(BigInt(r.importRunId));
      a.appendInteger(r.userId);
      a.appendVarchar(r.file);
      a.appendInteger(r.line);
      a.appendVarchar(r.status);
      a.appendVarchar(r.reason);
      a.appendVarchar(r.message);
      a.appendVarchar(r.raw);
    });
  }
}

/** A batch written alongside the rollups' catch-up found it must change them (a merge): it is written again. */
class ChangesRollups extends Error {
  constructor() {
    super('the batch merges into a stored listen: it is written again in a turn of its own');
  }
}

/** Rows by their place in the file (stable: equal places keep their order). */
function ordered<T extends { seq: number }>(rows: T[]): T[] {
  return rows.sort((a, b) => a.seq - b.seq);
}

/** The statements of a .sql file, one per entry (each statement is prepared on its own). */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((statement) => statement.trim())
    .filter((statement) => statement.replace(/^--.*$/gm, '').trim() !== '');
}

/**
 * The columns `listens` and `stage_listens` share, from stamped_edge to raw, in their order; the
 * artist MBIDs as a list (`listens`) or joined by commas (`stage_listens`, where SQL splits them).
 */
function appendListenColumns(a: DuckDBAppender, l: ListenRow, id: ListenIds, mbidsAsList: boolean): void {
  const n = l.names;
  a.appendVarchar(l.stampedEdge);
  a.appendSmallInt(l.precisionS);
  appendInt(a, l.durationMs);
  appendInt(a, l.playedMs);
  a.appendVarchar(n.artistCredit);
  a.appendVarchar(n.track);
  appendText(a, n.release);
  a.appendInteger(id.creditId);
  a.appendInteger(id.artistId);
  a.appendInteger(id.recordingId);
  appendInt(a, id.releaseId);
  const mbids = l.artistMbids && l.artistMbids.length > 0 ? l.artistMbids : null;
  if (mbids === null) a.appendNull();
  else if (mbidsAsList) a.appendList(listValue(mbids), VARCHAR_LIST);
  else a.appendVarchar(mbids.join(','));
  appendText(a, l.recordingMbid);
  appendText(a, l.releaseMbid);
  appendText(a, l.releaseGroupMbid);
  appendText(a, l.isrc);
  appendText(a, l.spotifyUri);
  a.appendVarchar(l.source);
  a.appendVarchar(l.format);
  appendText(a, l.sourceRecordId);
  appendText(a, l.client);
  appendText(a, l.platform);
  appendText(a, l.country);
  if (l.importRunId === null) a.appendNull();
  else a.appendBigInt(BigInt(l.importRunId));
  a.appendVarchar(l.raw);
}

function appendText(appender: DuckDBAppender, value: string | null | undefined): void {
  if (value === null || value === undefined) appender.appendNull();
  else appender.appendVarchar(value);
}

function appendInt(appender: DuckDBAppender, value: number | null | undefined): void {
  if (value === null || value === undefined) appender.appendNull();
  else appender.appendInteger(value);
}
