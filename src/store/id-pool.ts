import { connectionOf } from './connection.js';
import type { Database } from './database.js';
import { preparedOn } from './prepared.js';

/**
 * Ids reserved from sequences a block at a time, per write database, so a small write takes its ids
 * without a statement of its own: one statement tops up every sequence that runs short. Ids come out
 * rising, in the order they are taken. Sequences do not roll back, but a reservation is durable only
 * once its transaction commits, so a rollback must `dropIds` (its ids could be handed out again by
 * the sequence after a restart); so must anything that takes ids from a sequence by itself while a
 * caller relies on ids rising in commit order (a `DEFAULT nextval` insert gives ids above the pool).
 */
const pools = new WeakMap<Database, Map<string, number[]>>();

/**
 * `counts` ids from each sequence (name → how many), reserving `block` more beyond what a sequence
 * lacks when it runs short. Call inside the write's transaction, on the write connection.
 */
export async function takeIds(
  db: Database,
  counts: ReadonlyMap<string, number>,
  block: number,
): Promise<Map<string, number[]>> {
  let pooled = pools.get(db);
  if (!pooled) pools.set(db, (pooled = new Map<string, number[]>()));
  const short = [...counts]
    .map(([sequence, n]) => [sequence, n - (pooled.get(sequence)?.length ?? 0)] as const)
    .filter(([, lacking]) => lacking > 0);
  if (short.length > 0) {
    // One statement for every sequence that runs short (prepared once per combination).
    const sql = short
      .map(([sequence], n) => `SELECT ${n} AS s, nextval('${sequence}') AS id FROM range($${n + 1}::BIGINT)`)
      .join('\nUNION ALL\n');
    const statement = await preparedOn(connectionOf(db), sql);
    short.forEach(([, lacking], n) => statement.bindBigInt(n + 1, BigInt(lacking + block)));
    const [which, ids] = (await statement.runAndReadAll()).getColumnsJS() as [number[], (bigint | number)[]];
    const reserved = short.map((): number[] => []);
    for (let row = 0; row < ids.length; row++) reserved[Number(which[row])]!.push(Number(ids[row]));
    short.forEach(([sequence], n) => {
      const pool = pooled.get(sequence) ?? [];
      for (const id of reserved[n]!.sort((a, b) => a - b)) pool.push(id);
      pooled.set(sequence, pool);
    });
  }
  return new Map([...counts].map(([sequence, n]) => [sequence, pooled.get(sequence)?.splice(0, n) ?? []]));
}

/** Forgets the reserved ids of `sequence` (of every sequence when none is named). */
export function dropIds(db: Database, sequence?: string): void {
  if (sequence === undefined) pools.delete(db);
  else pools.get(db)?.delete(sequence);
}
