import type { NormalisedNames } from './normalise.js';

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
