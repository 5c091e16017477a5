/**
 * The one HTTP layer every enrichment source goes through: per-service pace (RateLimiter), a
 * timeout per attempt, retries with exponential backoff that honour Retry-After (and pause the
 * whole service on a 429 or 503 that names one), and a persistent cache of every answer — "not
 * found" too, asked again after 1 day, then 2, 4 … up to 30 days — so that a restart never asks
 * what is known. Credentials travel in headers only; they are never part of a cache key, a log
 * line or an error message.
 */
import { AppError } from '../../domain/errors.js';
import type { Database } from '../../store/database.js';
import { findCachedAnswer, storeCachedAnswer, type CacheOutcome } from '../../store/enrich-repository.js';
import { RateLimiter, sleep, type RateLimit } from '../../http/rate-limiter.js';
import { backoffMs, FAILED_RETRY_MS, isRetriable, notFoundRetryMs, retryAfterMs } from '../../http/retry.js';

export type ServiceName = 'musicbrainz' | 'coverartarchive' | 'discogs' | 'spotify' | 'llm';

export interface ServicePolicy {
  rate: RateLimit;
}

export interface HttpSettings {
  userAgent: string;
  timeoutMs: number;
  retries: number;
  /** First backoff step (doubling each retry). */
  backoffBaseMs?: number;
  /** The longest a Retry-After is honoured; a longer one fails the request (it is retried later). */
  maxWaitMs?: number;
  services: Record<ServiceName, ServicePolicy>;
}

export interface HttpRequest {
  service: ServiceName;
  url: string;
  method?: 'GET' | 'POST';
  /** Headers with credentials go here; the cache key never includes them. */
  headers?: Record<string, string>;
  body?: string;
  /** Identifies the answer in the cache (default: method + URL); null: never cached (tokens). */
  cacheKey?: string | null;
  /** 'json' answers are cached as text; 'bytes' (images) are returned, the caller caches a hash. */
  expect: 'json' | 'bytes';
}

export type HttpAnswer =
  | {
      outcome: 'found';
      status: number;
      text: string;
      bytes: Buffer | null;
      contentType: string | null;
      cached: boolean;
    }
  | { outcome: 'not_found'; status: number | null; cached: boolean }
  | { outcome: 'failed'; status: number | null; reason: string; cached: boolean };

/** How requests went, for status pages and tests. */
export interface HttpStats {
  sent: number;
  cached: number;
  retried: number;
}

export class EnrichHttp {
  private readonly limiters = new Map<ServiceName, RateLimiter>();
  readonly stats: HttpStats = { sent: 0, cached: 0, retried: 0 };

  constructor(
    private readonly db: Database,
    private readonly settings: HttpSettings,
    private readonly clock: () => number = Date.now,
  ) {}

  private limiter(service: ServiceName): RateLimiter {
    let limiter = this.limiters.get(service);
    if (!limiter) {
      limiter = new RateLimiter(this.settings.services[service].rate, this.clock);
      this.limiters.set(service, limiter);
    }
    return limiter;
  }

  /** The cached answer when it is still good, else one from the service (then cached). */
  async request(req: HttpRequest, signal?: AbortSignal): Promise<HttpAnswer> {
    const key = req.cacheKey === undefined ? `${req.method ?? 'GET'} ${req.url}` : req.cacheKey;
    if (key !== null) {
      const cached = await findCachedAnswer(this.db, req.service, key);
      if (cached && (cached.outcome === 'found' || (cached.retryAfter ?? 0) > this.clock())) {
        this.stats.cached++;
        return fromCache(cached);
      }
      const answer = await this.fetchWithRetries(req, signal);
      await this.remember(
        req.service,
        key,
        answer,
        cached?.outcome === answer.outcome ? cached.tries + 1 : 1,
      );
      return answer;
    }
    return this.fetchWithRetries(req, signal);
  }

  private async remember(
    service: ServiceName,
    key: string,
    answer: HttpAnswer,
    tries: number,
  ): Promise<void> {
    const now = this.clock();
    const outcome: CacheOutcome = answer.outcome;
    await storeCachedAnswer(this.db, {
      service,
      key,
      outcome,
      status: answer.status,
      // Image bytes live in the image store; the caller records their hash under the URL's key.
      body: answer.outcome === 'found' ? (answer.bytes ? null : answer.text) : null,
      fetchedAt: now,
      retryAfter:
        outcome === 'found'
          ? null
          : now + (outcome === 'not_found' ? notFoundRetryMs(tries) : FAILED_RETRY_MS),
      tries,
    });
  }

