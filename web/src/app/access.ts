/**
 * Who may change a profile in the dashboard (import into it, correct or delete its listens): its own
 * user, or an admin. The server decides (domain/access.ts); the pages use this to show or hide the
 * controls. Names compare ignoring case, as the server finds a user by the name in a URL.
 */
export function canChange(me: { name: string; role: string } | null, user: string): boolean {
  if (!me) return false;
  return me.role === 'admin' || me.name.toLowerCase() === user.toLowerCase();
}
