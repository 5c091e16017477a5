// Who a ListenBrainz request comes from, and whose data it may read. Tokens come as ListenBrainz
// takes them (`Authorization: Token <t>`, any first word) and, as some clients send them, as
// `?token=<t>`. Profiles are private unless the user made theirs public: a private one is readable
// with its own token or an admin's.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../store/database.js';
import { findUserByToken } from '../../store/token-repository.js';
import { toUser, type User, type UserRow } from '../../store/user-repository.js';

/** ListenBrainz's error body: `{code, error}` with the HTTP status as code (extra keys first, so they cannot override). */
export function lbError(
  reply: FastifyReply,
  code: number,
  error: string,
  extra: Record<string, unknown> = {},
) {
  return reply.code(code).send({ ...extra, code, error });
}

/** The token of `Authorization: <word> <token>`: ListenBrainz splits on the first space and ignores the word. */
function headerToken(request: FastifyRequest): { token?: string; error?: string } {
  const header = request.headers.authorization;
  if (header === undefined || header === '') return { error: 'You need to provide an Authorization header.' };
  const space = header.indexOf(' ');
  const token = space < 0 ? '' : header.slice(space + 1).trim();
  if (!token) return { error: 'Provided Authorization header is invalid.' };
  return { token };
}

function queryToken(request: FastifyRequest): string | undefined {
  const token = (request.query as { token?: unknown } | undefined)?.token;
  return typeof token === 'string' && token.trim() !== '' ? token.trim() : undefined;
}

/**
 * A user by the name in a URL. ListenBrainz looks names up case-insensitively; an exact match wins
 * when two listenhouse users differ only in case.
 */
export async function findUserByListenBrainzName(db: Database, name: string): Promise<User | null> {
  const rows = await db.all<UserRow>(
    `SELECT id, name, role, privacy, time_zone FROM users WHERE lower(name) = lower($name)
     ORDER BY name = $name DESC, id LIMIT 1`,
    { name },
  );
  return rows[0] ? toUser(rows[0]) : null;
}

/**
 * The one privacy rule of all three APIs: a public profile is readable by anyone, a private one
 * by its own user and by admins. `viewer` is the user behind the request's token, if any.
 */
export function canRead(viewer: User | null, owner: User): boolean {
  return owner.privacy === 'public' || viewer?.id === owner.id || viewer?.role === 'admin';
}

export class Access {
  constructor(private readonly reads: Database) {}

  /** The token's user; otherwise the 401 ListenBrainz sends is sent and null returned. */
  async authenticate(request: FastifyRequest, reply: FastifyReply): Promise<User | null> {
    const fromHeader = headerToken(request);
    const token = fromHeader.token ?? (request.headers.authorization ? undefined : queryToken(request));
    if (!token) {
      await lbError(reply, 401, fromHeader.error ?? 'Provided Authorization header is invalid.');
      return null;
    }
    const user = await findUserByToken(this.reads, token);
    if (!user) {
      await lbError(reply, 401, 'Invalid authorization token.');
      return null;
    }
    return user;
  }

  /** The user behind the request's token (header or ?token=), if any: never answers on its own. */
  async viewer(request: FastifyRequest): Promise<User | null> {
    const token = headerToken(request).token ?? queryToken(request);
    return token ? findUserByToken(this.reads, token) : null;
  }

  /**
   * The user named `name` when the request may read their data: 404 for an unknown name, 401
   * without a token and 403 with another user's for a private profile (then null is returned).
   */
  async readable(name: string, request: FastifyRequest, reply: FastifyReply): Promise<User | null> {
    const user = await findUserByListenBrainzName(this.reads, name);
    if (!user) {
      await lbError(reply, 404, `Cannot find user: ${name}`);
      return null;
    }
    // A public profile needs no token lookup.
    if (canRead(null, user)) return user;
    const viewer = await this.viewer(request);
    if (!canRead(viewer, user)) {
      await lbError(
        reply,
        viewer ? 403 : 401,
        viewer
          ? `The profile of ${user.name} is private: only ${user.name}'s own token can read it.`
          : `The profile of ${user.name} is private: send ${user.name}'s token (Authorization: Token …) to read it.`,
      );
      return null;
    }
    return user;
  }
}
