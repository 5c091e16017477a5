import type { StreamBatchWriter } from '../stream/batch-writer.js';
import type { Backups } from '../jobs/backups.js';
import type { Pipeline, PipelineSchedule } from '../jobs/pipeline.js';
import type { QualityService } from '../quality/index.js';
import { readFileSync } from 'node:fs';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { CatalogImportJobs, CatalogService } from '../catalog/index.js';
import type { Config } from '../config/index.js';
import type { Enrichment } from '../enrich/index.js';
import { AppError, errorCodeForStatus, isAppError, type ErrorCode } from '../domain/errors.js';
import type { PlayingNowBoard } from '../ingest/now-playing.js';
import type { SecretBox } from '../domain/secret-box.js';
import type { ListenSubmitter } from '../ingest/submit-service.js';
import type { ImportJobs } from '../jobs/import-jobs.js';
import type { LiveService } from '../live/index.js';
import type { Store } from '../store/index.js';
import { tokenOf, type ApiAuth } from './api/auth.js';
import type { Metrics } from './api/context.js';
import { registerApi } from './api/index.js';
import { registerLastfmRoutes } from './lastfm/routes.js';
import { registerListenBrainzRoutes } from './listenbrainz/routes.js';
import type { ListenPublisher } from '../stream/listen-publisher.js';
import { MAX_PAYLOAD_BYTES } from '../sources/listenbrainz/validate-submission.js';
import { registerWeb } from './web.js';

/** The one table from error codes to HTTP statuses (the CLI maps the same codes to exit codes). */
const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNREADABLE_INPUT: 400,
  UNKNOWN_FORMAT: 400,
  PAYLOAD_TOO_LARGE: 413,
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
  readonly store: Store;
  readonly reads: Store;
  readonly submitter: ListenSubmitter;
  /** Micro-batches of `stream consume --server` members (POST /api/streaming/batches). */
  readonly streamBatches: StreamBatchWriter;
  readonly jobs: ImportJobs;
  readonly auth: ApiAuth;
  readonly catalog: CatalogService;
  readonly catalogJobs: CatalogImportJobs;
  readonly enrichment: Enrichment;
  /** What each user plays now, whichever API or live source set it. */
  readonly playingNow: PlayingNowBoard;
  /** Seals and opens stored credentials (the credentials key, made on first use). */
  readonly credentials: () => SecretBox;
  /** Live sources: connections, polling, webhooks. */
  readonly live: LiveService;
  readonly quality: QualityService;
  readonly backups: Backups;
  readonly pipeline: Pipeline;
  readonly schedule: PipelineSchedule;
  /** Matching and enrichment beside the write path; started once the server holds the database. */
  startBackground(log?: (message: string, err?: unknown) => void): void;
}

