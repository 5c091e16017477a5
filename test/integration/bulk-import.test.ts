// A file DuckDB reads itself (ingest/bulk-entry.ts) is stored exactly as the line-by-line import
// stores it: the same listens, catalogue, rejected rows and report. And what it keeps of each record
// (a reference to its line in a deflated block) gives the record back, which re-processes to the
// stored names.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import-service.js';
import { reprocessRecord } from '../../src/ingest/reprocess.js';
import type { Database } from '../../src/store/database.js';
import { undoImport } from '../../src/store/import-undo.js';
import { isRawReference, RawRecords } from '../../src/store/raw-records.js';
import { hasSharedData, SHARED } from '../support/shared-data.js';
import { memoryDb, tempDir } from '../support/temp.js';

const NOW = Date.UTC(2026, 10, 22);
const dir = tempDir();
afterAll(() => dir.cleanup());

const AT = Math.floor(Date.UTC(2025, 5, 1, 12) / 1000);
const MBID = 'b211c9bf-9009-47cb-bd00-95f7cdcb5931';
const listen = (at: number, artist: unknown, track: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ listened_at: at, track_metadata: { artist_name: artist, track_name: track, ...extra } });

/** Every kind of line the SQL must read as the mapper does, or leave to it. */
const TRICKY = [
  listen(AT, 'Daft Punk', 'One More Time', {
    release_name: 'Discovery',
    additional_info: {
      duration_ms: 320357,
      recording_mbid: MBID.toUpperCase(),
      release_mbid: 'not-an-mbid',
      artist_mbids: [MBID, '', 7],
      submission_client: 'Navidrome',
      media_player: 'Feishin',
      tags: ['house'],
      origin_url: 'https://open.spotify.com/intl-de/track/0DiWol3AO6WpXZgp0goxAV?si=x',
    },
  }),
  '',
  listen(AT + 300, 'Daft Punk', 'Aerodynamic', { additional_info: { duration: 212.5, ms_played: 1000.4 } }),
  listen(AT + 600, 'Daft Punk feat. Romanthony', 'One More Time', {
    mbid_mapping: {
      artists: [
        { artist_credit_name: 'Daft Punk', join_phrase: ' feat. ', artist_mbid: MBID },
        { artist_credit_name: 'Romanthony', join_phrase: '', artist_mbid: '' },
      ],
      recording_mbid: MBID,
    },
  }),
  listen(AT + 900.5, '  Björk ', 'Jóga', { release_name: '' }),
  listen(AT + 1200, 'Bell\u0007 Orchestre', 'Salt Water'),
  listen(AT + 1500, '   ', 'Nothing'),
  listen(946684800, 'Old', 'Y2K'),
  listen(Math.floor(NOW / 1000) + 86_400, 'Future', 'Tomorrow'),
  listen(AT, 'Daft Punk', 'One More Time'),
  JSON.stringify({
    listened_at: AT + 1800,
    user_name: 'ann',
    track_metadata: { artist_name: 'Low', track_name: 'Words' },
  }),
  JSON.stringify({
    timestamp: AT + 2100,
    user_name: 'bob',
    track_metadata: { artist_name: 'Low', track_name: 'Words' },
  }),
  listen(AT + 2400, 42, 'Numbers'),
  listen(AT + 2700, ['A', 'B'], 'Lists'),
  JSON.stringify({
    listened_at: String(AT + 3000),
    track_metadata: { artist_name: 'Strings', track_name: 'Time' },
  }),
  listen(AT + 3300, 'Exported', 'Twice', {
    additional_info: {
      listenhouse_source: 'spotify',
      listenhouse_format: 'spotify-extended',
      listenhouse_listened_at_ms: (AT + 3300) * 1000 + 250,
      listenhouse_precision_s: 1,
      listenhouse_stamped_edge: 'end',
    },
  }),
  listen(AT + 3600, 'Two', 'Objects') + listen(AT + 3900, 'On', 'One line'),
  listen(AT + 4200, 'Trailing', 'Garbage') + ' x',
  '{"listened_at": 1718354402, "track_metadata": {"artist_name": "Cut',
  listen(AT + 4500, 'Stereolab', 'French Disko', { additional_info: 'not an object' }),
  '  ' + listen(AT + 4800, 'Stereolab', 'Ping Pong') + '\t',
];

