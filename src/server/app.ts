import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { isAppError, type ErrorCode } from '../domain/errors.js';
import { ListenSubmitter } from '../ingest/submit-service.js';
import type { Database } from '../store/database.js';
import { registerLastfmRoutes } from './lastfm/routes.js';
import { registerListenBrainzRoutes } from './listenbrainz/routes.js';
import { MAX_PAYLOAD_BYTES } from './listenbrainz/validate-submission.js';

/** The one table from error codes to HTTP statuses (the CLI maps the same codes to exit codes). */
const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNREADABLE_INPUT: 400,
  UNKNOWN_FORMAT: 400,
  NOT_FOUND: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  DATABASE_LOCKED: 503,
  RATE_LIMITED: 429,
  UPSTREAM_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export interface AppOptions {
  db: Database;
  /** Pinned by tests; epoch ms. */
  now?: () => number;
  logger?: boolean;
  /** Requests per 10-second window, per token (or per address without one). */
  rateLimit?: number;
}

const RATE_WINDOW_MS = 10_000;
const DEFAULT_RATE_LIMIT = 600;
const RATE_HEADERS = [
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'X-RateLimit-Reset-In',
];

export interface App {
  app: FastifyInstance;
  submitter: ListenSubmitter;
}

/** Builds the HTTP application without listening, so tests drive it with `app.inject()`. */
export function buildApp(options: AppOptions): App {
  const app = Fastify({
    logger: options.logger ?? false,
    // Leave room above ListenBrainz's own limit so clients get its message, not a bare 413.
    bodyLimit: MAX_PAYLOAD_BYTES + 1_000_000,
  });
  // Real clients send JSON with no Content-Type, or a wrong one: every body is read as text and the
  // route parses it with ListenBrainz's own rules.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: Error & { statusCode?: number; error?: string }, request, reply) => {
    const status = isAppError(error) ? HTTP_STATUS[error.code] : (error.statusCode ?? 500);
    const message =
      status >= 500 && !isAppError(error)
        ? 'An unknown error occured.'
        : error.message || error.error || 'Error';
    if (status >= 500) request.log.error(error);
    void reply.code(status).send({ code: status, error: message });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ code: 404, error: `Not found: ${request.method} ${request.url}` });
  });

  // CORS as ListenBrainz sends it: any origin, the auth header, a six-hour preflight cache.
  void app.register(cors, {
    origin: '*',
    allowedHeaders: ['Authorization', 'Content-Type'],
    exposedHeaders: RATE_HEADERS,
    maxAge: 21600,
  });
  // Fixed windows per token (per address without one), with ListenBrainz's X-RateLimit-* headers.
  void app.register(rateLimit, {
    max: options.rateLimit ?? DEFAULT_RATE_LIMIT,
    timeWindow: RATE_WINDOW_MS,
    keyGenerator: (request) => request.headers.authorization ?? request.ip,
    addHeaders: {
      'x-ratelimit-limit': true,
      'x-ratelimit-remaining': true,
      'x-ratelimit-reset': true,
      'retry-after': true,
    },
    addHeadersOnExceeding: {
      'x-ratelimit-limit': true,
      'x-ratelimit-remaining': true,
      'x-ratelimit-reset': true,
    },
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 429,
      error: `You have exceeded your rate limit. See the X-RateLimit-* response headers; try again in ${Math.ceil(context.ttl / 1000)} s.`,
    }),
  });
  // ListenBrainz clients read X-RateLimit-Reset-In (seconds) and X-RateLimit-Reset (an epoch).
  app.addHook('onSend', async (_request, reply, payload) => {
    const resetIn = reply.getHeader('x-ratelimit-reset');
    if (resetIn !== undefined) {
      const seconds = Number(resetIn);
      reply.header('X-RateLimit-Reset-In', seconds);
      reply.header('X-RateLimit-Reset', Math.floor(Date.now() / 1000) + seconds);
    }
    return payload;
  });

  const submitter = new ListenSubmitter(options.db);
  const now = options.now ?? (() => Date.now());
  // Routes live in a plugin registered after CORS and the rate limiter, so both apply to every route.
  void app.register((app, _opts, done) => {
    app.get('/health', () => ({ status: 'ok' }));
    registerListenBrainzRoutes(app, { db: options.db, submitter, now });
    registerLastfmRoutes(app, { db: options.db, submitter, now });
    done();
  });
  app.addHook('onClose', async () => {
    await submitter.drain();
  });
  return { app, submitter };
}
