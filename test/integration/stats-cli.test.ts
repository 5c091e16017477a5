// `listenhouse stats …` in-process on a temp database file: tables for people, one JSON document
// for programs, and the documented failures (unknown user, bad range or zone → exit code 2).
import { Command } from 'commander';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerStatsCommand } from '../../src/cli/commands/stats.js';
import { openDatabase } from '../../src/store/database.js';
import { rebuildRollups } from '../../src/store/rollups.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir();
const dbPath = join(dir.path, 'stats.duckdb');

beforeAll(async () => {
  const db = await openDatabase(dbPath);
  // listens.match_key is leaving the schema (recording_id takes over as identity): filled while it exists.
  const matchKey =
    (
      await db.all(
        "SELECT 1 FROM duckdb_columns() WHERE table_name = 'listens' AND column_name = 'match_key'",
      )
    ).length > 0;
  await db.run(`
    UPDATE users SET time_zone = 'Europe/Berlin' WHERE name = 'me';
    INSERT INTO artists (id, key, name) VALUES (1, 'caribou', 'Caribou'), (2, 'daft punk', 'Daft Punk');
    INSERT INTO artist_credits (id, key, name) VALUES (1, 'caribou', 'Caribou'), (2, 'caribou & daft punk', 'Caribou & Daft Punk');
    INSERT INTO artist_credit_members (credit_id, position, artist_id, credited_name) VALUES (1, 0, 1, 'Caribou'), (2, 0, 1, 'Caribou'), (2, 1, 2, 'Daft Punk');
    INSERT INTO recordings (id, key, title, artist_credit_id, artist_id) VALUES (1, 's', 'Sun', 1, 1), (2, 'c', 'Collab', 2, 1);
    INSERT INTO listens (user_id, listened_at, stamped_edge, precision_s, duration_ms, played_ms, artist, track,
                         artist_credit_id, artist_id, recording_id, ${matchKey ? 'match_key, ' : ''}source, format)
    SELECT u.id, t, 'start', 1, 200000, NULL, 'a', 't', c, 1, c, ${matchKey ? "'k', " : ''}'lastfm', 'test'
    FROM users u, (VALUES (TIMESTAMP '2024-03-09 23:30:00', 1), (TIMESTAMP '2024-03-10 10:00:00', 1),
                          (TIMESTAMP '2024-03-10 10:05:00', 2)) v(t, c)
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

/** Runs the command as `listenhouse stats …` would, returning what it printed and the exit code. */
async function stats(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (out += parts.join(' ') + '\n'));
  const program = new Command().exitOverride();
  registerStatsCommand(program);
  await program.parseAsync(['stats', ...args, '--db', dbPath], { from: 'user' });
  const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  vi.restoreAllMocks();
  return { out, err, code };
}

describe('listenhouse stats', () => {
  it('prints one JSON document with --json, in the user’s own zone by default', async () => {
    const { out, code } = await stats('artists', '--json');
    expect(code).toBe(0);
    const doc = JSON.parse(out) as { range: { tz: string }; entries: { name: string; plays: number }[] };
    expect(doc.range.tz).toBe('Europe/Berlin');
    expect(doc.entries.map((e) => [e.name, e.plays])).toEqual([
      ['Caribou', 3],
      ['Daft Punk', 1],
    ]);
  });

  it('prints aligned tables for people', async () => {
    const { out } = await stats('summary');
    expect(out).toContain('Listening summary — all time (Europe/Berlin)');
    expect(out).toMatch(/plays\s+3\n/);
    expect(out).toContain('first listen    2024-03-10 00:30'); // 23:30 UTC in Berlin
    const days = await stats('activity', '--range', '2024-03-09..2024-03-10');
    expect(days.out).toMatch(/2024-03-09\s+0\s+0 min\n\s+2024-03-10\s+3\s+10 min/);
    const clock = await stats('clock', '--tz', 'UTC');
    expect(clock.out.split('\n').filter((l) => /^ {2}(Mon|Tue|Wed|Thu|Fri|Sat|Sun) /.test(l))).toHaveLength(
      7,
    );
  });

  it('names the users and the default when the user is unknown (exit 2)', async () => {
    const { err, code } = await stats('summary', '--user', 'nobody');
    expect(code).toBe(2);
    expect(err).toContain("No user named 'nobody'. Users in this database: me.");
    expect(err).toContain('`listenhouse users` lists them');
    expect(err).toContain("stats are for 'me'");
  });

  it('explains a bad range or zone with examples (exit 2), as JSON with --json', async () => {
    const range = await stats('artists', '--range', 'last-fortnight');
    expect(range.code).toBe(2);
    expect(range.err).toMatch(/Invalid range 'last-fortnight'.*Examples: week, month, year, all_time/);
    const zone = await stats('clock', '--tz', 'Moon/Tranquility', '--json');
    expect(zone.code).toBe(2);
    expect(JSON.parse(zone.out)).toEqual({
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringContaining("Unknown time zone 'Moon/Tranquility'"),
      },
    });
  });
});
