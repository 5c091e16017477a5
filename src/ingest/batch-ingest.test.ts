import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryFromBytes, formatByName } from '../sources/index.js';
import type { Database } from '../store/database.js';
import { startImportRun, type RunCounts } from '../store/import-run-repository.js';
import { ListenWriter } from '../store/listen-writer.js';
import { ensureUser, type User } from '../store/user-repository.js';
import { count, memoryDb } from '../../test/support/temp.js';
import { BatchIngest, type BatchIngestContext } from './batch-ingest.js';
import { FileReportBuilder } from './import-report.js';

const NOW = Date.UTC(2026, 10, 22);
const oneK = formatByName('lastfm-1k-tsv')!;

/** A Last.fm 1K file: one row per [user, track], a minute apart from 2009-05-04. */
function oneKFile(rows: readonly [string, string][]): string {
  return rows
    .map(([user, track], i) => {
      const at = new Date(Date.UTC(2009, 4, 4, 12, i)).toISOString().replace('.000', '');
      return [user, at, '', 'Deep Dish', '', track].join('\t');
    })
    .join('\n');
}

let db: Database;
let me: User;
beforeEach(async () => {
  db = await memoryDb();
  me = (await ensureUser(db, 'me')).user;
});
afterEach(() => db.close());

async function ingestOf(overrides: Partial<BatchIngestContext> = {}) {
  const runId = await startImportRun(db, {
    userId: me.id,
    file: 'users.tsv',
    format: oneK.name,
    dryRun: false,
    startedAt: NOW,
  });
  const report = new FileReportBuilder('users.tsv', oneK, { entries: 1 });
  const committed: RunCounts[] = [];
  const ingest = new BatchIngest(db, {
    writer: new ListenWriter(db),
    report,
    display: 'users.tsv',
    runId,
    format: oneK,
    runUser: me,
    listenUser: me,
    userGiven: false,
    parse: { now: NOW },
    batchSize: 2,
    onBatchCommitted: (counts) => committed.push({ ...counts }),
    ...overrides,
  });
  const run = async (content: string) => {
    await ingest.readEntry(entryFromBytes('users.tsv', content));
    await ingest.flush();
    await ingest.drain();
  };
  return { ingest, report, runId, committed, run };
}

async function storedProgress(runId: number) {
  const [row] = await db.all<Record<string, number>>(
    `SELECT records_read::INTEGER AS read, inserted::INTEGER AS inserted, duplicates::INTEGER AS duplicates,
       merged::INTEGER AS merged, skipped::INTEGER AS skipped, rejected::INTEGER AS rejected
     FROM import_runs WHERE id = ?`,
    [runId],
  );
  return row;
}

const usersOf = async () =>
  (await db.all<{ name: string }>('SELECT name FROM users ORDER BY id')).map((u) => u.name);

