/** A listenhouse user, and the rule for their name. */
import { AppError } from './errors.js';

export interface User {
  id: number;
  name: string;
  role: 'admin' | 'user';
  privacy: 'private' | 'public';
  timeZone: string;
}

/** Letters, digits, . _ - (at most 64): names appear in URLs (/1/user/NAME/listens). */
export const USER_NAME = /^[\p{L}\p{N}._-]{1,64}$/u;

/** Throws INVALID_INPUT, saying what a name may hold, for a name USER_NAME refuses. */
export function checkUserName(name: string): void {
  if (!USER_NAME.test(name))
    throw new AppError(
      'INVALID_INPUT',
      `"${name}" is not a user name: use letters, digits, . _ - (at most 64)`,
    );
}
