import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { checkScrobblePassword, generateScrobblePassword, md5Hex } from '../../domain/scrobble-password.js';
import type { ApiPlugin } from './context.js';
import { errors, User, UserName } from './schemas.js';

const TokenAnswer = z.object({
  user: z.string(),
  token: z.string().describe('shown only now; only its SHA-256 is stored'),
});

const Changes = z
  .object({
    privacy: z
      .enum(['private', 'public'])
      .optional()
      .describe('public: anyone may read listens and statistics'),
    timeZone: z.string().optional().describe('IANA zone: the default for local days and hours'),
    role: z.enum(['admin', 'user']).optional().describe('admins only'),
  })
  .refine((c) => Object.keys(c).length > 0, 'give at least one of privacy, timeZone, role');

const NameParams = z.object({ name: UserName });

/** /api/me and /api/users: accounts, settings and tokens. Listing and adding users is for admins. */
export const usersPlugin: ApiPlugin = (app, deps, done) => {
  const { store, auth } = deps;
  const tags = ['users'];

  async function target(request: Parameters<typeof auth.caller>[0], name: string) {
    const { user: caller } = await auth.caller(request);
    if (caller.name !== name && caller.role !== 'admin')
      throw new AppError('FORBIDDEN', `Only ${name} or an admin may do this.`);
    const user = await deps.reads.users.findByName(name);
    if (!user) throw new AppError('NOT_FOUND', `No user named "${name}".`);
    return { caller, user };
  }

  app.get(
    '/me',
    { schema: { tags, summary: "The token's user", response: { 200: User, ...errors(401) } } },
    async (request) => {
      const { user } = await auth.caller(request);
      return { name: user.name, role: user.role, privacy: user.privacy, timeZone: user.timeZone };
    },
  );

  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'Every user (admins)',
        response: { 200: z.object({ users: z.array(User) }), ...errors(401, 403) },
      },
    },
    async (request) => {
      await auth.admin(request);
      const users = await deps.reads.users.list();
      return { users: users.map(({ name, role, privacy, timeZone }) => ({ name, role, privacy, timeZone })) };
    },
  );

  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Add a user and issue its first token (admins)',
        body: z.object({ name: UserName, admin: z.boolean().default(false) }),
        response: { 201: TokenAnswer, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      await auth.admin(request);
      const token = await store.transaction(async () => {
        const user = await store.users.add(request.body.name, request.body.admin ? 'admin' : 'user');
        return store.tokens.create(user.id);
      });
      return reply.code(201).send({ user: request.body.name, token });
    },
  );

  app.patch(
    '/users/:name',
    {
      schema: {
        tags,
        summary: "Change a user's privacy, time zone or role (the user, or an admin; role: admins only)",
        params: NameParams,
        body: Changes,
        response: { 200: User, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { caller, user } = await target(request, request.params.name);
      if (request.body.role !== undefined && caller.role !== 'admin')
        throw new AppError('FORBIDDEN', 'Only an admin may change a role.');
      const changed = await store.users.update(user, request.body);
      return { name: changed.name, role: changed.role, privacy: changed.privacy, timeZone: changed.timeZone };
    },
  );

  app.post(
    '/users/:name/token',
    {
      schema: {
        tags,
        summary: "Revoke the user's tokens and issue a new one (the user, or an admin)",
        params: NameParams,
        response: { 200: TokenAnswer, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const { user } = await target(request, request.params.name);
      return { user: user.name, token: await store.tokens.rotate(user.id) };
    },
  );

  app.post(
    '/users/:name/scrobble-password',
    {
      schema: {
        tags,
        summary: "Set the user's scrobbling password for Last.fm clients (the user, or an admin)",
        description:
          'Last.fm clients (pylast, the npm `lastfm` package, …) sign in with `auth.getMobileSession`, often as ' +
          '`authToken = md5(username + md5(password))`: this sets the password they use. Without `password` one is ' +
          'generated and returned (shown only now). Stored encrypted with the credentials key, never in clear.',
        params: NameParams,
        body: z
          .object({ password: z.string().optional().describe('8 to 200 characters; left out: generated') })
          .default({}),
        response: {
          200: z.object({
            user: z.string(),
            generated: z.boolean(),
            password: z.string().optional().describe('the generated password, shown only now'),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const { user } = await target(request, request.params.name);
      const chosen = request.body.password;
      const password = chosen === undefined ? generateScrobblePassword() : checkScrobblePassword(chosen);
      await store.scrobblePasswords.set(user.id, deps.credentials().seal(md5Hex(password)), deps.now());
      return chosen === undefined
        ? { user: user.name, generated: true, password }
        : { user: user.name, generated: false };
    },
  );
  done();
};
