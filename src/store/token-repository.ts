import { createHash, randomUUID } from 'node:crypto';
import type { Database } from './database.js';
import type { User } from '../domain/user.js';
import { toUser } from './user-row.js';

/** Tokens are UUIDs like ListenBrainz's; only their SHA-256 is stored. */
function hashToken(token: string): string {
  return createHash('sha256').update(token.trim()).digest('hex');
}

/**
 * How long a token's user is answered from memory. Every API request authenticates, and a lookup in
 * DuckDB costs milliseconds under load; a player submitting every few minutes still looks up once,
 * a busy client once per window. Rotating a user's tokens clears them at once, so this only bounds
 * how long a change to the user's own row (role, privacy, time zone) takes to show.
 */
const CACHE_MS = 5_000;
const MAX_CACHED = 10_000;

interface Cached {
  user: User;
  expires: number;
}

interface TokenCache {
  entries: Map<string, Cached>;
  /** Lookups under way: concurrent requests with the same token share one query. */
  inFlight: Map<string, Promise<User | null>>;
  /** Bumped by every revocation, so a lookup that started before one does not cache what it read. */
  generation: number;
}

/**
 * One cache per open database, keyed by its reader (the same object from the writer and the reader,
 * see `Database.reader`). Only tokens that were found are kept, so unknown ones cannot fill it.
 */
const caches = new WeakMap<Database, TokenCache>();

function cacheOf(db: Database): TokenCache {
  const key = db.reader();
  let cache = caches.get(key);
  if (!cache) {
    cache = { entries: new Map(), inFlight: new Map(), generation: 0 };
    caches.set(key, cache);
  }
  return cache;
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
  const token = await db.transaction(async () => {
    await db.run(
      'UPDATE tokens SET revoked_at = current_localtimestamp() WHERE user_id = ? AND revoked_at IS NULL',
      [userId],
    );
    return createToken(db, userId);
  });
  forgetUser(db, userId);
  return token;
}

/** The user a live token belongs to, or null; answered from memory for a few seconds after a lookup. */
export async function findUserByToken(db: Database, token: string): Promise<User | null> {
  const hash = hashToken(token);
  const cache = cacheOf(db);
  const hit = cache.entries.get(hash);
  if (hit && hit.expires > Date.now()) return hit.user;
  const running = cache.inFlight.get(hash);
  if (running) return running;
  const lookup = lookUpToken(db, cache, hash).finally(() => {
    if (cache.inFlight.get(hash) === lookup) cache.inFlight.delete(hash);
  });
  cache.inFlight.set(hash, lookup);
  return lookup;
}

async function lookUpToken(db: Database, cache: TokenCache, hash: string): Promise<User | null> {
  const generation = cache.generation;
  const rows = await db.all(
    `SELECT u.id, u.name, u.role, u.privacy, u.time_zone FROM tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = ? AND t.revoked_at IS NULL`,
    [hash],
  );
  if (!rows[0]) {
    cache.entries.delete(hash);
    return null;
  }
  const user = toUser(rows[0]);
  if (generation === cache.generation) {
    if (cache.entries.size >= MAX_CACHED) cache.entries.clear();
    cache.entries.set(hash, { user, expires: Date.now() + CACHE_MS });
  }
  return user;
}

/** Drops the cached tokens of a user whose tokens were revoked or whose settings (role, privacy) changed. */
export function forgetUser(db: Database, userId: number): void {
  const cache = cacheOf(db);
  cache.generation++;
  cache.inFlight.clear();
  for (const [hash, entry] of cache.entries) if (entry.user.id === userId) cache.entries.delete(hash);
}
