import type { Database } from './database.js';

/** The newest listen the user's imports from `service` have reached, UTC epoch seconds; 0 if none. */
export async function getLatestImport(db: Database, userId: number, service: string): Promise<number> {
  const rows = await db.all<{ s: bigint }>(
    'SELECT epoch(latest_import)::BIGINT AS s FROM latest_imports WHERE user_id = ? AND service = ?',
    [userId, service],
  );
  return rows[0] ? Number(rows[0].s) : 0;
}

/**
 * Moves the user's latest import for `service` forward to `epochSeconds` (UTC); an earlier or equal
 * value changes nothing. Returns the value now stored.
 */
export async function advanceLatestImport(
  db: Database,
  update: { userId: number; service: string; epochSeconds: number },
): Promise<number> {
  return db.transaction(async () => {
    await db.run(
      `INSERT INTO latest_imports (user_id, service, latest_import) VALUES ($user, $service, to_timestamp($s)::TIMESTAMP)
       ON CONFLICT (user_id, service) DO UPDATE
         SET latest_import = excluded.latest_import, updated_at = current_localtimestamp()
         WHERE excluded.latest_import > latest_imports.latest_import`,
      { user: update.userId, service: update.service, s: update.epochSeconds },
    );
    return getLatestImport(db, update.userId, update.service);
  });
}
