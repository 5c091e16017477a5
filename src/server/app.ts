import { readFileSync } from 'node:fs';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { isAppError, type ErrorCode } from '../domain/errors.js';
import type { Config } from '../config/index.js';
import type { ListenSubmitter } from '../ingest/submit-service.js';
import type { ImportJobs } from '../jobs/import-jobs.js';
import type { Database } from '../store/database.js';
import { markInterruptedRuns } from '../store/import-run-repository.js';
import { tokenOf, type ApiAuth } from './api/auth.js';
import type { Metrics } from './api/context.js';
import { registerApi } from './api/index.js';
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

/**
 * What the server needs from the composition root (src/services: createServices or servicesOn):
 * the server builds none of these itself, so a Kafka consumer or a scheduler in the same process
 * shares the same writer, submitter and job queue.
 */
export interface AppServices {
  readonly config: Pick<Config, 'server' | 'lastfm'>;
  readonly clock: { now(): number };
  readonly db: Database;
  readonly reads: Database;
  readonly submitter: ListenSubmitter;
  readonly jobs: ImportJobs;
  readonly auth: ApiAuth;
}

export interface AppOptions {
  services: AppServices;
  logger?: boolean;
}

export const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const RATE_WINDOW_MS = 10_000;
const RATE_HEADERS = [
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'X-RateLimit-Reset-In',
];

export interface App {
  app: FastifyInstance;
  submitter: ListenSubmitter;
  jobs: ImportJobs;
  /**
   * Runs left 'running' by a killed process are marked interrupted: call once before listening
   * (nothing else imports into this database while the server holds it).
   */
  prepare: () => Promise<void>;
}

type RouteError = Error & {
  statusCode?: number;
  error?: string;
  validation?: { instancePath?: string; message?: string }[];
  validationContext?: string;
};

const PLACES: Record<string, string> = {
  querystring: 'query parameter',
  params: 'path parameter',
  body: 'body field',
  headers: 'header',
};

/** A schema failure names the field and where it was: "query parameter limit: Too small: …". */
function validationMessage(error: RouteError): string | null {
  if (!Array.isArray(error.validation) || error.validation.length === 0) return null;
  const place = PLACES[error.validationContext ?? ''] ?? error.validationContext ?? 'request';
  return error.validation
    .map((v) => {
      const field = (v.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
      return field
        ? `${place} ${field}: ${v.message}`
        : `${place === 'body field' ? 'body' : place}: ${v.message}`;
    })
    .join('; ');
}

/**
 * Clients configured with a base URL that has a path (`http://host/apis/listenbrainz/`) and keep it
 * send `/apis/listenbrainz/1/submit-listens`: any prefix before `/1/` or `/2.0/` is dropped.
 */
export function withoutPrefix(url: string): string {
  if (
    /^\/(1|2\.0|api|docs)(\/|\?|$)/.test(url) ||
    url.startsWith('/openapi.json') ||
    url.startsWith('/health')
  )
    return url;
  const match = /^\/[^?]*?(\/(?:1|2\.0)(?:\/|\?|$).*)$/.exec(url);
  return match ? match[1]! : url;
}

/** Builds the HTTP application without listening, so tests drive it with `app.inject()`. */
export function buildApp(options: AppOptions): App {
  const app = Fastify({
    logger: options.logger ?? false,
    rewriteUrl: (request) => withoutPrefix(request.url ?? '/'),
    // Leave room above ListenBrainz's own limit so clients get its message, not a bare 413.
    bodyLimit: MAX_PAYLOAD_BYTES + 1_000_000,
  });
  // Real clients send JSON with no Content-Type, or a wrong one: every body is read as text and the
  // route parses it with ListenBrainz's own rules.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: RouteError, request, reply) => {
    const status = isAppError(error) ? HTTP_STATUS[error.code] : (error.statusCode ?? 500);
    const message =
      status >= 500 && !isAppError(error)
        ? 'An unknown error occured.'
        : validationMessage(error) || error.message || error.error || 'Error';
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
    max: options.services.config.server.rateLimit,
    timeWindow: RATE_WINDOW_MS,
    keyGenerator: (request) => {
      const token = tokenOf(request);
      return token ? `token:${token}` : `ip:${request.ip}`;
    },
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

  const metrics: Metrics = { requests: new Map() };
  app.addHook('onResponse', async (request, reply) => {
    const path = request.url;
    const api = path.startsWith('/api/')
      ? 'rest'
      : path.startsWith('/1/')
        ? 'listenbrainz'
        : path.startsWith('/2.0')
          ? 'lastfm'
          : 'other';
    const key = `api="${api}",status="${Math.floor(reply.statusCode / 100)}xx"`;
    metrics.requests.set(key, (metrics.requests.get(key) ?? 0) + 1);
  });

  // The OpenAPI document is built from the route schemas (zod, through fastify-type-provider-zod).
  void app.register(swagger, {
    openapi: {
      info: {
        title: 'listenhouse',
        version: VERSION,
        description:
          'The REST API of listenhouse (/api), the ListenBrainz API v1 (/1) and an Audioscrobbler 2.0 subset (/2.0). ' +
          'Tokens: `listenhouse users add NAME`; send `Authorization: Bearer <token>`.',
      },
      components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
      security: [{ token: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  void app.register(swaggerUi, { routePrefix: '/docs' });
  // The scrobble APIs have no schemas of their own (they follow ListenBrainz's and Last.fm's rules,
  // checked in code); the document still lists them, grouped.
  app.addHook('onRoute', (route) => {
    const tag = route.url.startsWith('/1/')
      ? 'ListenBrainz API v1'
      : route.url.startsWith('/2.0')
        ? 'Audioscrobbler 2.0'
        : null;
    if (tag) route.schema = { ...(route.schema ?? {}), tags: [tag] };
  });

  const { db, reads, submitter, jobs, auth, config } = options.services;
  const now = () => options.services.clock.now();
  // Routes live in a plugin registered after CORS and the rate limiter, so both apply to every route.
  void app.register((app, _opts, done) => {
    app.get('/health', { schema: { hide: true } }, () => ({ status: 'ok' }));
    app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
    registerListenBrainzRoutes(app, { db, submitter, now });
    registerLastfmRoutes(app, { db, submitter, now, secret: config.lastfm.secret ?? null });
    registerApi(app, {
      db,
      reads,
      auth,
      submitter,
      jobs,
      now,
      startedAt: now(),
      version: VERSION,
      metrics,
      metricsToken: config.server.metricsToken ?? null,
      maxUploadBytes: config.server.maxUploadBytes,
    });
    done();
  });
  app.addHook('onClose', async () => {
    await jobs.drain();
    await submitter.drain();
  });
  return {
    app,
    submitter,
    jobs,
    prepare: async () => {
      await markInterruptedRuns(db);
    },
  };
}
