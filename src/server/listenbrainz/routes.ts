import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ListenSubmitter } from '../../ingest/submit-service.js';
import type { Database } from '../../store/database.js';
import { findUserByToken } from '../../store/token-repository.js';
import { findUserByName, type User } from '../../store/user-repository.js';
import { listenBounds, listListens } from './listen-queries.js';
import { registerListenBrainzStatsRoutes } from './stats-routes.js';
import { validateSubmission } from './validate-submission.js';

const MAX_ITEMS_PER_GET = 1000;
const DEFAULT_ITEMS_PER_GET = 25;
const PLAYING_NOW_MAX_S = 600;

export interface ListenBrainzDeps {
  db: Database;
  submitter: ListenSubmitter;
  now: () => number;
}

/** ListenBrainz's error body: `{code, error}` with the HTTP status as code. */
function lbError(reply: FastifyReply, code: number, error: string, extra: Record<string, unknown> = {}) {
  return reply.code(code).send({ code, error, ...extra });
}

/** The token of `Authorization: Token <t>` (any first word, as ListenBrainz splits on the first space). */
function headerToken(request: FastifyRequest): { token?: string; error?: string } {
  const header = request.headers.authorization;
  if (header === undefined) return { error: 'You need to provide an Authorization header.' };
  const space = header.indexOf(' ');
  const token = space < 0 ? '' : header.slice(space + 1).trim();
  if (!token) return { error: 'Provided Authorization header is invalid.' };
  return { token };
}

interface PlayingNow {
  listen: Record<string, unknown>;
  expires: number;
}

/** ListenBrainz API v1 at the root path (`/1/...`): clients drop any path prefix from the base URL. */
export function registerListenBrainzRoutes(app: FastifyInstance, deps: ListenBrainzDeps): void {
  const { db, submitter } = deps;
  // Reads use their own connection: they never wait behind, or see into, a write in progress.
  const reads = db.reader();
  const playingNow = new Map<number, PlayingNow>();

  async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<User | null> {
    const { token, error } = headerToken(request);
    if (error || !token) {
      await lbError(reply, 401, error ?? 'Provided Authorization header is invalid.');
      return null;
    }
    const user = await findUserByToken(reads, token);
    if (!user) {
      await lbError(reply, 401, 'Invalid authorization token.');
      return null;
    }
    return user;
  }

  /** A public profile is readable by anyone; a private one only with its own (or an admin's) token. */
  async function readableUser(request: FastifyRequest<{ Params: { user: string } }>, reply: FastifyReply) {
    const user = await findUserByName(reads, request.params.user);
    if (!user) {
      await lbError(reply, 404, `Cannot find user: ${request.params.user}`);
      return null;
    }
    if (user.privacy === 'public') return user;
    const { token } = headerToken(request);
    const query = request.query as { token?: string };
    const viewer = await findUserByToken(reads, token ?? query.token ?? '');
    if (!viewer || (viewer.id !== user.id && viewer.role !== 'admin')) {
      await lbError(reply, viewer ? 403 : 401, `The listens of ${user.name} are private.`);
      return null;
    }
    return user;
  }

  registerListenBrainzStatsRoutes(app, { db: reads, now: deps.now, canRead: readableUser });

  app.get('/1/validate-token', async (request, reply) => {
    const query = request.query as { token?: string };
    const header = request.headers.authorization;
    const match = header ? /^token\s+(.+)$/i.exec(header.trim()) : null;
    const token = match?.[1] ?? query.token;
    if (!token) return lbError(reply, 400, 'You need to provide an Authorization token.');
    const user = await findUserByToken(reads, token);
    return user
      ? { code: 200, message: 'Token valid.', valid: true, user_name: user.name }
      : { code: 200, message: 'Token invalid.', valid: false };
  });

  app.post('/1/submit-listens', async (request, reply) => {
    const user = await authenticate(request, reply);
    if (!user) return reply;
    const body = typeof request.body === 'string' ? request.body : '';
    const now = deps.now();
    const checked = validateSubmission(body, now);
    if (!checked.ok) return lbError(reply, checked.status, checked.error, checked.listen ?? {});
    if (checked.listenType === 'playing_now') {
      const item = checked.listens[0]!;
      const seconds = item.draft.durationMs ? item.draft.durationMs / 1000 : PLAYING_NOW_MAX_S;
      playingNow.set(user.id, {
        listen: JSON.parse(item.raw) as Record<string, unknown>,
        expires: now + seconds * 1000,
      });
      return { status: 'ok' };
    }
    // A 200 means committed: the submitter resolves after the transaction.
    const outcome = await submitter.submit({
      userId: user.id,
      listens: checked.listens,
      source: 'listenbrainz',
      format: 'listenbrainz-api',
      now,
      futureToleranceMs: 3_600_000,
    });
    if (outcome.rejected.length > 0) {
      return lbError(reply, 400, outcome.rejected[0]!.message);
    }
    return { status: 'ok' };
  });

  app.get<{ Params: { user: string }; Querystring: { min_ts?: string; max_ts?: string; count?: string } }>(
    '/1/user/:user/listens',
    async (request, reply) => {
      const user = await readableUser(request, reply);
      if (!user) return reply;
      const parse = (name: 'min_ts' | 'max_ts') => {
        const raw = request.query[name];
        if (raw === undefined) return { value: undefined };
        return /^\d+$/.test(raw)
          ? { value: Number(raw) }
          : { error: `Incorrect ${name} timestamp argument: ${raw}` };
      };
      const min = parse('min_ts');
      const max = parse('max_ts');
      if (min.error || max.error) return lbError(reply, 400, (min.error ?? max.error)!);
      if (min.value !== undefined && max.value !== undefined && max.value <= min.value) {
        return lbError(reply, 400, 'max_ts should be greater than min_ts');
      }
      const countRaw = request.query.count ?? String(DEFAULT_ITEMS_PER_GET);
      if (!/^-?\d+$/.test(countRaw) || Number(countRaw) < 0) {
        return lbError(reply, 400, `Number of items requested should be a positive integer: ${countRaw}`);
      }
      const count = Math.min(Number(countRaw), MAX_ITEMS_PER_GET);
      const listens = await listListens(reads, {
        userId: user.id,
        userName: user.name,
        ...(min.value !== undefined ? { minTs: min.value } : {}),
        ...(max.value !== undefined ? { maxTs: max.value } : {}),
        count,
      });
      const bounds = await listenBounds(reads, user.id);
      return {
        payload: {
          count: listens.length,
          user_id: user.name,
          latest_listen_ts: bounds.latest,
          oldest_listen_ts: bounds.oldest,
          listens,
        },
      };
    },
  );

  app.get<{ Params: { user: string } }>('/1/user/:user/listen-count', async (request, reply) => {
    const user = await readableUser(request, reply);
    if (!user) return reply;
    return { payload: { count: (await listenBounds(reads, user.id)).count } };
  });

  app.get<{ Params: { user: string } }>('/1/user/:user/playing-now', async (request, reply) => {
    const user = await readableUser(request, reply);
    if (!user) return reply;
    const entry = playingNow.get(user.id);
    const live = entry && entry.expires > deps.now() ? entry : null;
    return {
      payload: {
        count: live ? 1 : 0,
        user_id: user.name,
        playing_now: true,
        listens: live ? [{ ...live.listen, user_name: user.name, playing_now: true }] : [],
      },
    };
  });
}
