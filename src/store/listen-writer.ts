import type { DuckDBAppender } from '@duckdb/node-api';
import type { NormalisedNames } from '../domain/normalise.js';
import { CatalogueIds } from './catalogue-ids.js';
import type { Database } from './database.js';
import { loadSql } from './sql-files.js';

/** A validated, normalised listen ready to store. Times are UTC epoch ms. */
export interface ListenRow {
  userId: number;
  listenedAt: number;
  stampedEdge: 'start' | 'end';
  precisionS: number;
  durationMs: number | null;
  playedMs: number | null;
  names: NormalisedNames;
  artistMbids: string[] | null;
  recordingMbid: string | null;
  releaseMbid: string | null;
  releaseGroupMbid: string | null;
  isrc: string | null;
  spotifyUri: string | null;
  source: string;
  format: string;
  sourceRecordId: string | null;
  client: string | null;
  platform: string | null;
  country: string | null;
  importRunId: number | null;
  raw: string;
}

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

export interface BatchOutcome {
  inserted: number;
  duplicates: number;
  merged: number;
}

const STAGE = loadSql(import.meta.url, 'sql/stage.sql');
const INSERT_CATALOGUE = loadSql(import.meta.url, 'sql/insert-catalogue.sql');
const DECIDE = loadSql(import.meta.url, 'sql/decide-duplicates.sql');
const INSERT = loadSql(import.meta.url, 'sql/insert-listens.sql');
const INSERT_REJECTS = loadSql(import.meta.url, 'sql/insert-rejects.sql');

/** The catalogue ids of one listen. */
interface ListenIds {
  creditId: number;
  artistId: number;
  recordingId: number;
  releaseId: number | null;
}

/**
 * The single store function every listen passes through (file imports now; API submissions and the
 * Kafka consumer later). In one transaction per batch: catalogue keys are resolved to ids (new
 * artists, credits, recordings and releases are created), the listens are appended to staging
 * tables, the duplicate decision is made in SQL, and the new listens, the rejected rows and
 * `alsoInTransaction` (import-run progress) are stored — so a kill at any point leaves either the
 * whole batch or none of it.
 */
export class ListenWriter {
  private staged = false;
  private readonly ids: CatalogueIds;

  constructor(private readonly db: Database) {
    this.ids = new CatalogueIds(db);
  }

  async writeBatch(
    listens: readonly ListenRow[],
    rejects: readonly RejectRow[],
    alsoInTransaction?: (outcome: BatchOutcome) => Promise<void>,
  ): Promise<BatchOutcome> {
    // The staging tables are the write connection's: nobody else may use it until this batch is done.
    return this.db.exclusive(() => this.writeBatchNow(listens, rejects, alsoInTransaction));
  }

  private async writeBatchNow(
    listens: readonly ListenRow[],
    rejects: readonly RejectRow[],
    alsoInTransaction?: (outcome: BatchOutcome) => Promise<void>,
  ): Promise<BatchOutcome> {
    if (!this.staged) {
      await this.db.run(STAGE);
      this.staged = true;
    }
    await this.db.run(
      `DELETE FROM stage_listens; DELETE FROM stage_rejects; DELETE FROM stage_artists;
       DELETE FROM stage_artist_credits; DELETE FROM stage_artist_credit_members;
       DELETE FROM stage_recordings; DELETE FROM stage_releases;`,
    );
    await this.stageRejects(rejects);
    try {
      const outcome = await this.db.transaction(async () => {
        let outcome: BatchOutcome = { inserted: 0, duplicates: 0, merged: 0 };
        if (listens.length > 0) {
          const ids = await this.resolveCatalogue(listens);
          await this.stageListens(listens, ids);
          await this.db.run(INSERT_CATALOGUE);
          await this.db.run(DECIDE);
          const decided = await this.db.all<{ decision: string; n: bigint }>(
            'SELECT decision, count(*) AS n FROM stage_decisions GROUP BY decision',
          );
          const count = (d: string) => Number(decided.find((r) => r.decision === d)?.n ?? 0);
          outcome = {
            duplicates: count('duplicate'),
            merged: count('merge'),
            inserted: listens.length - count('duplicate') - count('merge'),
          };
          await this.db.run(INSERT);
        }
        if (rejects.length > 0) await this.db.run(INSERT_REJECTS);
        if (alsoInTransaction) await alsoInTransaction(outcome);
        return outcome;
      });
      this.ids.commit();
      return outcome;
    } catch (err) {
      this.ids.rollback();
      throw err;
    }
  }

