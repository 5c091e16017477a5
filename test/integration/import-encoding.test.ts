// Text encodings: a file that is Windows-1252 throughout is read as such and the report says so;
// --encoding still decides when given; a UTF-8 file with a few broken rows stays UTF-8.
// Control characters in names are removed from the stored listen and reported with file:line.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import-service.js';
import type { Database } from '../../src/store/database.js';
import { listRejectedRecords } from '../../src/store/report-repository.js';
import { memoryDb, tempDir } from '../support/temp.js';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const dir = tempDir();
afterAll(() => dir.cleanup());

let db: Database;
beforeEach(async () => {
  db = await memoryDb();
});
afterEach(() => db.close());

const run = (paths: string[], extra: { encoding?: 'utf8' | 'latin1' } = {}) =>
  importFiles(db, { paths, defaultUserName: 'me', now: NOW, ...extra });

/** Windows-1252 bytes of text; fails on a character Windows-1252 cannot hold. */
function cp1252(text: string): Buffer {
  const extra: Record<string, number> = { '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '€': 0x80 };
  return Buffer.from(
    [...text].map((c) => {
      const code = extra[c] ?? c.charCodeAt(0);
      if (code > 0xff || (code >= 0x80 && code < 0xa0 && !(c in extra)))
        throw new Error(`not in cp1252: ${c}`);
      return code;
    }),
  );
}

// lastfm-to-csv (benjaminbenben.com): artist,album,track,date with "DD Mon YYYY HH:MM" dates, no header.
const LASTFM_ROWS = [
  'Motörhead,Ace of Spades,Ace of Spades,20 Nov 2020 10:05',
  'Björk,Homogenic,Jóga,20 Nov 2020 09:55',
  'Sigur Rós,Takk...,Hoppípolla,20 Nov 2020 09:50',
  'Beyoncé,Lemonade,Don’t Hurt Yourself,20 Nov 2020 09:40',
  'Biome,Kora,Let Me,20 Nov 2020 09:28',
];

async function storedNames(): Promise<string[]> {
  const rows = await db.all<{ artist: string; track: string }>(
    'SELECT artist, track FROM listens ORDER BY listened_at DESC',
  );
  return rows.map((r) => `${r.artist} – ${r.track}`);
}

describe('text encodings', () => {
  it('a Windows-1252 lastfm-to-csv export is read as Windows-1252, and the report says so', async () => {
    const file = dir.file('lastfm-cp1252.csv', cp1252(LASTFM_ROWS.join('\r\n') + '\r\n'));
    const report = await run([file]);
    const f = report.files[0]!;
    expect(f.format).toBe('lastfm-csv');
    expect(f.inserted).toBe(5);
    expect(f.rejected).toEqual({});
    expect(await storedNames()).toEqual([
      'Motörhead – Ace of Spades',
      'Björk – Jóga',
      'Sigur Rós – Hoppípolla',
      'Beyoncé – Don’t Hurt Yourself',
      'Biome – Let Me',
    ]);
    expect(f).toMatchObject({ encoding: 'windows-1252', encodingDetected: true });
    expect(f.encodingNote).toBe(
      `decoded as Windows-1252 (not UTF-8): ${file}:1 is the first line that is not UTF-8, and the text is ` +
        'single-byte throughout; run again with --encoding utf8 to read it as UTF-8 (such rows are then rejected)',
    );
  });

  it('--encoding utf8 keeps rows that are not UTF-8 out, with the hint, and the raw bytes kept', async () => {
    const file = dir.file('lastfm-cp1252-utf8.csv', cp1252(LASTFM_ROWS.join('\n') + '\n'));
    const f = (await run([file], { encoding: 'utf8' })).files[0]!;
    expect(f).toMatchObject({
      inserted: 1,
      rejected: { bad_encoding: 4 },
      encoding: 'utf8',
      encodingDetected: false,
    });
    const rows = await listRejectedRecords(db, { userId: 1, status: 'rejected', limit: 10 });
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4]);
    expect(rows[0]!.message).toMatch(/line 1 is not valid UTF-8.*--encoding latin1/);
  });

  it('a UTF-8 file with one broken row stays UTF-8: the row is rejected, the others keep their accents', async () => {
    const bytes = Buffer.concat([
      Buffer.from(LASTFM_ROWS.slice(0, 2).join('\n') + '\n'),
      cp1252(LASTFM_ROWS[2]! + '\n'),
      Buffer.from(LASTFM_ROWS.slice(3).join('\n') + '\n'),
    ]);
    const f = (await run([dir.file('mostly-utf8.csv', bytes)])).files[0]!;
    expect(f).toMatchObject({
      inserted: 4,
      rejected: { bad_encoding: 1 },
      encoding: 'utf8',
      encodingDetected: false,
    });
    expect(f.encodingNote).toBeUndefined();
    expect(await storedNames()).toEqual([
      'Motörhead – Ace of Spades',
      'Björk – Jóga',
      'Beyoncé – Don’t Hurt Yourself',
      'Biome – Let Me',
    ]);
    const [row] = await listRejectedRecords(db, { userId: 1, status: 'rejected', limit: 10 });
    expect(row).toMatchObject({ line: 3, reason: 'bad_encoding' });
  });

  it('a Windows-1252 JSON array (Spotify account data) is read as Windows-1252', async () => {
    const rows = [
      { endTime: '2024-03-01 10:04', artistName: 'Motörhead', trackName: 'Ace of Spades', msPlayed: 169_000 },
      {
        endTime: '2024-03-01 10:10',
        artistName: 'Beyoncé',
        trackName: 'Don’t Hurt Yourself',
        msPlayed: 233_000,
      },
    ];
    const file = dir.file('StreamingHistory0.json', cp1252(JSON.stringify(rows, null, 2)));
    const f = (await run([file])).files[0]!;
    expect(f).toMatchObject({
      format: 'spotify-account',
      inserted: 2,
      encoding: 'windows-1252',
      encodingDetected: true,
    });
    expect(f.encodingNote).toContain(`${file}:2 is the first line`);
    expect(await storedNames()).toEqual(['Beyoncé – Don’t Hurt Yourself', 'Motörhead – Ace of Spades']);
  });

  it('a NUL in a name: the listen is stored without it, the report counts it with file:line, the raw row keeps it', async () => {
    const rows = [
      'Motörhead,Ace of Spades,Ace of\u0000 Spades,20 Nov 2020 10:05',
      'Björk,Homogenic,Jóga,20 Nov 2020 09:55',
      '\u001b[1mSigur Rós,Takk...,Hoppípolla,20 Nov 2020 09:50',
    ];
    const file = dir.file('nul.csv', rows.join('\n') + '\n');
    const f = (await run([file])).files[0]!;
    expect(f).toMatchObject({ inserted: 3, rejected: {}, cleaned: { control_characters: 2 } });
    expect(await storedNames()).toEqual([
      'Motörhead – Ace of Spades',
      'Björk – Jóga',
      '[1mSigur Rós – Hoppípolla',
    ]);
    const examples = f.examples.filter((e) => e.status === 'cleaned');
    expect(examples.map((e) => e.where)).toEqual([`${file}:1`, `${file}:3`]);
    expect(examples[0]!.message).toMatch(
      /^control characters removed: the track name has U\+0000, stored as "Ace of Spades"\. The listen is stored, and the raw row keeps them/,
    );
    expect(examples[1]!.message).toContain('the artist name has U+001B, stored as "[1mSigur Rós"');
    const [raw] = await db.all<{ raw: string }>("SELECT raw FROM listens WHERE track = 'Ace of Spades'");
    expect(raw!.raw).toBe(rows[0]);
  });
});
