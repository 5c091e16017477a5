/** The admin page's checks before it asks the server (which checks again and has the last word). */

/** What the server accepts as a user name (src/server/api/schemas.ts, UserName). */
const NAME = /^[\p{L}\p{N}._-]+$/u;
export const MAX_NAME_LENGTH = 64;

/**
 * Why `name` cannot be a new user's name, or null when it can. `existing` is the list the page
 * shows; a name another admin added since is refused by the server (409) with its own message.
 */
export function newUserNameProblem(name: string, existing: readonly string[]): string | null {
  if (name === '') return 'Give the new user a name.';
  if ([...name].length > MAX_NAME_LENGTH)
    return `A user name has at most ${MAX_NAME_LENGTH} characters; this one has ${[...name].length}.`;
  if (!NAME.test(name)) {
    const bad = [...new Set([...name].filter((ch) => !NAME.test(ch)))]
      .map((ch) => (ch === ' ' ? 'spaces' : `“${ch}”`))
      .join(', ');
    return `A user name is letters, digits, dots, underscores and hyphens only (not ${bad}).`;
  }
  if (existing.includes(name)) return `There is already a user named ${name}.`;
  return null;
}

export interface UserRow {
  name: string;
  role: 'admin' | 'user';
  privacy: 'private' | 'public';
  timeZone: string;
}

/** Admins first, then by name in the browser's collation, so a long list reads like a directory. */
export function sortUsers(users: readonly UserRow[], locale?: string): UserRow[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  return [...users].sort(
    (a, b) => Number(b.role === 'admin') - Number(a.role === 'admin') || collator.compare(a.name, b.name),
  );
}

/** The one change a select on a row asks for, or null when it names what the user already has. */
export function changeOf(
  user: UserRow,
  field: 'role' | 'privacy',
  value: string,
): { role: 'admin' | 'user' } | { privacy: 'private' | 'public' } | null {
  if (field === 'role') {
    if (value !== 'admin' && value !== 'user') return null;
    return value === user.role ? null : { role: value };
  }
  if (value !== 'private' && value !== 'public') return null;
  return value === user.privacy ? null : { privacy: value };
}
