import type { Database } from './database.js';

export interface User {
  id: number;
  name: string;
  role: 'admin' | 'user';
  privacy: 'private' | 'public';
  timeZone: string;
}

export interface UserRow {
  id: number;
  name: string;
  role: string;
  privacy: string;
  time_zone: string;
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    role: row.role === 'admin' ? 'admin' : 'user',
    privacy: row.privacy === 'public' ? 'public' : 'private',
    timeZone: row.time_zone,
  };
}

export async function findUserByName(db: Database, name: string): Promise<User | null> {
  const rows = await db.all<UserRow>('SELECT id, name, role, privacy, time_zone FROM users WHERE name = ?', [
    name,
  ]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function listUsers(db: Database): Promise<User[]> {
  const rows = await db.all<UserRow>('SELECT id, name, role, privacy, time_zone FROM users ORDER BY id');
  return rows.map(toUser);
}

/** Returns the user, creating it (role 'user', private) when it does not exist yet. */
export async function ensureUser(db: Database, name: string): Promise<{ user: User; created: boolean }> {
  const existing = await findUserByName(db, name);
  if (existing) return { user: existing, created: false };
  await db.run('INSERT INTO users (name) VALUES (?) ON CONFLICT DO NOTHING', [name]);
  const user = await findUserByName(db, name);
  if (!user) throw new Error(`user ${name} could not be created`);
  return { user, created: true };
}
