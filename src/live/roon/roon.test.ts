import { describe, expect, it } from 'vitest';
import { decodeMoo, encodeMoo } from './moo.js';
import { ZoneScrobbler, type ZoneUpdate } from './zone-scrobbler.js';

describe('MOO messages', () => {
  it('encodes a request with a JSON body and decodes it back', () => {
    const frame = encodeMoo({
      verb: 'REQUEST',
      name: 'com.roonlabs.transport:2/subscribe_zones',
      requestId: 3,
      body: { subscription_key: 0, note: 'Björk' },
    });
    expect(frame.toString('utf8')).toMatch(
      /^MOO\/1 REQUEST com\.roonlabs\.transport:2\/subscribe_zones\nRequest-Id: 3\nContent-Length: \d+\nContent-Type: application\/json\n\n\{/,
    );
    expect(decodeMoo(frame)).toEqual({
      verb: 'REQUEST',
      name: 'com.roonlabs.transport:2/subscribe_zones',
      requestId: 3,
      body: { subscription_key: 0, note: 'Björk' },
    });
    expect(decodeMoo(Buffer.from('MOO/1 COMPLETE Success\nRequest-Id: 7\n\n'))).toEqual({
      verb: 'COMPLETE',
      name: 'Success',
      requestId: 7,
      body: undefined,
    });
    expect(decodeMoo(Buffer.from('HTTP/1.1 200 OK\n\n'))).toBeNull();
  });
});

describe('Roon zones by the 50 % / 4 minute rule', () => {
  const track = { title: 'Jóga', artist: 'Björk', album: 'Homogenic', lengthS: 300 };
  const at = (seekS: number, state: ZoneUpdate['state'] = 'playing', nowPlaying = track): ZoneUpdate => ({
    zoneId: 'z1',
    zoneName: 'Living Room',
    state,
    nowPlaying,
    seekS,
  });

  it('hands a play once it has played half the track, once, with its start', () => {
    const zones = new ZoneScrobbler();
    const t0 = 1_000_000;
    let play = null;
    for (let s = 0; s <= 160; s += 5) play = zones.update(at(s), t0 + s * 1000) ?? play;
    expect(play).toEqual({ zoneName: 'Living Room', track, startedAt: t0, playedMs: 150_000 });
    expect(zones.update(at(165), t0 + 165_000)).toBeNull();
  });

  it('does not count a skip ahead, a paused zone, or a short listen; a long track counts at 4 minutes', () => {
    const zones = new ZoneScrobbler();
    expect(zones.update(at(0), 0)).toBeNull();
    expect(zones.update(at(200), 5_000)).toBeNull(); // skipped ahead: not played
    expect(zones.update(at(205, 'paused'), 10_000)).toBeNull();
    const long = { ...track, title: 'Long', lengthS: 1200 };
    let play = null;
    for (let s = 0; s <= 245; s += 5) play = zones.update(at(s, 'playing', long), s * 1000) ?? play;
    expect(play?.playedMs).toBe(240_000);
  });
});