/** Everything an import leaves that a user could see, in an order that does not depend on batches. */
async function snapshot(db: Database): Promise<string> {
  const json = async (sql: string) =>
    JSON.stringify(await db.all(sql), (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
  return [
    await json(`SELECT u.name, epoch_ms(listened_at) t, artist, track, release, duration_ms, played_ms,
      artist_credit_id, artist_id, recording_id, release_id, artist_mbids, recording_mbid, release_mbid,
      release_group_mbid, isrc, spotify_uri, source, format, source_record_id, client, platform, country,
      stamped_edge, precision_s
      FROM listens l JOIN users u ON u.id = l.user_id ORDER BY u.name, listened_at, artist, track`),
    await json('SELECT id, key, name, mbid FROM artists ORDER BY id'),
    await json('SELECT id, key, name FROM artist_credits ORDER BY id'),
    await json('SELECT * FROM artist_credit_members ORDER BY ALL'),
    await json(
      'SELECT id, key, title, artist_credit_id, artist_id, mbid, isrc, length_ms FROM recordings ORDER BY id',
    ),
    await json('SELECT id, key, title, artist_id, mbid, release_group_mbid FROM releases ORDER BY id'),
    await json('SELECT name FROM users ORDER BY name'),
    await json('SELECT file, line, status, reason, message, raw FROM rejected_records ORDER BY line'),
  ].join('\n');
}

async function importBoth(paths: string[], chunk: number) {
  const out = [];
  for (const bulkChunk of [0, chunk]) {
    const db = await memoryDb();
    const report = await importFiles(db, { paths, defaultUserName: 'me', now: NOW, bulkChunk });
    const files = report.files.map(({ seconds: _s, ...f }) => f);
    out.push({ db, report: JSON.stringify(files), stored: await snapshot(db) });
  }
  return { lineByLine: out[0]!, bulk: out[1]! };
}

describe('a file DuckDB reads itself', () => {
  it('stores exactly what the line-by-line import stores, every odd line included', async () => {
    const file = dir.file('tricky.jsonl', TRICKY.join('\n') + '\n');
    // Chunks of 4 lines: parts, tuples met again in later parts, users first named in a later part.
    const { lineByLine, bulk } = await importBoth([file], 4);
    expect(bulk.report).toBe(lineByLine.report);
    expect(bulk.stored).toBe(lineByLine.stored);
    const report = JSON.parse(bulk.report) as { inserted: number; rejected: Record<string, number> }[];
    expect(report[0]!.inserted).toBe(11);
    expect(report[0]!.rejected).toEqual({ empty_name: 1, too_old: 1, in_future: 1, malformed: 5 });
    lineByLine.db.close();
    bulk.db.close();
  });

  it.skipIf(!hasSharedData)(
    'stores the real ListenBrainz fixtures as the line-by-line import does',
    async () => {
      const fixtures = join(SHARED, 'fixtures/listenbrainz');
      const files = readdirSync(fixtures)
        .filter((f) => f.endsWith('.jsonl'))
        .map((f) => join(fixtures, f));
      const { lineByLine, bulk } = await importBoth(files, 10_000);
      expect(bulk.report).toBe(lineByLine.report);
      expect(bulk.stored).toBe(lineByLine.stored);
      lineByLine.db.close();
      bulk.db.close();
    },
  );

  it('stores a Last.fm CSV as the line-by-line import does: quoted fields, now-playing rows, bad dates, its header', async () => {
    const rows = [
      'artist,album,name,date',
      'Biome,UNITY,Unity,',
      'Biome,Kora,Let Me,20 Nov 2020 09:35',
      '"Tyler, The Creator",IGOR,EARFQUAKE,20 Nov 2020 09:31',
      'Biome,Kora,Kitemare,31 Feb 2020 09:20',
      'Biome,,Kitemare,20 Nov 2020 09:20',
      'Biome,Kora,Let Me,20 Nov 2020 09:35',
      '',
      'Mot\u0007rhead,Ace of Spades,Ace of Spades,20 Nov 2020 09:10',
      'Too,Many,Fields,Here,20 Nov 2020 09:05',
      'Biome,Kora,Let Me,20 nov 2020, 09:00',
      ' ,Kora,Nobody,20 Nov 2020 08:55',
    ];
    const file = dir.file('scrobbles.csv', rows.join('\n') + '\n');
    const { lineByLine, bulk } = await importBoth([file], 4);
    expect(bulk.report).toBe(lineByLine.report);
    expect(bulk.stored).toBe(lineByLine.stored);
    const [refs] = await bulk.db.all<{ n: bigint }>(
      "SELECT count(*) AS n FROM listens WHERE raw LIKE 'listenhouse:raw/%'",
    );
    expect(Number(refs!.n)).toBe(2);
    lineByLine.db.close();
    bulk.db.close();
  });

  it.skipIf(!hasSharedData)('stores the real Last.fm export as the line-by-line import does', async () => {
    const file = join(SHARED, 'data/lastfm-scrobbles-export-benjaminbenben/lastfm_scrobbles.csv');
    const { lineByLine, bulk } = await importBoth([file], 20_000);
    expect(bulk.report).toBe(lineByLine.report);
    expect(bulk.stored).toBe(lineByLine.stored);
    lineByLine.db.close();
    bulk.db.close();
  }, 240_000); // 61k rows imported twice: 24 s alone, over 60 s on a loaded machine

  it('keeps each record as its line, which re-processes to the names stored', async () => {
    const lines = TRICKY;
    const file = dir.file('kept.jsonl', TRICKY.join('\n') + '\n');
    const db = await memoryDb();
    await importFiles(db, { paths: [file], defaultUserName: 'me', now: NOW, bulkChunk: 4 });
    const stored = await db.all<{ artist: string; track: string; raw: string; format: string }>(
      'SELECT artist, track, raw, format FROM listens ORDER BY listened_at',
    );
    const raw = new RawRecords(db);
    let referenced = 0;
    for (const l of stored) {
      if (isRawReference(l.raw)) referenced++;
      const text = (await raw.text(l.raw))!;
      // The line as the file had it, byte for byte.
      expect(lines).toContain(text);
      const again = reprocessRecord('listenbrainz-jsonl', text, NOW);
      expect(again && 'names' in again ? [again.names.artistCredit, again.names.track] : again).toEqual([
        l.artist,
        l.track,
      ]);
    }
    // The plain lines are kept as references to their blocks; the odd ones went through JavaScript.
    expect(referenced).toBe(9);
    db.close();
  });

  it('reads a file with CR LF line ends in bulk, and one with mixed line ends line by line, alike', async () => {
    const lines = TRICKY.slice(0, 6);
    const crlf = dir.file('crlf.jsonl', lines.join('\r\n') + '\r\n');
    const mixed = dir.file(
      'mixed.jsonl',
      lines.join('\r\n') + '\n' + listen(AT + 5100, 'Low', 'Lazy') + '\n',
    );
    for (const [file, inBulk] of [
      [crlf, true],
      [mixed, false],
    ] as const) {
      const { lineByLine, bulk } = await importBoth([file], 4);
      expect(bulk.stored).toBe(lineByLine.stored);
      const [refs] = await bulk.db.all<{ n: bigint }>(
        "SELECT count(*) AS n FROM listens WHERE raw LIKE 'listenhouse:raw/%'",
      );
      expect(Number(refs!.n) > 0).toBe(inBulk);
      lineByLine.db.close();
      bulk.db.close();
    }
  });

  it('keeps a fraction of the file, not a copy of each record', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) =>
      listen(AT + i * 200, `Artist ${i % 50}`, `Track ${i % 400}`, {
        release_name: `Album ${i % 80}`,
        additional_info: {
          duration_ms: 200_000 + i,
          submission_client: 'Navidrome',
          tags: ['rock', 'indie'],
        },
      }),
    );
    const file = dir.file('many.jsonl', lines.join('\n') + '\n');
    const db = await memoryDb();
    await importFiles(db, { paths: [file], defaultUserName: 'me', now: NOW });
    const [kept] = await db.all<{ blocks: bigint; refs: bigint }>(
      'SELECT (SELECT sum(octet_length(data)) FROM raw_blocks) AS blocks, (SELECT sum(length(raw)) FROM listens) AS refs',
    );
    const size = readFileSync(file).length;
    expect(Number(kept!.blocks) + Number(kept!.refs)).toBeLessThan(size / 2);
    // Undoing the import takes its kept lines with its listens.
    const [run] = await db.all<{ id: bigint }>('SELECT id FROM import_runs');
    await undoImport(db, { runId: Number(run!.id), dryRun: false, now: NOW });
    const [left] = await db.all<{ n: bigint }>('SELECT count(*) AS n FROM raw_blocks');
    expect(Number(left!.n)).toBe(0);
    db.close();
  });
});
