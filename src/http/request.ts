/**
 * One request to an outside service, as the live sources make them: a timeout, and a failure that
 * says what the caller needs to decide when to try again (the status, the server's Retry-After).
 * Retrying is the caller's: a poller backs off between polls (src/live/live-poller.ts), enrichment
 * retries inline (src/enrich/http/http-client.ts); both read Retry-After with `retryAfterMs`.
 * Messages name the service's address without its query string, where API keys travel.
 */
import { AppError, type ErrorCode } from '../domain/errors.js';
import { retryAfterMs } from './retry.js';

export interface HttpCall {
  url: string;
  method?: 'GET' | 'POST';
  /** Credentials go here or in the query string; neither is ever part of a message. */
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface HttpText {
  status: number;
  text: string;
  headers: Headers;
}

/** A request that failed: the status (null: no answer) and how long the service asked us to wait. */
export class HttpFailure extends AppError {
  readonly status: number | null;
  readonly retryAfterMs: number | null;

  constructor(
    code: ErrorCode,
    message: string,
    details: { status: number | null; retryAfterMs: number | null; cause?: unknown },
  ) {
    super(code, message, details.cause === undefined ? {} : { cause: details.cause });
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** The address for messages: scheme, host and path, no query string, no user info. */
export function addressOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(an address that is not a URL)';
  }
}

function codeFor(status: number): ErrorCode {
  if (status === 401 || status === 403) return 'UNAUTHORIZED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'UPSTREAM_UNAVAILABLE';
  return 'INVALID_INPUT';
}

/** Sends the request; answers a 2xx with its text, throws HttpFailure for anything else. */
export async function fetchText(call: HttpCall, now: () => number = Date.now): Promise<HttpText> {
  const where = addressOf(call.url);
  const timeout = AbortSignal.timeout(call.timeoutMs);
  let response: Response;
  try {
    response = await fetch(call.url, {
      method: call.method ?? 'GET',
      headers: { 'user-agent': 'listenhouse', accept: 'application/json', ...call.headers },
      ...(call.body !== undefined ? { body: call.body } : {}),
      signal: call.signal ? AbortSignal.any([call.signal, timeout]) : timeout,
      redirect: 'follow',
    });
  } catch (cause) {
    if (call.signal?.aborted) throw cause;
    const timedOut = (cause as Error).name === 'TimeoutError';
    throw new HttpFailure(
      'UPSTREAM_UNAVAILABLE',
      timedOut
        ? `${where}: no answer within ${Math.round(call.timeoutMs / 1000)} s`
        : `${where}: could not connect (${(cause as Error).message})`,
      { status: null, retryAfterMs: null, cause },
    );
  }
  const text = await response.text().catch(() => '');
  if (response.ok) return { status: response.status, text, headers: response.headers };
  const wait = retryAfterMs(response.headers.get('retry-after'), now());
  throw new HttpFailure(
    codeFor(response.status),
    `${where} answered HTTP ${response.status}${wait !== null ? ` (Retry-After ${Math.round(wait / 1000)} s)` : ''}`,
    { status: response.status, retryAfterMs: wait },
  );
}

/** The answer as JSON; INVALID_INPUT naming the address when it is not. */
export function parseJson(answer: HttpText, url: string): unknown {
  try {
    return JSON.parse(answer.text) as unknown;
  } catch (cause) {
    throw new HttpFailure('UPSTREAM_UNAVAILABLE', `${addressOf(url)} answered something that is not JSON`, {
      status: answer.status,
      retryAfterMs: null,
      cause,
    });
  }
}
