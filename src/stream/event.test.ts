import { describe, expect, it } from 'vitest';
import { parseEvent } from './event.js';

const NOW = Date.UTC(2025, 0, 15, 12);
const listen = (over: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) =>
  JSON.stringify({
    event_id: 'e1',
    event_type: 'listen',
    user_name: 'alice',
    listened_at: 1_736_900_000,
    track_metadata: { artist_name: 'Nina Simone', track_name: 'Feeling Good', ...meta },
    ...over,
  });

describe('parseEvent', () => {
  it('reads a listen with its context: platform and country go to the listen', () => {
    const parsed = parseEvent(listen({ platform: 'android', country: 'FR', genre: 'jazz' }), NOW);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.listen?.draft).toMatchObject({
      artist: 'Nina Simone',
      track: 'Feeling Good',
      listenedAt: 1_736_900_000_000,
      platform: 'android',
      country: 'FR',
    });
  });

  it('keeps the other event types as events, not listens', () => {
    for (const type of ['like', 'share', 'skip', 'playing_now']) {
      const parsed = parseEvent(listen({ event_type: type }), NOW);
      expect(parsed).toMatchObject({ ok: true, listen: null, event: { event_type: type } });
    }
  });

  it.each([
    ['invalid JSON', '{"event_id":', /^invalid JSON/],
    [
      'an unknown type',
      listen({ event_type: 'download' }),
      /event_type "download" is unknown: use one of listen/,
    ],
    ['a listen before 2002', listen({ listened_at: 946_684_800 }), /listened_at is too low.*2002-10-01/],
    ['a NUL in a name', listen({}, { artist_name: 'Nu\u0000l' }), /contains a unicode null/],
    ['no user', listen({ user_name: undefined }), /^user_name: /],
    ['a field the schema does not know', listen({ mood: 'happy' }), /mood/],
    ['a country not in capitals', listen({ country: 'fr' }), /^country: .*ISO 3166-1/],
    [
      'a listen an hour and more ahead',
      listen({ listened_at: NOW / 1000 + 7200 }),
      /listened_at is too high/,
    ],
    ['an empty track name', listen({}, { track_name: ' ' }), /track_metadata.track_name is empty/],
  ])('rejects %s with a reason', (_case, text, reason) => {
    const parsed = parseEvent(text, NOW);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});
