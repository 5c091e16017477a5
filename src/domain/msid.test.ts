import { describe, expect, it } from 'vitest';
import { canonicalUuid, recordingMsid, uuidV5 } from './msid.js';

describe('uuidV5', () => {
  it('matches the RFC 9562 example (DNS namespace, www.example.com)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});

describe('recordingMsid', () => {
  const listen = { artist: 'Kanye West', track: 'Fade', release: 'The Life of Pablo' };

  it('is the same for the same text, whatever its case', () => {
    expect(recordingMsid({ artist: 'KANYE WEST', track: 'fade', release: 'the life of pablo' })).toBe(
      recordingMsid(listen),
    );
  });

  it('differs when the track, the artist or the release differs', () => {
    const msids = new Set([
      recordingMsid(listen),
      recordingMsid({ ...listen, track: 'Ultralight Beam' }),
      recordingMsid({ ...listen, artist: 'Kanye' }),
      recordingMsid({ ...listen, release: null }),
      recordingMsid({ ...listen, release: 'Fade' }),
    ]);
    expect(msids.size).toBe(5);
  });

  it('is a version 5 UUID', () => {
    expect(recordingMsid(listen)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('canonicalUuid', () => {
  it('reads the forms Python accepts and rejects the rest', () => {
    const canonical = '2cfad207-3f55-4aec-8120-86cf66e34d59';
    expect(canonicalUuid(canonical)).toBe(canonical);
    expect(canonicalUuid('2CFAD207-3F55-4AEC-8120-86CF66E34D59')).toBe(canonical);
    expect(canonicalUuid('{2cfad207-3f55-4aec-8120-86cf66e34d59}')).toBe(canonical);
    expect(canonicalUuid('urn:uuid:2cfad2073f554aec812086cf66e34d59')).toBe(canonical);
    expect(canonicalUuid('2cfad207-3f55-4aec-8120-86cf66e34d5')).toBeNull();
    expect(canonicalUuid('invalid recording_msid')).toBeNull();
    expect(canonicalUuid(42)).toBeNull();
  });
});
