import type { Database } from './database.js';
import { num } from './rows.js';

/** Listens and users stored, over every user (the server's health and metrics). */
export async function countListensAndUsers(db: Database): Promise<{ listens: number; users: number }> {
  const [row] = await db.all(
    'SELECT (SELECT count(*) FROM listens) AS listens, (SELECT count(*) FROM users) AS users',
  );
  return row
    ? { listens: num(row.listens, 'listens'), users: num(row.users, 'users') }
    : { listens: 0, users: 0 };
}
