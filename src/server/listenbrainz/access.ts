// Who a ListenBrainz request comes from, and whose data it may read. Tokens come as ListenBrainz
// takes them (`Authorization: Token <t>`, any first word) and, as some clients send them, as
// `?token=<t>` (server/token.ts). Profiles are private unless the user made theirs public: a private
// one is readable with its own token or an admin's (domain/access.ts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canRead } from '../../domain/access.js';
import type { User } from '../../domain/user.js';
import type { Store } from '../../store/index.js';
import { headerToken, queryToken, tokenOf } from '../token.js';

/** ListenBrainz's error body: `{code, error}` with the HTTP status as code (extra keys first, so they cannot override). */
export function lbError(
  reply: FastifyReply,
  code: number,
  error: string,
  extra: Record<string, unknown> = {},
) {
  return reply.code(code).send({ ...extra, code, error });
}

export class Access {
  constructor(private readonly reads: Store) {}

  /** The token's user; otherwise the 401 ListenBrainz sends is sent and null returned. */
  async authenticate(request: FastifyRequest, reply: FastifyReply): Promise<User | null> {
    const header = headerToken(request);
    // A header, even a bad one, is what the client meant: ?token= counts only without one.
    const token =
      header.kind === 'token' ? header.token : header.kind === 'absent' ? queryToken(request) : null;
    if (!token) {
      await lbError(
        reply,
        401,
        header.kind === 'absent'
          ? 'You need to provide an Authorization header.'
          : 'Provided Authorization header is invalid.',
      );
      return null;
    }
    const user = await this.reads.tokens.findUser(token);
    if (!user) {
      await lbError(reply, 401, 'Invalid authorization token.');
      return null;
    }
    return user;
  }

  /** The user behind the request's token (header or ?token=), if any: never answers on its own. */
  async viewer(request: FastifyRequest): Promise<User | null> {
    const token = tokenOf(request);
    return token ? this.reads.tokens.findUser(token) : null;
  }

  /**
   * The user named `name` when the request may read their data: 404 for an unknown name, 401
   * without a token and 403 with another user's for a private profile (then null is returned).
   */
  async readable(name: string, request: FastifyRequest, reply: FastifyReply): Promise<User | null> {
    // ListenBrainz looks names up case-insensitively.
    const user = await this.reads.users.findByNameIgnoringCase(name);
    if (!user) {
      await lbError(reply, 404, `Cannot find user: ${name}`);
      return null;
    }
    // A public profile needs no token lookup.
    if (canRead(null, user).allowed) return user;
    const access = canRead(await this.viewer(request), user);
    if (access.allowed) return user;
    switch (access.reason) {
      case 'not-owner':
        await lbError(
          reply,
          403,
          `The profile of ${user.name} is private: only ${user.name}'s own token can read it.`,
        );
        return null;
      case 'private':
        await lbError(
          reply,
          401,
          `The profile of ${user.name} is private: send ${user.name}'s token (Authorization: Token …) to read it.`,
        );
        return null;
    }
  }
}