  /** Records what became of an answer that is not JSON (an image's content hash). */
  async rememberBody(service: ServiceName, key: string, body: string): Promise<void> {
    await storeCachedAnswer(this.db, {
      service,
      key,
      outcome: 'found',
      status: 200,
      body,
      fetchedAt: this.clock(),
      retryAfter: null,
      tries: 1,
    });
  }

  /** The cached body under a key, without asking the service (an image URL's hash). */
  async cachedBody(service: ServiceName, key: string): Promise<string | null> {
    const cached = await findCachedAnswer(this.db, service, key);
    return cached?.outcome === 'found' ? cached.body : null;
  }

  private async fetchWithRetries(req: HttpRequest, signal?: AbortSignal): Promise<HttpAnswer> {
    const limiter = this.limiter(req.service);
    const base = this.settings.backoffBaseMs ?? 1000;
    const maxWait = this.settings.maxWaitMs ?? 120_000;
    let last: HttpAnswer = { outcome: 'failed', status: null, reason: 'not tried', cached: false };
    for (let attempt = 0; attempt <= this.settings.retries; attempt++) {
      if (attempt > 0) this.stats.retried++;
      await limiter.acquire(signal);
      let response: Response;
      try {
        this.stats.sent++;
        response = await fetch(req.url, {
          method: req.method ?? 'GET',
          headers: {
            'user-agent': this.settings.userAgent,
            accept: req.expect === 'json' ? 'application/json' : '*/*',
            ...req.headers,
          },
          ...(req.body !== undefined ? { body: req.body } : {}),
          signal: signal
            ? AbortSignal.any([signal, AbortSignal.timeout(this.settings.timeoutMs)])
            : AbortSignal.timeout(this.settings.timeoutMs),
          redirect: 'follow',
        });
      } catch (err) {
        if (signal?.aborted) throw err;
        const timedOut = (err as Error).name === 'TimeoutError';
        last = {
          outcome: 'failed',
          status: null,
          reason: timedOut
            ? `no answer within ${Math.round(this.settings.timeoutMs / 1000)} s`
            : `could not connect (${(err as Error).message})`,
          cached: false,
        };
        if (attempt < this.settings.retries) await sleep(backoffMs(attempt, base), signal);
        continue;
      }
      if (response.ok) {
        const contentType = response.headers.get('content-type');
        if (req.expect === 'bytes') {
          const bytes = Buffer.from(await response.arrayBuffer());
          return { outcome: 'found', status: response.status, text: '', bytes, contentType, cached: false };
        }
        const text = await response.text();
        return { outcome: 'found', status: response.status, text, bytes: null, contentType, cached: false };
      }
      await response.body?.cancel().catch(() => undefined);
      if (response.status === 404) return { outcome: 'not_found', status: 404, cached: false };
      if (response.status === 401 || response.status === 403)
        throw new AppError(
          'UNAUTHORIZED',
          `${req.service} refused the request (HTTP ${response.status}): check its credentials in the configuration (docs/catalogue.md).`,
        );
      last = { outcome: 'failed', status: response.status, reason: `HTTP ${response.status}`, cached: false };
      if (!isRetriable(response.status)) return last;
      const asked = retryAfterMs(response.headers.get('retry-after'), this.clock());
      if (asked !== null && asked > maxWait)
        return { ...last, reason: `HTTP ${response.status}, asked to wait ${Math.round(asked / 1000)} s` };
      // The service said how long: nobody asks it anything before then.
      if (asked !== null) limiter.pauseUntil(this.clock() + asked);
      if (attempt < this.settings.retries)
        await sleep(Math.max(backoffMs(attempt, base), asked ?? 0), signal);
    }
    return last;
  }
}

function fromCache(cached: {
  outcome: CacheOutcome;
  status: number | null;
  body: string | null;
}): HttpAnswer {
  if (cached.outcome === 'found')
    return {
      outcome: 'found',
      status: cached.status ?? 200,
      text: cached.body ?? '',
      bytes: null,
      contentType: null,
      cached: true,
    };
  if (cached.outcome === 'not_found') return { outcome: 'not_found', status: cached.status, cached: true };
  return {
    outcome: 'failed',
    status: cached.status,
    reason: 'failed recently; asked again later',
    cached: true,
  };
}

/** The User-Agent MusicBrainz asks for: application, version, contact. */
export function userAgentOf(version: string, contact: string): string {
  return `listenhouse/${version} ( ${contact} )`;
}
