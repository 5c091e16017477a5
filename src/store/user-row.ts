/** Rows of the users table as the domain's User (shared by the user and token repositories). */
import type { User } from '../domain/user.js';
import { num, str, type Row } from './rows.js';

/** The users columns a User is read from, in this order. */
export const USER_COLUMNS = 'id, name, role, privacy, time_zone';

export function toUser(row: Row): User {
  return {
    id: num(row.id, 'id'),
    name: str(row.name, 'name'),
    role: row.role === 'admin' ? 'admin' : 'user',
    privacy: row.privacy === 'public' ? 'public' : 'private',
    timeZone: str(row.time_zone, 'time_zone'),
  };
}
