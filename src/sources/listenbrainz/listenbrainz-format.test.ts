import { describe, expect, it } from 'vitest';
import type { ParsedRecord } from '../../domain/listen.js';
import { entryFromBytes } from '../read/memory-entry.js';
import { sniffOf } from '../read/sniff.js';
import type { SourceFormat } from '../types.js';
import {
  listenBrainzArrayFormat,
  listenBrainzDumpFormat,
  listenBrainzJsonlFormat,
} from './listenbrainz-format.js';

const OPTIONS = { encoding: 'utf8' as const, now: Date.UTC(2025, 0, 1) };

async function parse(format: SourceFormat, name: string, content: string | Buffer): Promise<ParsedRecord[]> {
  const out: ParsedRecord[] = [];
  for await (const record of format.parse(entryFromBytes(name, content, { chunkSize: 97 }), OPTIONS))
    out.push(record);
  return out;
}

const line = (t: number, artist = 'A', track = 'T') =>
  JSON.stringify({ listened_at: t, track_metadata: { artist_name: artist, track_name: track } });

describe('ListenBrainz JSON lines', () => {
  it('gives one record per line with its line number and text, passing over blank lines', async () => {
    const content = `${line(1700000000)}\n\n${line(1700000100)}\r\n   \n${line(1700000200)}`;
    const records = await parse(listenBrainzJsonlFormat, 'export.zip:listens/2023/11.jsonl', content);
    expect(records.map((r) => [r.kind, r.where.line])).toEqual([
      ['listen', 1],
      ['listen', 3],
      ['listen', 5],
    ]);
    expect(records[1]).toMatchObject({
      where: { file: 'export.zip:listens/2023/11.jsonl', line: 3 },
      raw: line(1700000100),
    });
  });

  it('rejects a line that is not JSON, a line without track_metadata and a Latin-1 line, and goes on', async () => {
    const content = Buffer.concat([
      Buffer.from(`${line(1)}\n{"listened_at": 2, "track_metadata": \n{"listened_at": 3}\n`),
      Buffer.from(`${line(4, 'Bj\xf6rk')}\n`, 'latin1'),
      Buffer.from(`${line(5)}\n`),
    ]);
    const records = await parse(listenBrainzJsonlFormat, 'l.jsonl', content);
    expect(records.map((r) => (r.kind === 'reject' ? r.reason : r.kind))).toEqual([
      'listen',
      'malformed',
      'missing_field',
      'bad_encoding',
      'listen',
    ]);
    expect(records[3]).toMatchObject({
      where: { line: 4 },
      message:
        'line 4 is not valid UTF-8 (a Latin-1/Windows-1252 byte?): re-save the file as UTF-8, ' +
        'or run again with --encoding latin1 if the whole file is Latin-1/Windows-1252',
    });
  });

  it('reads a Latin-1 file with --encoding latin1', async () => {
    const records: ParsedRecord[] = [];
    const entry = entryFromBytes('l.jsonl', Buffer.from(`${line(4, 'Bj\xf6rk')}\n`, 'latin1'));
    for await (const r of listenBrainzJsonlFormat.parse(entry, { ...OPTIONS, encoding: 'latin1' }))
      records.push(r);
    expect(records[0]).toMatchObject({ kind: 'listen', listen: { artist: 'Björk' } });
  });

  it('reads a file that is Windows-1252 throughout as such without --encoding, and says so', async () => {
    const records: ParsedRecord[] = [];
    const detected: unknown[] = [];
    const bytes = Buffer.from(`${line(1)}\n${line(2, 'Bj\xf6rk', 'Don\x92t')}\n`, 'latin1');
    const options = {
      ...OPTIONS,
      encoding: 'auto' as const,
      onEncodingDetected: (d: unknown) => detected.push(d),
    };
    for await (const r of listenBrainzJsonlFormat.parse(entryFromBytes('l.jsonl', bytes), options))
      records.push(r);
    expect(records[1]).toMatchObject({ kind: 'listen', listen: { artist: 'Björk', track: 'Don’t' } });
    expect(detected).toEqual([{ file: 'l.jsonl', encoding: 'windows-1252', line: 2 }]);
  });

  it('parses public dump lines the same way', async () => {
    const dump = JSON.stringify({
      user_id: 1,
      user_name: 'alice',
      timestamp: 1443521965,
      track_metadata: { artist_name: 'A', track_name: 'T' },
    });
    const records = await parse(listenBrainzDumpFormat, 'listens/2015/9.listens', `${dump}\n`);
    expect(records[0]).toMatchObject({
      kind: 'listen',
      listen: { listenedAt: 1443521965000, user: 'alice' },
    });
  });
});

describe('ListenBrainz array export', () => {
  it('gives one record per element with the line of its opening brace', async () => {
    const content = `[\n  ${line(1)},\n  {"user_name": "bob", "listened_at": "soon", "track_metadata": {"artist_name": "A", "track_name": "T"}},\n  ${line(3)}\n]\n`;
    const records = await parse(listenBrainzArrayFormat, 'bob_lb-2023-01-01.json', content);
    expect(records.map((r) => [r.kind === 'reject' ? r.reason : r.kind, r.where.line])).toEqual([
      ['listen', 2],
      ['bad_timestamp', 3],
      ['listen', 4],
    ]);
  });

  it('reports a truncated download after the complete listens', async () => {
    const records = await parse(
      listenBrainzArrayFormat,
      'x.json',
      `[${line(1)},${line(2)},{"listened_at": 3, "track_met`,
    );
    expect(records.map((r) => (r.kind === 'reject' ? r.reason : r.kind))).toEqual([
      'listen',
      'listen',
      'truncated',
    ]);
  });
});

describe('ListenBrainz detection leaves the other files of an export zip alone', () => {
  it.each([
    ['user.json', '{"user_id":46008,"username":"shoko1"}'],
    [
      'feedback.jsonl',
      '{"created": 1700000000, "recording_msid": "m", "recording_mbid": null, "score": 1}\n',
    ],
    [
      'pinned_recording.jsonl',
      '{"blurb_content": "so good", "created": 1700000000, "pinned_until": 1700600000, "recording_msid": "m", "row_id": 1, "track_metadata": {"artist_name": "A", "track_name": "T"}}\n',
    ],
  ])('%s', (name, content) => {
    const sniff = sniffOf(name, content);
    expect(listenBrainzJsonlFormat.detect(sniff)).toBe(0);
    expect(listenBrainzDumpFormat.detect(sniff)).toBe(0);
    expect(listenBrainzArrayFormat.detect(sniff)).toBe(0);
  });
});