  /**
   * Ids for every listen's credit, artists, recording and release; entries the database does not
   * have yet are staged for INSERT_CATALOGUE, named as first seen in the batch.
   */
  private async resolveCatalogue(listens: readonly ListenRow[]): Promise<ListenIds[]> {
    const firstArtist = new Map<string, { name: string; mbid: string | null }>();
    const firstCredit = new Map<string, NormalisedNames>();
    const firstRecording = new Map<string, ListenRow>();
    const firstRelease = new Map<string, ListenRow>();
    for (const l of listens) {
      const n = l.names;
      if (!firstCredit.has(n.creditKey)) firstCredit.set(n.creditKey, n);
      for (const a of n.artists)
        if (!firstArtist.has(a.key)) firstArtist.set(a.key, { name: a.name, mbid: a.mbid });
      if (!firstRecording.has(n.matchKey)) firstRecording.set(n.matchKey, l);
      const releaseKey = keyOfRelease(n);
      if (releaseKey !== null && !firstRelease.has(releaseKey)) firstRelease.set(releaseKey, l);
    }

    const newArtists = await this.ids.findMissing('artists', firstArtist.keys());
    const artistIds = await this.ids.allocate('artists', newArtists);
    await this.append('stage_artists', newArtists, (a, key, i) => {
      const first = firstArtist.get(key)!;
      a.appendInteger(artistIds[i]!);
      a.appendVarchar(key);
      a.appendVarchar(first.name);
      appendText(a, first.mbid);
    });

    const newCredits = await this.ids.findMissing('artist_credits', firstCredit.keys());
    const creditIds = await this.ids.allocate('artist_credits', newCredits);
    await this.append('stage_artist_credits', newCredits, (a, key, i) => {
      a.appendInteger(creditIds[i]!);
      a.appendVarchar(key);
      a.appendVarchar(firstCredit.get(key)!.artistCredit);
    });
    const members = newCredits.flatMap((key, i) =>
      firstCredit
        .get(key)!
        .artists.map((artist, position) => ({ creditId: creditIds[i]!, position, artist })),
    );
    await this.append('stage_artist_credit_members', members, (a, m) => {
      a.appendInteger(m.creditId);
      a.appendSmallInt(m.position);
      a.appendInteger(this.ids.get('artists', m.artist.key)!);
      a.appendVarchar(m.artist.name);
      a.appendVarchar(m.artist.joinPhrase);
    });

    const newRecordings = await this.ids.findMissing('recordings', firstRecording.keys());
    const recordingIds = await this.ids.allocate('recordings', newRecordings);
    await this.append('stage_recordings', newRecordings, (a, key, i) => {
      const l = firstRecording.get(key)!;
      a.appendInteger(recordingIds[i]!);
      a.appendVarchar(key);
      a.appendVarchar(l.names.track);
      a.appendInteger(this.ids.get('artist_credits', l.names.creditKey)!);
      a.appendInteger(this.ids.get('artists', l.names.primaryArtistKey)!);
      appendText(a, l.recordingMbid);
      appendText(a, l.isrc);
      appendInt(a, l.durationMs);
    });

    const newReleases = await this.ids.findMissing('releases', firstRelease.keys());
    const releaseIds = await this.ids.allocate('releases', newReleases);
    await this.append('stage_releases', newReleases, (a, key, i) => {
      const l = firstRelease.get(key)!;
      a.appendInteger(releaseIds[i]!);
      a.appendVarchar(key);
      a.appendVarchar(l.names.release ?? '');
      a.appendInteger(this.ids.get('artists', l.names.primaryArtistKey)!);
      appendText(a, l.releaseMbid);
      appendText(a, l.releaseGroupMbid);
    });

    return listens.map((l) => {
      const releaseKey = keyOfRelease(l.names);
      return {
        creditId: this.ids.get('artist_credits', l.names.creditKey)!,
        artistId: this.ids.get('artists', l.names.primaryArtistKey)!,
        recordingId: this.ids.get('recordings', l.names.matchKey)!,
        releaseId: releaseKey === null ? null : this.ids.get('releases', releaseKey)!,
      };
    });
  }

  private async append<T>(
    table: string,
    rows: readonly T[],
    write: (appender: DuckDBAppender, row: T, index: number) => void,
  ): Promise<void> {
    if (rows.length === 0) return;
    const appender = await this.db.connection.createAppender(table, 'main', 'temp');
    try {
      rows.forEach((row, i) => {
        write(appender, row, i);
        appender.endRow();
      });
    } finally {
      appender.closeSync();
    }
  }

  private async stageListens(listens: readonly ListenRow[], ids: readonly ListenIds[]): Promise<void> {
    await this.append('stage_listens', listens, (a, l, seq) => {
      const n = l.names;
      const id = ids[seq]!;
      a.appendInteger(seq);
      a.appendInteger(l.userId);
      a.appendBigInt(BigInt(Math.round(l.listenedAt)));
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
      appendText(a, l.artistMbids && l.artistMbids.length > 0 ? l.artistMbids.join(',') : null);
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
    });
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

/** Releases are told apart by their primary artist and title key (edition tags ignored). */
function keyOfRelease(n: NormalisedNames): string | null {
  return n.releaseKey ? `${n.primaryArtistKey}\u001f${n.releaseKey}` : null;
}

function appendText(appender: DuckDBAppender, value: string | null | undefined): void {
  if (value === null || value === undefined) appender.appendNull();
  else appender.appendVarchar(value);
}

function appendInt(appender: DuckDBAppender, value: number | null | undefined): void {
  if (value === null || value === undefined) appender.appendNull();
  else appender.appendInteger(value);
}
