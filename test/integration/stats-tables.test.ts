// The tables `listenhouse stats` prints for people: columns line up by display width (CJK takes two
// columns), and a time nobody knows is a dash, not "0 min".
import { Command } from 'commander';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerStatsCommand } from '../../src/cli/commands/stats.js';
import { openDatabase } from '../../src/store/database.js';
import { rebuildRollups } from '../../src/store/rollups.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir();
const dbPath = join(dir.path, 'tables.duckdb');
const ARTISTS = ['坂本龍一', 'Sigur Rós', 'Unknown Length Band', 'Björk'];

beforeAll(async () => {
  const db = await openDatabase(dbPath);
  const matchKey =
    (
      await db.all(
        "SELECT 1 FROM duckdb_columns() WHERE table_name = 'listens' AND column_name = 'match_key'",
      )
    ).length > 0;
  const values = ARTISTS.map((name, i) => `(${i + 1}, 'k${i}', '${name}')`).join(', ');
  const members = ARTISTS.map((name, i) => `(${i + 1}, 0, ${i + 1}, '${name}')`).join(', ');
  const recordings = ARTISTS.map((_, i) => `(${i + 1}, 'r${i}', 'Track ${i}', ${i + 1}, ${i + 1})`).join(
    ', ',
  );
  // Plays per artist: 4, 3, 2, 1; the third artist's plays have no length at all.
  const plays = ARTISTS.flatMap((_, i) =>
    Array.from(
      { length: 4 - i },
      (_, j) => `(TIMESTAMP '2024-03-0${i + 1} 1${j}:00:00', ${i + 1}, ${i === 2 ? 'NULL' : '200000'})`,
    ),
  ).join(', ');
  await db.run(`
    INSERT INTO artists (id, key, name) VALUES ${values};
    INSERT INTO artist_credits (id, key, name) VALUES ${values};
    INSERT INTO artist_credit_members (credit_id, position, artist_id, credited_name) VALUES ${members};
    INSERT INTO recordings (id, key, title, artist_credit_id, artist_id) VALUES ${recordings};
    INSERT INTO listens (user_id, listened_at, stamped_edge, precision_s, duration_ms, played_ms, artist, track,
                         artist_credit_id, artist_id, recording_id, ${matchKey ? 'match_key, ' : ''}source, format)
    SELECT u.id, t, 'start', 1, d, NULL, 'a', 't', c, c, c, ${matchKey ? "'k' || c || epoch(t), " : ''}'lastfm', 'test'
    FROM users u, (VALUES ${plays}) v(t, c, d)
    WHERE u.name = 'me';`);
  // Stored with SQL, past the write path: the rollups it would keep are recomputed.
  await rebuildRollups(db);
  db.close();
});
afterAll(() => dir.cleanup());
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function stats(...args: string[]): Promise<string> {
  let out = '';
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (out += parts.join(' ') + '\n'));
  const program = new Command().exitOverride();
  registerStatsCommand(program);
  await program.parseAsync(['stats', ...args, '--db', dbPath], { from: 'user' });
  vi.restoreAllMocks();
  return out;
}

/** Display width of the line up to the end of the first number after `name`. */
function widthThroughCount(line: string, name: string): number {
  const after = line.indexOf(name) + name.length;
  const end = after + (/^\s+\d+/.exec(line.slice(after))?.[0].length ?? 0);
  return stringWidth(line.slice(0, end));
}

describe('stats tables', () => {
  it('line up the plays column by display width, CJK names included', async () => {
    const out = await stats('artists');
    const lines = out.split('\n');
    const header = lines.find((l) => /^\s+#\s/.test(l))!;
    const playsEnd = stringWidth(header.slice(0, header.indexOf('plays') + 'plays'.length));
    for (const name of ARTISTS) {
      const row = lines.find((l) => l.includes(name));
      expect(row, `no row for ${name}:\n${out}`).toBeDefined();
      expect(widthThroughCount(row!, name), `${name}:\n${out}`).toBe(playsEnd);
    }
  });

  it('show a dash for the time of an artist whose plays all have an unknown length', async () => {
    const out = await stats('artists');
    const row = out.split('\n').find((l) => l.includes('Unknown Length Band'))!;
    expect(row).toMatch(/Unknown Length Band\s+2\s+–\s+2/);
    expect(row).not.toContain('0 min');
    const known = out.split('\n').find((l) => l.includes('Björk'))!;
    expect(known).toMatch(/Björk\s+1\s+3 min/);
  });
});
