import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { PushRequest } from '../../live/index.js';
import type { ApiPlugin } from './context.js';
import { errors, UserName } from './schemas.js';

const Capabilities = z.object({
  poll: z.boolean(),
  push: z.boolean(),
  nowPlaying: z.boolean(),
  backfill: z.boolean(),
});

const Connection = z.object({
  id: z.number().int(),
  user: z.string(),
  kind: z.string(),
  title: z.string(),
  capabilities: Capabilities,
  settings: z
    .record(z.string(), z.unknown())
    .describe('the source settings (its URL, the remote user); no secrets'),
  credentials: z
    .array(z.string())
    .describe('the names of the credentials stored; their values are never returned'),
  status: z.enum(['new', 'ok', 'failing', 'push']),
  createdAt: z.string(),
  lastSuccess: z.string().nullable(),
  failingSince: z.string().nullable().describe('the first failure of the current run of failures'),
  lastError: z.string().nullable(),
  failures: z.number().int(),
  plays: z
    .number()
    .int()
    .describe('plays this connection handed to the write path (repeats are stored once)'),
  progress: z.string().nullable(),
  nextPollAt: z.string().nullable(),
});

const IdParams = z.object({ id: z.coerce.number().int().min(1) });

/**
 * /api/connections: live sources (docs/sources.md, "Live sources"). A user manages their own; an
 * admin anyone's. /api/hooks/<kind>/<secret>: players' webhooks, authenticated by the secret only.
 */
export const connectionsPlugin: ApiPlugin = (app, deps, done) => {
  const tags = ['connections'];
  const { live, auth } = deps;

  /** The caller, and the user id to filter by (none for an admin). */
  async function scope(request: Parameters<typeof auth.caller>[0]) {
    const { user } = await auth.caller(request);
    return { user, only: user.role === 'admin' ? undefined : user.id };
  }

  app.get(
    '/connections/kinds',
    {
      schema: {
        tags,
        summary: 'The live sources that can be connected, and what each can do',
        response: {
          200: z.object({
            kinds: z.array(z.object({ kind: z.string(), title: z.string(), capabilities: Capabilities })),
          }),
        },
      },
    },
    () => ({ kinds: live.kinds() }),
  );

  app.get(
    '/connections',
    {
      schema: {
        tags,
        summary: "The caller's connections (an admin's: everyone's) with their state",
        response: { 200: z.object({ connections: z.array(Connection) }), ...errors(401) },
      },
    },
    async (request) => {
      const { only } = await scope(request);
      return { connections: await live.list(only) };
    },
  );

  app.post(
    '/connections',
    {
      schema: {
        tags,
        summary: 'Connect a live source',
        description:
          'settings and credentials follow the source (docs/sources.md, "Live sources"). Credentials are stored encrypted ' +
          'and never returned. A push source answers with `hookPath`, its webhook address with its secret: shown only now.',
        body: z.object({
          kind: z.string(),
          user: UserName.optional().describe('whose connection (admins only; default: the caller)'),
          settings: z.record(z.string(), z.unknown()).default({}),
          credentials: z.record(z.string(), z.unknown()).default({}),
        }),
        response: {
          201: z.object({ connection: Connection, hookPath: z.string().optional() }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const owner = await auth.writable(request, request.body.user);
      const added = await live.add({
        userId: owner.id,
        kind: request.body.kind,
        settings: request.body.settings,
        credentials: request.body.credentials,
      });
      return reply.code(201).send(added);
    },
  );

  app.get(
    '/connections/:id',
    {
      schema: {
        tags,
        summary: 'One connection and its state',
        params: IdParams,
        response: { 200: Connection, ...errors(401, 404) },
      },
    },
    async (request) => live.get(request.params.id, (await scope(request)).only),
  );

  app.post(
    '/connections/:id/poll',
    {
      schema: {
        tags,
        summary: 'Poll the connection now (one page of a back-fill) and answer its state',
        params: IdParams,
        response: { 200: Connection, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const { only } = await scope(request);
      const row = await live.find(request.params.id, only);
      if ((await live.pollOnce(row.id)) === null)
        throw new AppError(
          'INVALID_INPUT',
          `Connection ${row.id} (${row.kind}) is not polled: its player pushes.`,
        );
      return live.get(row.id);
    },
  );

  app.delete(
    '/connections/:id',
    {
      schema: {
        tags,
        summary: 'Remove a connection (its listens stay)',
        params: IdParams,
        response: { 204: z.null(), ...errors(401, 404) },
      },
    },
    async (request, reply) => {
      await live.remove(request.params.id, (await scope(request)).only);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/hooks/:kind/:secret',
    {
      schema: {
        tags,
        summary: "A player's webhook (Plex, Jellyfin): the address the connection gave, with its secret",
        params: z.object({ kind: z.string(), secret: z.string() }),
        security: [],
        response: {
          200: z.object({ status: z.literal('ok'), plays: z.number().int(), note: z.string() }),
          ...errors(400, 404),
        },
      },
    },
    async (request) => {
      const contentType = String(request.headers['content-type'] ?? '');
      const push: PushRequest = { contentType, body: '', fields: {} };
      if (request.isMultipart()) {
        for await (const part of request.parts()) {
          if (part.type === 'field') push.fields[part.fieldname] = String(part.value);
          else await part.toBuffer();
        }
      } else if (typeof request.body === 'string') {
        push.body = request.body;
      } else if (request.body !== undefined) {
        push.body = JSON.stringify(request.body);
      }
      const answer = await live.push(request.params.kind, request.params.secret, push);
      return { status: 'ok' as const, ...answer };
    },
  );
  done();
};
