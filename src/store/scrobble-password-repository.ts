import type { Database } from './database.js';

/** Sets (or replaces) the user's sealed md5(password). `at`: epoch ms. */
export async function setScrobblePassword(
  db: Database,
  userId: number,
  sealedMd5: string,
  at: number,
): Promise<void> {
  await db.run(
    `INSERT INTO scrobble_passwords (user_id, sealed_md5, set_at) VALUES (?, ?, make_timestamp(?::BIGINT * 1000))
     ON CONFLICT (user_id) DO UPDATE SET sealed_md5 = excluded.sealed_md5, set_at = excluded.set_at`,
    [userId, sealedMd5, Math.round(at)],
  );
}

/** The user's sealed md5(password); null when none was set. */
export async function findScrobblePassword(db: Database, userId: number): Promise<string | null> {
  const rows = await db.all<{ sealed_md5: string }>(
    'SELECT sealed_md5 FROM scrobble_passwords WHERE user_id = ?',
    [userId],
  );
  return rows[0]?.sealed_md5 ?? null;
}
