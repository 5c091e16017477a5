/** Every live source by kind: a new source is one file in sources/ and one line here. */
import type { LiveSource } from './types.js';
import { lastfmSource } from './sources/lastfm.js';
import { jellyfinSource } from './sources/jellyfin.js';
import { listenbrainzSource } from './sources/listenbrainz.js';
import { plexSource } from './sources/plex.js';
import { roonSource } from './sources/roon.js';
import { spotifySource } from './sources/spotify.js';
import { subsonicSource } from './sources/subsonic.js';

export const LIVE_SOURCES: readonly LiveSource<never, never>[] = [
  lastfmSource as unknown as LiveSource<never, never>,
  listenbrainzSource as unknown as LiveSource<never, never>,
  plexSource as unknown as LiveSource<never, never>,
  jellyfinSource as unknown as LiveSource<never, never>,
  spotifySource as unknown as LiveSource<never, never>,
  subsonicSource as unknown as LiveSource<never, never>,
  roonSource as unknown as LiveSource<never, never>,
];

export function liveSource(kind: string): LiveSource<unknown, unknown> | undefined {
  return LIVE_SOURCES.find((s) => s.kind === kind);
}

export const LIVE_KINDS = (): string[] => LIVE_SOURCES.map((s) => s.kind);