describe('the batches of one file', () => {
  it('commit in order, each with the run progress of everything before it, which equals what is stored', async () => {
    const { report, runId, committed, run } = await ingestOf();
    await run(
      oneKFile([
        ['me', 'A'],
        ['me', 'B'],
        ['me', 'C'],
        ['me', 'D'],
        ['me', 'E'],
      ]) + '\nbroken row',
    );
    expect(committed.map((c) => [c.read, c.inserted, c.rejected])).toEqual([
      [2, 2, 0],
      [4, 4, 0],
      [6, 5, 1],
    ]);
    expect(report.counts).toEqual({
      read: 6,
      inserted: 5,
      duplicates: 0,
      merged: 0,
      skipped: 0,
      rejected: 1,
    });
    expect(await storedProgress(runId)).toEqual(report.counts);
    expect(await count(db, 'SELECT count(*) n FROM listens WHERE import_run_id = ?', [runId])).toBe(5);
    expect(await count(db, 'SELECT count(*) n FROM rejected_records WHERE import_run_id = ?', [runId])).toBe(
      1,
    );
  });

  it('are written one at a time even while the next is parsed', async () => {
    const real = new ListenWriter(db);
    const events: string[] = [];
    let n = 0;
    const writer = {
      async writeBatch(...args: Parameters<ListenWriter['writeBatch']>) {
        const batch = ++n;
        events.push(`start ${batch}`);
        // The first batch is slow: the parse reaches the next ones before it is done.
        if (batch === 1) await new Promise((resolve) => setTimeout(resolve, 30));
        const outcome = await real.writeBatch(...args);
        events.push(`end ${batch}`);
        return outcome;
      },
    } as unknown as ListenWriter;
    const { run } = await ingestOf({ writer });
    await run(
      oneKFile([
        ['me', 'A'],
        ['me', 'B'],
        ['me', 'C'],
        ['me', 'D'],
        ['me', 'E'],
        ['me', 'F'],
      ]),
    );
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('a failing batch surfaces its error; what committed before it stays, counted as stored', async () => {
    const real = new ListenWriter(db);
    let n = 0;
    const writer = {
      writeBatch(...args: Parameters<ListenWriter['writeBatch']>) {
        return ++n === 2 ? Promise.reject(new Error('disk full')) : real.writeBatch(...args);
      },
    } as unknown as ListenWriter;
    const { report, runId, run } = await ingestOf({ writer });
    await expect(
      run(
        oneKFile([
          ['me', 'A'],
          ['me', 'B'],
          ['me', 'C'],
          ['me', 'D'],
          ['me', 'E'],
        ]),
      ),
    ).rejects.toThrow('disk full');
    expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(2);
    expect(report.report.inserted).toBe(2);
    expect(await storedProgress(runId)).toMatchObject({ read: 2, inserted: 2 });
  });
});

describe('users named by the records', () => {
  it('are created once each, in the order met, and the report names them', async () => {
    const { ingest, report, run } = await ingestOf();
    await run(
      oneKFile([
        ['user_a', '1'],
        ['user_b', '2'],
        ['user_a', '3'],
        ['user_c', '4'],
        ['user_b', '5'],
        ['me', '6'],
        ['user_c', '7'],
      ]),
    );
    expect(report.report.usersCreated).toEqual(['user_a', 'user_b', 'user_c']);
    expect(await usersOf()).toEqual(['me', 'user_a', 'user_b', 'user_c']);
    const perUser = await db.all<{ name: string; n: number }>(
      'SELECT u.name, count(*)::INTEGER AS n FROM listens l JOIN users u ON u.id = l.user_id GROUP BY 1 ORDER BY 1',
    );
    expect(perUser).toEqual([
      { name: 'me', n: 1 },
      { name: 'user_a', n: 2 },
      { name: 'user_b', n: 2 },
      { name: 'user_c', n: 2 },
    ]);
    const ids = new Map(
      (await db.all<{ id: number; name: string }>('SELECT id, name FROM users')).map((u) => [u.name, u.id]),
    );
    expect(ingest.listenUserIds()).toEqual(['user_a', 'user_b', 'user_c', 'me'].map((name) => ids.get(name)));
  });

  it('a batch that rolls back leaves no user it would have created', async () => {
    const real = new ListenWriter(db);
    let n = 0;
    const writer = {
      writeBatch(...args: Parameters<ListenWriter['writeBatch']>) {
        return ++n === 2 ? Promise.reject(new Error('disk full')) : real.writeBatch(...args);
      },
    } as unknown as ListenWriter;
    const { ingest, report, run } = await ingestOf({ writer });
    await expect(
      run(
        oneKFile([
          ['user_a', '1'],
          ['user_a', '2'],
          ['user_b', '3'],
          ['user_a', '4'],
        ]),
      ),
    ).rejects.toThrow('disk full');
    expect(await usersOf()).toEqual(['me', 'user_a']);
    expect(report.report.usersCreated).toEqual(['user_a']);
    expect(ingest.listenUserIds()).toHaveLength(1);
  });

  it('are ignored with --user: every listen is that user’s', async () => {
    const bob = (await ensureUser(db, 'bob')).user;
    const { report, run } = await ingestOf({ runUser: bob, listenUser: bob, userGiven: true });
    await run(
      oneKFile([
        ['user_a', '1'],
        ['user_b', '2'],
        ['user_a', '3'],
      ]),
    );
    expect(report.report.usersCreated).toEqual([]);
    expect(await usersOf()).toEqual(['me', 'bob']);
    expect(await count(db, 'SELECT count(*) n FROM listens WHERE user_id = ?', [bob.id])).toBe(3);
  });
});
