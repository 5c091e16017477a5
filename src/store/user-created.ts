import type { Database } from './database.js';
import { num } from './rows.js';

/** When the user was added, in epoch seconds (users.created_at is UTC: connections run in UTC). */
export async function findUserCreatedAt(db: Database, userId: number): Promise<number | null> {
  const rows = await db.all('SELECT epoch_ms(created_at) // 1000 AS at FROM users WHERE id = ?', [userId]);
  return rows[0] ? num(rows[0].at, 'at') : null;
}
