import type { NormalisedNames } from './normalise.js';

/**
 * What a listen records besides its names, time and catalogue ids: how its source stamped the time,
 * lengths, MBIDs, service ids and provenance. The same fields in every shape a listen takes (the row
 * the writer stores, the record a correction starts from, an exported listen).
 */
export interface ListenDetails {
  /** The edge the first source stamped: 'end' means the start was derived as end − played. */
  stampedEdge: 'start' | 'end';
  /** Precision of the first source's timestamp, seconds (60 for Last.fm's minutes). */
  precisionS: number;
  /** Track length, ms. */
  durationMs: number | null;
  /** Time actually played, ms. */
  playedMs: number | null;
  recordingMbid: string | null;
  releaseMbid: string | null;
  releaseGroupMbid: string | null;
  isrc: string | null;
  spotifyUri: string | null;
  source: string;
  format: string;
  client: string | null;
  platform: string | null;
  country: string | null;
}

/** A validated, normalised listen ready to store. Times are UTC epoch ms. */
export interface ListenRow extends ListenDetails {
  userId: number;
  listenedAt: number;
  names: NormalisedNames;
  artistMbids: string[] | null;
  sourceRecordId: string | null;
  importRunId: number | null;
  raw: string;
  /**
   * Its place among the rows written together (the duplicate decision keeps the first of two
   * identical plays): the line of a file, so rows a bulk import stages in SQL and in JavaScript
   * interleave as the file has them. The row's index in the batch when absent.
   */
  seq?: number;
}
