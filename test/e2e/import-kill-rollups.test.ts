// An import killed with SIGKILL half-way, then run again to the end, leaves the rollups the statistics
// read exactly as a recomputation from the listens would make them (they are written in the same
// transaction as each batch), and the listens those of the same file imported in one go.
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/database.js';
import { diffRollups } from '../../src/store/rollups.js';
import { runCli, spawnCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

/** Every stored listen as text, sorted: whose it is, when, what, how long, from where. */
async function listensOf(path: string): Promise<string[]> {
  const db: Database = await openDatabase(path);
  try {
    const rows = await db.all<{ row: string }>(
      `SELECT concat_ws('|', u.name, epoch_us(l.listened_at), l.artist, l.track, l.release, l.duration_ms,
                        l.played_ms, l.source, l.client) AS row
       FROM listens l JOIN users u ON u.id = l.user_id
       ORDER BY row`,
    );
    return rows.map((r) => r.row);
  } finally {
    db.close();
  }
}

describe('an import killed half-way and run again', () => {
  it('leaves the rollups equal to a recomputation and the listens those of the file', async () => {
    // The simulator's export: two listeners' ListenBrainz JSON lines, about 60,000 listens.
    const file = join(dir.path, 'simulated.jsonl');
    const simulated = await runCli([
      'simulate',
      '--seed',
      '11',
      '--users',
      '2',
      '--days',
      '200',
      '--per-day',
      '150',
      '--end',
      '2024-06-30',
      '--out',
      file,
    ]);
    expect(simulated.code, simulated.stderr).toBe(0);

    const killed = join(dir.path, 'killed.duckdb');
    const child = spawnCli(['import', '--db', killed, '--batch-size', '4000', file], {
      LISTENHOUSE_LOG: 'debug',
    });
    let committed = 0;
    child.stderr!.on('data', (d: Buffer) => {
      committed += (d.toString().match(/committed:/g) ?? []).length;
      // Some batches in, the next one on its way.
      if (committed >= 3 && !child.killed) child.kill('SIGKILL');
    });
    await once(child, 'close');
    expect(child.signalCode).toBe('SIGKILL');

    const db = await openDatabase(killed);
    let partial = 0;
    try {
      const [stored] = await db.all<{ n: bigint }>('SELECT count(*) AS n FROM listens');
      partial = Number(stored!.n);
      expect(partial).toBeGreaterThanOrEqual(12_000);
      expect(await diffRollups(db)).toEqual([]);
    } finally {
      db.close();
    }

    const again = await runCli(['import', '--db', killed, '--batch-size', '4000', file]);
    expect(again.code, again.stderr).toBe(0);
    const once_ = join(dir.path, 'once.duckdb');
    expect((await runCli(['import', '--db', once_, '--batch-size', '4000', file])).code).toBe(0);

    const resumed = await listensOf(killed);
    expect(resumed.length).toBeGreaterThan(Math.max(40_000, partial));
    expect(resumed).toEqual(await listensOf(once_));
    const done = await openDatabase(killed);
    try {
      expect(await diffRollups(done)).toEqual([]);
    } finally {
      done.close();
    }
  }, 300_000);
});
