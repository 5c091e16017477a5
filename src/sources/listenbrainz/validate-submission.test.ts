import { describe, expect, it } from 'vitest';
import { validateListen } from './validate-submission.js';

const NOW = Date.UTC(2026, 5, 1);
const AT = Math.floor(NOW / 1000) - 3600;

function listen(additionalInfo: Record<string, unknown>, names = { artist: 'Nina Simone', track: 'Sinnerman' }) {
  return {
    listened_at: AT,
    track_metadata: { artist_name: names.artist, track_name: names.track, additional_info: additionalInfo },
  };
}

describe('validateListen (the rules of /1/submit-listens)', () => {
  it('refuses a unicode null in a key as in a value, naming the string', () => {
    expect(validateListen(listen({ ['origin\u0000url']: 'x' }), 'single', NOW)).toBe(
      'origin\u0000url contains a unicode null',
    );
    expect(validateListen(listen({}, { artist: 'Nina', track: 'Sinner\u0000man' }), 'single', NOW)).toBe(
      'Sinner\u0000man contains a unicode null',
    );
  });

  it('takes a name that spells a backslash and u0000 as text: only a real null is refused', () => {
    const checked = validateListen(listen({}, { artist: 'C:\\u0000', track: 'Path' }), 'single', NOW);
    expect(typeof checked).toBe('object');
    expect(typeof checked === 'object' && checked.draft.artist).toBe('C:\\u0000');
  });

  it('takes an MBID as Python reads a UUID: canonical, with capitals, braces, no hyphens or a URN', () => {
    const mbid = '2cfad207-3f55-4aec-8120-86cf66e34d59';
    for (const sent of [mbid, mbid.toUpperCase(), `{${mbid}}`, mbid.replaceAll('-', ''), `urn:uuid:${mbid}`]) {
      const checked = validateListen(listen({ recording_mbid: sent }), 'single', NOW);
      expect(typeof checked === 'object' && checked.draft.recordingMbid).toBe(sent);
    }
    expect(validateListen(listen({ recording_mbid: `${mbid}0` }), 'single', NOW)).toBe(
      'recording_mbid MBID format invalid.',
    );
  });
});
