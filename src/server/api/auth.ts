import type { FastifyRequest } from 'fastify';
import { canRead } from '../../domain/access.js';
import { AppError } from '../../domain/errors.js';
import type { User } from '../../domain/user.js';
import type { Store } from '../../store/index.js';
import { tokenOf } from '../token.js';

// The one token reader is server/token.ts; app.ts takes it from here.
export { tokenOf };

/**
 * Who a request acts as. Tokens come as `Authorization: Bearer <token>` (or `Token <token>`, as
 * ListenBrainz clients send it) or `?token=`. The local credential is the one the server writes
 * next to the database for the CLI on the same machine (see local-server.ts): it acts as an admin.
 */
export interface Caller {
  user: User;
  /** The request used the server's local credential (the CLI on this machine). */
  local: boolean;
}

export interface ApiAuth {
  /** The caller, or UNAUTHORIZED. */
  caller(request: FastifyRequest): Promise<Caller>;
  /** The caller when the request has a token (UNAUTHORIZED for a bad one), else null. */
  optionalCaller(request: FastifyRequest): Promise<Caller | null>;
  /** The caller, who must be an admin. */
  admin(request: FastifyRequest): Promise<Caller>;
  /**
   * Whose data a read is about: `name` when given (anyone may read a public profile; a private one
   * needs its own token or an admin's), else the caller.
   */
  readable(request: FastifyRequest, name: string | undefined): Promise<User>;
  /** Whose data a write changes: the caller, or `name` when the caller is an admin. */
  writable(request: FastifyRequest, name: string | undefined): Promise<User>;
}

export function createApiAuth(reads: Store, localToken: string | null): ApiAuth {
  async function localAdmin(): Promise<User> {
    const user = await reads.users.findFirstAdmin();
    if (!user) throw new AppError('FORBIDDEN', 'This database has no admin user.');
    return user;
  }

  async function optionalCaller(request: FastifyRequest): Promise<Caller | null> {
    const token = tokenOf(request);
    if (!token) return null;
    if (localToken !== null && token === localToken) return { user: await localAdmin(), local: true };
    const user = await reads.tokens.findUser(token);
    if (!user)
      throw new AppError(
        'UNAUTHORIZED',
        'The token is not valid (revoked or mistyped). `listenhouse users token NAME` issues a new one.',
      );
    return { user, local: false };
  }

  async function caller(request: FastifyRequest): Promise<Caller> {
    const found = await optionalCaller(request);
    if (!found)
      throw new AppError(
        'UNAUTHORIZED',
        'This needs a token: send "Authorization: Bearer <token>". `listenhouse users add NAME` prints one.',
      );
    return found;
  }

  async function named(name: string): Promise<User> {
    const user = await reads.users.findByName(name);
    if (!user) throw new AppError('NOT_FOUND', `No user named "${name}".`);
    return user;
  }

  return {
    caller,
    optionalCaller,
    async admin(request) {
      const c = await caller(request);
      if (c.user.role !== 'admin')
        throw new AppError('FORBIDDEN', `Only an admin may do this; ${c.user.name} is not one.`);
      return c;
    },
    async readable(request, name) {
      const c = await optionalCaller(request);
      if (name === undefined || (c && name === c.user.name)) {
        if (!c) return caller(request).then((x) => x.user);
        return c.user;
      }
      const user = await named(name);
      const access = canRead(c?.user ?? null, user);
      if (access.allowed) return user;
      switch (access.reason) {
        case 'private':
          throw new AppError(
            'UNAUTHORIZED',
            `${name}'s profile is private: send a token of ${name} or an admin.`,
          );
        case 'not-owner':
          throw new AppError(
            'FORBIDDEN',
            `${name}'s profile is private; your token is ${c?.user.name ?? 'another user'}'s.`,
          );
      }
    },
    async writable(request, name) {
      const c = await caller(request);
      if (name === undefined || name === c.user.name) return c.user;
      if (c.user.role !== 'admin')
        throw new AppError('FORBIDDEN', `Only ${name} or an admin may change ${name}'s data.`);
      return named(name);
    },
  };
}
