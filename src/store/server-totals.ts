import type { Database } from './database.js';

/** Listens and users stored, over every user (the server's health and metrics). */
export async function countListensAndUsers(db: Database): Promise<{ listens: number; users: number }> {
  const [row] = await db.all<{ listens: bigint; users: bigint }>(
    'SELECT (SELECT count(*) FROM listens) AS listens, (SELECT count(*) FROM users) AS users',
  );
  return { listens: Number(row?.listens ?? 0), users: Number(row?.users ?? 0) };
}
