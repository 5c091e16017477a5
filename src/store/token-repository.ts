import { createHash, randomUUID } from 'node:crypto';
import type { Database } from './database.js';
import { toUser, type User, type UserRow } from './user-repository.js';

/** Tokens are UUIDs like ListenBrainz's; only their SHA-256 is stored. */
function hashToken(token: string): string {
  return createHash('sha256').update(token.trim()).digest('hex');
}

/** Creates a token for the user and returns it: the only time it is ever visible. */
export async function createToken(db: Database, userId: number, label?: string): Promise<string> {
  const token = randomUUID();
  await db.run('INSERT INTO tokens (user_id, token_hash, label) VALUES (?, ?, ?)', [
    userId,
    hashToken(token),
    label ?? null,
  ]);
  return token;
}

/** Revokes every live token of the user and issues a new one. */
export async function rotateToken(db: Database, userId: number): Promise<string> {
  return db.transaction(async () => {
    await db.run(
      'UPDATE tokens SET revoked_at = current_localtimestamp() WHERE user_id = ? AND revoked_at IS NULL',
      [userId],
    );
    return createToken(db, userId);
  });
}

export async function findUserByToken(db: Database, token: string): Promise<User | null> {
  const rows = await db.all<UserRow>(
    `SELECT u.id, u.name, u.role, u.privacy, u.time_zone FROM tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = ? AND t.revoked_at IS NULL`,
    [hashToken(token)],
  );
  return rows[0] ? toUser(rows[0]) : null;
}
