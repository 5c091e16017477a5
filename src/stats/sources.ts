/**
 * Where a statistic reads its listens from. By default from the rollups the write path keeps in the
 * same transaction as the listens (src/store/rollups.ts): per UTC hour and quarter hour for anything
 * in time (any range, in every zone whose offsets are whole quarter hours), per session for the
 * default gap, and all-time per recording, release, credited artist and source for a range that holds
 * the whole history. What they cannot answer (a top list of part of the history, a zone with an odd
 * offset, a gap under 15 minutes) is read from the listens table, with the queries that were the only
 * way before; see docs/statistics.md.
 * `readingListens` makes every statistic take that way: the reference the rollups are checked
 * against (test/integration/rollup-equivalence.test.ts) and the "before" of the benchmark.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database } from '../store/database.js';
import { defineRollupReaders, settleRollups } from '../store/rollups.js';
import { numOrNull } from './mappers.js';
import { loadQuery, type QueryName } from './queries.js';

const listensOnly = new AsyncLocalStorage<boolean>();

/** Runs `work` with every statistic read from the listens table alone, none from the rollups. */
export function readingListens<T>(work: () => Promise<T>): Promise<T> {
  return listensOnly.run(true, work);
}

export function mayReadRollups(): boolean {
  return listensOnly.getStore() !== true;
}

/** The statistics' own macros over the rollups, defined once per connection with the store's. */
const STATS_MACROS = [
  'rollups/zone-offset-placeholder',
  'rollups/local-hour-buckets',
  'rollups/local-quarter-buckets',
  'rollups/session-pieces-kept',
  'rollups/session-pieces-quarters',
] as const satisfies readonly QueryName[];

/** Runs `work` on one connection with the rollups' read macros defined (once per connection). */
export async function withRollupReaders<T>(db: Database, work: () => Promise<T>): Promise<T> {
  // Live submissions add their rollups a moment after they commit: what was acknowledged goes in first.
  await settleRollups(db);
  return db.exclusive(async () => {
    await defineRollupReaders(db, STATS_MACROS.map(loadQuery));
    return work();
  });
}

/**
 * `work` over the all-time rollups when [fromMs, toMs) holds every listen of each of `userIds`
 * (all_time always does), else null: the caller reads the listens.
 */
export async function fromWholeHistory<T>(
  db: Database,
  span: { fromMs: number; toMs: number },
  userIds: readonly number[],
  work: () => Promise<T>,
): Promise<T | null> {
  if (!mayReadRollups()) return null;
  for (const userId of userIds) {
    const history = await historyOf(db, userId);
    if (history !== null && (history.firstUs < span.fromMs * 1000 || history.lastUs >= span.toMs * 1000))
      return null;
  }
  return withRollupReaders(db, work);
}

interface History {
  /** First and last start of the user's listens, epoch µs. */
  firstUs: number;
  lastUs: number;
}

/**
 * Per reader, each user's history as of a number of `changes()`: asked again after any write. Only
 * readers keep it: they see committed data only, while a statistic asked on the write connection may
 * run inside a transaction that has changed the listens.
 */
const histories = new WeakMap<Database, Map<number, { changes: number; history: History | null }>>();

/** The first and last start of the user's listens; null without listens. */
async function historyOf(db: Database, userId: number): Promise<History | null> {
  const byUser =
    db.reader() === db
      ? (histories.get(db) ?? new Map<number, { changes: number; history: History | null }>())
      : null;
  if (byUser) histories.set(db, byUser);
  const changes = db.changes();
  const known = byUser?.get(userId);
  if (known?.changes === changes) return known.history;
  const [row] = await withRollupReaders(db, () => db.all(loadQuery('rollups/span'), { user_id: userId }));
  const first = numOrNull(row?.first_start_us ?? null, 'first_start_us');
  const last = numOrNull(row?.last_start_us ?? null, 'last_start_us');
  const history = first === null || last === null ? null : { firstUs: first, lastUs: last };
  byUser?.set(userId, { changes, history });
  return history;
}
