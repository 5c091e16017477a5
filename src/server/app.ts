import Fastify, { type FastifyInstance } from 'fastify';
import { isAppError, type ErrorCode } from '../domain/errors.js';
import { ListenSubmitter } from '../ingest/submit-service.js';
import type { Database } from '../store/database.js';
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
}

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

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = isAppError(error) ? HTTP_STATUS[error.code] : (error.statusCode ?? 500);
    const message = status >= 500 && !isAppError(error) ? 'An unknown error occured.' : error.message;
    if (status >= 500) request.log.error(error);
    void reply.code(status).send({ code: status, error: message });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ code: 404, error: `Not found: ${request.method} ${request.url}` });
  });

  const submitter = new ListenSubmitter(options.db);
  const now = options.now ?? (() => Date.now());
  app.get('/health', () => ({ status: 'ok' }));
  registerListenBrainzRoutes(app, { db: options.db, submitter, now });
  app.addHook('onClose', async () => {
    await submitter.drain();
  });
  return { app, submitter };
}
