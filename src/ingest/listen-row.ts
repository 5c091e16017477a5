import type { ListenDraft } from '../domain/listen.js';
import { normaliseNames } from '../domain/normalise.js';
import type { ListenRow } from '../domain/listen-row.js';

/** A validated draft, normalised, as the store takes it: the step every source shares. */
export function toListenRow(
  l: ListenDraft,
  origin: { userId: number; source: string; format: string; importRunId: number | null; raw: string },
): ListenRow {
  return {
    userId: origin.userId,
    listenedAt: l.listenedAt,
    stampedEdge: l.stampedEdge,
    precisionS: l.precisionS,
    durationMs: l.durationMs ?? null,
    playedMs: l.playedMs ?? null,
    names: normaliseNames(l),
    artistMbids: l.artistMbids ?? null,
    recordingMbid: l.recordingMbid ?? null,
    releaseMbid: l.releaseMbid ?? null,
    releaseGroupMbid: l.releaseGroupMbid ?? null,
    isrc: l.isrc ?? null,
    spotifyUri: l.spotifyUri ?? null,
    source: origin.source,
    format: origin.format,
    sourceRecordId: l.sourceRecordId ?? null,
    client: l.client ?? null,
    platform: l.platform ?? null,
    country: l.country ?? null,
    importRunId: origin.importRunId,
    raw: origin.raw,
  };
}
