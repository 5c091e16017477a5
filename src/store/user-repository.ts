import { AppError } from '../domain/errors.js';
import { canonicalTimeZone } from '../stats/time-zone.js';
import { forgetUser } from './token-repository.js';
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

/** Letters, digits, . _ - (at most 64): names appear in URLs (/1/user/NAME/listens). */
export const USER_NAME = /^[\p{L}\p{N}._-]{1,64}$/u;

/** Adds a user; CONFLICT when the name is taken, INVALID_INPUT when it is not a name. */
export async function addUser(db: Database, name: string, role: User['role'] = 'user'): Promise<User> {
  if (!USER_NAME.test(name))
    throw new AppError(
      'INVALID_INPUT',
      `"${name}" is not a user name: use letters, digits, . _ - (at most 64)`,
    );
  return db.transaction(async () => {
    if (await findUserByName(db, name))
      throw new AppError(
        'CONFLICT',
        `The user ${name} exists already; a new token for it: \`listenhouse users token ${name}\`.`,
      );
    await db.run('INSERT INTO users (name, role) VALUES (?, ?)', [name, role]);
    return (await findUserByName(db, name))!;
  });
}

export interface UserChanges {
  privacy?: User['privacy'];
  timeZone?: string;
  role?: User['role'];
}

/** Changes a user's settings; the zone must be an IANA name (it is stored canonical). */
export async function updateUser(db: Database, user: User, changes: UserChanges): Promise<User> {
  const next = {
    privacy: changes.privacy ?? user.privacy,
    role: changes.role ?? user.role,
    timeZone: changes.timeZone === undefined ? user.timeZone : canonicalTimeZone(changes.timeZone),
  };
  await db.run('UPDATE users SET privacy = ?, role = ?, time_zone = ? WHERE id = ?', [
    next.privacy,
    next.role,
    next.timeZone,
    user.id,
  ]);
  // Requests answer a token's user from a short cache: a new role or privacy holds from the next one.
  forgetUser(db, user.id);
  return { ...user, ...next };
}
