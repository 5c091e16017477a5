import { toListenBrainzLine } from './listenbrainz-line.js';
import { deriveSeed, Random } from './random.js';
import { simulateListens, type SimulatedListen, type SimulationOptions } from './simulate.js';

/** The event types of docs/listen-event.schema.json. */
export type SimulatedEventType = 'listen' | 'playing_now' | 'like' | 'share' | 'skip';

/** How often the other event types come with a play (per play). */
const PLAYING_NOW = 0.1;
const LIKE = 0.04;
const SHARE = 0.01;

/**
 * The simulated history as listen events (docs/listen-event.schema.json), one JSON text each, in
 * time order per user, deterministic by seed: a play is a `listen`, or a `skip` when it was skipped;
 * some plays are announced by a `playing_now` and followed by a `like` or a `share`. The
 * track_metadata is the ListenBrainz export's, so a listen event stores the same listen an import of
 * the export would. `event_id` is `sim-<seed>-<n>`: the same seed gives the same ids.
 */
export function* simulateEvents(
  options: SimulationOptions,
): Generator<{ key: string; value: string; type: SimulatedEventType }> {
  const random = new Random(deriveSeed(options.seed, 7));
  let n = 0;
  const event = (type: SimulatedEventType, l: SimulatedListen, at: number) => {
    const meta = JSON.parse(toListenBrainzLine(l)) as { track_metadata: unknown };
    return {
      key: l.user,
      type,
      value: JSON.stringify({
        event_id: `sim-${options.seed}-${n++}`,
        event_type: type,
        user_name: l.user,
        listened_at: Math.floor(at / 1000),
        track_metadata: meta.track_metadata,
        platform: l.platform,
        device: l.device,
        country: l.country,
        genre: l.genre,
      }),
    };
  };
  for (const l of simulateListens(options)) {
    if (random.chance(PLAYING_NOW)) yield event('playing_now', l, l.listenedAt);
    yield event(l.skipped ? 'skip' : 'listen', l, l.listenedAt);
    if (!l.skipped && random.chance(LIKE)) yield event('like', l, l.listenedAt + l.playedMs);
    if (!l.skipped && random.chance(SHARE)) yield event('share', l, l.listenedAt + l.playedMs);
  }
}