export interface AppOptions {
  services: AppServices;
  logger?: boolean;
  /** The built dashboard (default dist/web; see web.ts). */
  webRoot?: string;
  /** `serve --publish-to-kafka`: /1/submit-listens publishes to Kafka instead of writing. */
  publisher?: ListenPublisher;
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
  code?: string;
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

const fieldOf = (v: { instancePath?: string }) =>
  (v.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');

/** A schema failure names the field and where it was: "query parameter limit: Too small: …". */
function validationMessage(error: RouteError): string | null {
  if (!Array.isArray(error.validation) || error.validation.length === 0) return null;
  const place = PLACES[error.validationContext ?? ''] ?? error.validationContext ?? 'request';
  return error.validation
    .map((v) => {
      const field = fieldOf(v);
      return field
        ? `${place} ${field}: ${v.message}`
        : `${place === 'body field' ? 'body' : place}: ${v.message}`;
    })
    .join('; ');
}

/** A failure as the error handler answers it, before it takes the shape of the API it came through. */
interface Failure {
  code: ErrorCode;
  status: number;
  message: string;
  field?: string;
}

const INTERNAL_MESSAGE = 'An unknown error occured.';

function failureOf(error: RouteError): Failure {
  if (isAppError(error)) return { code: error.code, status: HTTP_STATUS[error.code], message: error.message };
  const validation = validationMessage(error);
  if (validation) {
    const field = fieldOf(error.validation![0]!);
    return { code: 'INVALID_INPUT', status: 400, message: validation, ...(field ? { field } : {}) };
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) return { code: 'INTERNAL', status, message: INTERNAL_MESSAGE };
  return {
    code: errorCodeForStatus(status),
    status,
    message: error.message || error.error || 'Error',
  };
}

const isRestApi = (url: string) => /^\/api(\/|\?|$)/.test(url);

/**
 * The body of an error answer. /api names the AppError code (`{code: "NOT_FOUND", status: 404,
 * error, field?}`); everything else (/1/ and the paths outside the APIs) keeps ListenBrainz's
 * `{code: <status>, error}`, which its clients read. /2.0/ renders Last.fm's own errors in its routes.
 */
function errorBody(url: string, failure: Failure): Record<string, unknown> {
  if (!isRestApi(url)) return { code: failure.status, error: failure.message };
  const { code, status, message, field } = failure;
  return { code, status, error: message, ...(field ? { field } : {}) };
}

/**
 * Clients configured with a base URL that has a path (`http://host/apis/listenbrainz/`) and keep it
 * send `/apis/listenbrainz/1/submit-listens`: any prefix before `/1/` or `/2.0/` is dropped. The
 * dashboard's own paths are left alone: a user named `1` has pages at `/user/1/charts`.
 */
export function withoutPrefix(url: string): string {
  if (
    /^\/(1|2\.0|api|docs|user|admin|sign-in|assets)(\/|\?|$)/.test(url) ||
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
    const failure = failureOf(error);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      failure.message = `Request body is too large: the limit is ${app.initialConfig.bodyLimit ?? 0} bytes. Send a large export as a file upload (POST /api/imports, multipart) instead.`;
    if (failure.status >= 500) request.log.error(error);
    void reply.code(failure.status).send(errorBody(request.url, failure));
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const message = isRestApi(path)
      ? `Not found: ${request.method} ${path} is not a route of the REST API; the routes are listed in /openapi.json (browsable at /docs).`
      : `Not found: ${request.method} ${request.url}`;
    void reply.code(404).send(errorBody(path, { code: 'NOT_FOUND', status: 404, message }));
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
    // Thrown to the error handler, which answers it in the shape of the API it came through.
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'RATE_LIMITED',
        `You have exceeded your rate limit. See the X-RateLimit-* response headers; try again in ${Math.ceil(context.ttl / 1000)} s.`,
      ),
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

  const { store, reads, submitter, jobs, auth, config } = options.services;
  const now = () => options.services.clock.now();
  // Routes live in a plugin registered after CORS and the rate limiter, so both apply to every route.
  void app.register((app, _opts, done) => {
    app.get('/health', { schema: { hide: true } }, () => ({ status: 'ok' }));
    app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
    const playingNow = options.services.playingNow;
    registerListenBrainzRoutes(app, { store, submitter, now, playingNow, publisher: options.publisher });
    registerLastfmRoutes(app, {
      store,
      submitter,
      now,
      playingNow,
      credentials: options.services.credentials,
      secret: config.lastfm.secret ?? null,
    });
    registerApi(app, {
      store,
      reads,
      auth,
      submitter,
      streamBatches: options.services.streamBatches,
      jobs,
      now,
      startedAt: now(),
      version: VERSION,
      metrics,
      metricsToken: config.server.metricsToken ?? null,
      maxUploadBytes: config.server.maxUploadBytes,
      catalog: options.services.catalog,
      catalogJobs: options.services.catalogJobs,
      enrichment: options.services.enrichment,
      credentials: options.services.credentials,
      live: options.services.live,
      quality: options.services.quality,
      backups: options.services.backups,
      pipeline: options.services.pipeline,
      schedule: options.services.schedule,
    });
    registerWeb(app, options.webRoot);
    done();
  });
  app.addHook('onClose', async () => {
    await options.services.live.stop();
    await options.services.catalogJobs.drain();
    await jobs.drain();
    await submitter.drain();
  });
  return {
    app,
    submitter,
    jobs,
    prepare: async () => {
      await store.importRuns.markInterrupted();
      await options.services.catalog.markInterrupted();
      await store.pipelineRuns.markInterrupted();
      options.services.startBackground((message, err) => app.log.warn({ err }, message));
    },
  };
}
