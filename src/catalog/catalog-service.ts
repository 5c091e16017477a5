/**
 * The catalogue as one service for the CLI, the API and the server's background work: dump imports,
 * matching now, what matching has done, the matching view's list, hand links, and the MBID map.
 * Reads go to `reads` (the reader in a server: never waiting behind a write), writes to `writes`.
 */
import { AppError } from '../domain/errors.js';
import {
  countCatalogue,
  listCatalogImports,
  markInterruptedCatalogImports,
  type CatalogImportSummary,
  type CatalogueCounts,
} from '../store/catalog-import-repository.js';
import type { TupleId } from '../store/catalog-match-repository.js';
import {
  findMbRecording,
  findTupleMatch,
  listUnmatched,
  recordHandDecision,
  summariseMatches,
  type MatchSummaryRow,
  type TupleMatch,
  type UnmatchedPage,
} from '../store/catalog-repository.js';
import type { Database } from '../store/database.js';
import { importCatalogue, type CatalogImportOptions, type CatalogImportReport } from './dump-import.js';
import { matchCatalogue, type MatchOptions, type MatchReport } from './match-service.js';

const MBID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface CatalogSettings {
  /** Confidence a match needs, 0..1. */
  threshold: number;
  /** Tuples per batch when matching on demand. */
  batchSize: number;
}

export interface CatalogStatus {
  catalogue: CatalogueCounts;
  imports: CatalogImportSummary[];
  matches: MatchSummaryRow[];
  /** Share of listens whose tuple has a recording (matched or linked). */
  listensMatched: number;
  listens: number;
}

export interface HandLinkRequest extends TupleId {
  userId: number;
  /** Whether the user may change any tuple (an admin), not only those they listened to. */
  admin: boolean;
}

export class CatalogService {
  constructor(
    private readonly dbs: { reads: Database; writes: Database },
    readonly settings: CatalogSettings,
    private readonly now: () => number,
  ) {}

  importDumps(options: Omit<CatalogImportOptions, 'now'>): Promise<CatalogImportReport> {
    return importCatalogue(this.dbs.writes, { ...options, now: this.now });
  }

  /** Imports left running by a killed process; call once when taking the database. */
  markInterrupted(): Promise<number> {
    return markInterruptedCatalogImports(this.dbs.writes);
  }

  match(options: Omit<MatchOptions, 'now'> = {}): Promise<MatchReport> {
    return matchCatalogue(this.dbs, {
      threshold: this.settings.threshold,
      batchSize: this.settings.batchSize,
      ...options,
      now: this.now,
    });
  }

  async status(): Promise<CatalogStatus> {
    const [catalogue, imports, matches] = [
      await countCatalogue(this.dbs.reads),
      await listCatalogImports(this.dbs.reads),
      await summariseMatches(this.dbs.reads),
    ];
    const listens = matches.reduce((n, m) => n + m.listens, 0);
    const matched = matches
      .filter((m) => m.status === 'matched' || m.status === 'linked')
      .reduce((n, m) => n + m.listens, 0);
    return { catalogue, imports, matches, listens, listensMatched: listens === 0 ? 0 : matched / listens };
  }

  unmatched(query: {
    userId: number;
    limit: number;
    offset: number;
    search?: string;
    /** Matched tracks too (to check or unlink them). */
    all?: boolean;
  }): Promise<UnmatchedPage> {
    return listUnmatched(this.dbs.reads, query);
  }

  /**
   * A hand link: the tuple is `recordingMbid` (and its artists: given, else the recording's credit
   * from the catalogue). It wins over every automatic match, now and after each re-match.
   */
  async link(
    request: HandLinkRequest & { recordingMbid: string; artistMbids?: string[]; releaseMbid?: string | null },
  ): Promise<TupleMatch> {
    await this.checkTuple(request);
    const mbids = [
      request.recordingMbid,
      ...(request.artistMbids ?? []),
      ...(request.releaseMbid ? [request.releaseMbid] : []),
    ];
    const bad = mbids.find((m) => !MBID.test(m));
    if (bad)
      throw new AppError(
        'INVALID_INPUT',
        `"${bad}" is not an MBID: give the 36-character identifier from the MusicBrainz page (https://musicbrainz.org/recording/<MBID>).`,
      );
    const known = await findMbRecording(this.dbs.reads, request.recordingMbid);
    const artistMbids =
      request.artistMbids && request.artistMbids.length > 0
        ? request.artistMbids
        : (known?.artistMbids ?? []);
    await recordHandDecision(this.dbs.writes, {
      ...request,
      action: 'link',
      artistMbids,
      recordingMbid: request.recordingMbid,
      releaseMbid: request.releaseMbid ?? null,
      now: this.now(),
    });
    return (await findTupleMatch(this.dbs.writes, request))!;
  }

  /** A hand unlink: the tuple stays unmatched whatever matching finds later. */
  async unlink(request: HandLinkRequest): Promise<TupleMatch> {
    await this.checkTuple(request);
    await recordHandDecision(this.dbs.writes, {
      ...request,
      action: 'unlink',
      artistMbids: [],
      recordingMbid: null,
      releaseMbid: null,
      now: this.now(),
    });
    return (await findTupleMatch(this.dbs.writes, request))!;
  }

  async tuple(request: TupleId & { userId: number }): Promise<TupleMatch> {
    const found = await findTupleMatch(this.dbs.reads, request);
    if (!found) throw notStored(request);
    return found;
  }

  private async checkTuple(request: HandLinkRequest): Promise<void> {
    const found = await findTupleMatch(this.dbs.reads, request);
    if (!found) throw notStored(request);
    if (!request.admin && !found.listened)
      throw new AppError(
        'FORBIDDEN',
        'Only an admin, or a user who listened to it, may link or unlink this track: a match counts for every user.',
      );
  }
}

function notStored(t: TupleId): AppError {
  return new AppError(
    'NOT_FOUND',
    `No stored listen has the artist credit ${t.creditId}, recording ${t.recordingId} and release ${t.releaseId}: take the ids from GET /api/catalog/unmatched.`,
  );
}
