import type { DuckDBAppender } from '@duckdb/node-api';
import type { NormalisedNames } from '../domain/normalise.js';
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
const MERGE_CATALOGUE = loadSql(import.meta.url, 'sql/merge-catalogue.sql');
const DECIDE = loadSql(import.meta.url, 'sql/decide-duplicates.sql');
const INSERT = loadSql(import.meta.url, 'sql/insert-listens.sql');
const INSERT_REJECTS = loadSql(import.meta.url, 'sql/insert-rejects.sql');

/**
 * The single store function every listen passes through (file imports now; API submissions and the
 * Kafka consumer later). A batch is appended to per-connection staging tables, then merged in one
 * transaction together with `alsoInTransaction` (import-run progress), so a kill at any point leaves
 * either the whole batch or none of it.
 */
export class ListenWriter {
  private staged = false;

  constructor(private readonly db: Database) {}

  async writeBatch(
    listens: readonly ListenRow[],
    rejects: readonly RejectRow[],
    alsoInTransaction?: (outcome: BatchOutcome) => Promise<void>,
  ): Promise<BatchOutcome> {
    if (!this.staged) {
      await this.db.run(STAGE);
      this.staged = true;
    }
    await this.db.run('DELETE FROM stage_listens; DELETE FROM stage_credits; DELETE FROM stage_rejects;');
    await this.stageListens(listens);
    await this.stageRejects(rejects);
    return this.db.transaction(async () => {
      let outcome: BatchOutcome = { inserted: 0, duplicates: 0, merged: 0 };
      if (listens.length > 0) {
        await this.db.run(MERGE_CATALOGUE);
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
  }

  private async stageListens(listens: readonly ListenRow[]): Promise<void> {
    if (listens.length === 0) return;
    const appender = await this.db.connection.createAppender('stage_listens', 'main', 'temp');
    const credits = await this.db.connection.createAppender('stage_credits', 'main', 'temp');
    const seenCredits = new Set<string>();
    try {
      let seq = 0;
      for (const l of listens) {
        const n = l.names;
        appender.appendInteger(seq++);
        appender.appendInteger(l.userId);
        appender.appendBigInt(BigInt(Math.round(l.listenedAt)));
        appender.appendVarchar(l.stampedEdge);
        appender.appendSmallInt(l.precisionS);
        appendInt(appender, l.durationMs);
        appendInt(appender, l.playedMs);
        appender.appendVarchar(n.artistCredit);
        appender.appendVarchar(n.track);
        appendText(appender, n.release);
        appender.appendVarchar(n.creditKey);
        appender.appendVarchar(n.primaryArtistKey);
        appender.appendVarchar(n.matchKey);
        appendText(appender, n.releaseKey ? `${n.primaryArtistKey}\u001f${n.releaseKey}` : null);
        appendText(appender, l.artistMbids && l.artistMbids.length > 0 ? l.artistMbids.join(',') : null);
        appendText(appender, l.recordingMbid);
        appendText(appender, l.releaseMbid);
        appendText(appender, l.releaseGroupMbid);
        appendText(appender, l.isrc);
        appendText(appender, l.spotifyUri);
        appender.appendVarchar(l.source);
        appender.appendVarchar(l.format);
        appendText(appender, l.sourceRecordId);
        appendText(appender, l.client);
        appendText(appender, l.platform);
        appendText(appender, l.country);
        if (l.importRunId === null) appender.appendNull();
        else appender.appendBigInt(BigInt(l.importRunId));
        appender.appendVarchar(l.raw);
        appender.endRow();

        if (!seenCredits.has(n.creditKey)) {
          seenCredits.add(n.creditKey);
          n.artists.forEach((a, position) => {
            credits.appendVarchar(n.creditKey);
            credits.appendVarchar(n.artistCredit);
            credits.appendSmallInt(position);
            credits.appendVarchar(a.name);
            credits.appendVarchar(a.key);
            credits.appendVarchar(a.joinPhrase);
            appendText(credits, a.mbid);
            credits.endRow();
          });
        }
      }
    } finally {
      appender.closeSync();
      credits.closeSync();
    }
  }

  private async stageRejects(rejects: readonly RejectRow[]): Promise<void> {
    if (rejects.length === 0) return;
    const appender = await this.db.connection.createAppender('stage_rejects', 'main', 'temp');
    try {
      for (const r of rejects) {
        appender.appendBigInt(BigInt(r.importRunId));
        appender.appendInteger(r.userId);
        appender.appendVarchar(r.file);
        appender.appendInteger(r.line);
        appender.appendVarchar(r.status);
        appender.appendVarchar(r.reason);
        appender.appendVarchar(r.message);
        appender.appendVarchar(r.raw);
        appender.endRow();
      }
    } finally {
      appender.closeSync();
    }
  }
}

function appendText(appender: DuckDBAppender, value: string | null | undefined): void {
  if (value === null || value === undefined) appender.appendNull();
  else appender.appendVarchar(value);
}

function appendInt(appender: DuckDBAppender, value: number | null | undefined): void {
  if (value === null || value === undefined) appender.appendNull();
  else appender.appendInteger(value);
}
