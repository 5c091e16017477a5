/**
 * The one privacy rule of all three APIs (REST, ListenBrainz, Last.fm): a public profile is readable
 * by anyone, a private one by its own user and by admins. Each API says why not in its own error shape.
 */
import type { User } from './user.js';

export type ReadAccess =
  | { allowed: true }
  /** `private`: a private profile and no viewer (a token would be needed); `not-owner`: the viewer is someone else. */
  | { allowed: false; reason: 'private' | 'not-owner' };

/** Whether `viewer` (the user behind the request's token, if any) may read `owner`'s data. */
export function canRead(
  viewer: Pick<User, 'id' | 'role'> | null,
  owner: Pick<User, 'id' | 'privacy'>,
): ReadAccess {
  if (owner.privacy === 'public' || viewer?.id === owner.id || viewer?.role === 'admin')
    return { allowed: true };
  return { allowed: false, reason: viewer ? 'not-owner' : 'private' };
}
