/** Every live source by kind: a new source is one file in sources/ and one line here. */
import type { LiveSource } from './types.js';
import { lastfmSource } from './sources/lastfm.js';
import { listenbrainzSource } from './sources/listenbrainz.js';

export const LIVE_SOURCES: readonly LiveSource<never, never>[] = [
  lastfmSource as unknown as LiveSource<never, never>,
  listenbrainzSource as unknown as LiveSource<never, never>,
];

export function liveSource(kind: string): LiveSource<unknown, unknown> | undefined {
  return LIVE_SOURCES.find((s) => s.kind === kind);
}

export const LIVE_KINDS = (): string[] => LIVE_SOURCES.map((s) => s.kind);
