import type { ListenDraft } from '../domain/listen.js';
import { radioPlay } from '../domain/radio.js';

/**
 * A player's play as stored: a radio stream's "Artist - Title" becomes the real artist and title.
 * The station is kept as context: in the client (`Jellyfin · radio: FIP`, so the breakdown by client
 * shows the stations) and as the play's music service; the raw record keeps what the player sent.
 */
export function withRadio(draft: ListenDraft, isStream?: boolean): ListenDraft {
  const radio = radioPlay({
    artist: draft.artist,
    track: draft.track,
    durationMs: draft.durationMs ?? null,
    ...(isStream !== undefined ? { isStream } : {}),
  });
  if (!radio) return draft;
  return {
    ...draft,
    artist: radio.artist,
    track: radio.track,
    release: null,
    musicService: `radio: ${radio.station}`,
    client: draft.client ? `${draft.client} · radio: ${radio.station}` : `radio: ${radio.station}`,
  };
}
