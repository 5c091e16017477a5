import type { ParsedRecord } from '../../domain/listen.js';
import { simulateListens, type SimulatedListen, type SimulationOptions } from '../../sim/index.js';
import type { Entry, SourceFormat } from '../types.js';

/** Plays shorter than this that were skipped are not listens, as in the Spotify rule. */
const MIN_SKIPPED_PLAY_MS = 30_000;

/**
 * The simulator as a source: its listens enter through the same write path as any export
 * (validate → normalise → dedup → store). Never detected from a file; built by `listenhouse simulate`.
 */
export function simulatorFormat(options: SimulationOptions & { userName?: string }): SourceFormat {
  return {
    name: 'simulator',
    source: 'simulator',
    title: `listenhouse simulator (seed ${options.seed}, ${options.users} user${options.users === 1 ? '' : 's'}, ${options.days} days)`,
    produces: 'listens',
    detect: () => 0,
    // Nothing to await: the simulator computes its listens, but every source is an async stream.
    // eslint-disable-next-line @typescript-eslint/require-await
    async *parse(entry: Entry): AsyncIterable<ParsedRecord> {
      let line = 0;
      for (const l of simulateListens(options)) {
        line++;
        yield toRecord(l, { file: entry.path, line }, options.userName);
      }
    },
  };
}

/** The virtual entry the import report names for a simulated history. */
export function simulatorEntry(seed: number): Entry {
  return {
    path: `simulator:seed=${seed}`,
    name: `simulator-${seed}`,
    size: 0,
    open: () => Promise.reject(new Error('the simulator has no bytes to read')),
  };
}

export function toRecord(
  l: SimulatedListen,
  where: { file: string; line: number },
  userName?: string,
): ParsedRecord {
  const raw = JSON.stringify(l);
  if (l.skipped && l.playedMs < MIN_SKIPPED_PLAY_MS) {
    return {
      kind: 'skip',
      where,
      raw,
      reason: 'short_play',
      message: `played ${Math.round(l.playedMs / 1000)} s and skipped (under 30 s)`,
    };
  }
  return {
    kind: 'listen',
    where,
    raw,
    listen: {
      listenedAt: l.listenedAt,
      stampedEdge: 'start',
      precisionS: 1,
      artist: l.artist,
      track: l.track,
      release: l.release,
      durationMs: l.durationMs,
      playedMs: l.playedMs,
      artistMbids: l.artistMbids ?? (l.artistMbid ? [l.artistMbid] : null),
      recordingMbid: l.recordingMbid,
      releaseMbid: l.releaseMbid,
      client: l.client,
      platform: l.platform,
      country: l.country,
      musicService: l.musicService,
      user: userName ?? l.user,
    },
  };
}
