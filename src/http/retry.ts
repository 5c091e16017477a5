/**
 * When to try a failed request again: exponential backoff (1 s, 2 s, 4 s … with a little jitter so
 * that several clients do not retry in step), never sooner than the server's Retry-After.
 */

/** Retry-After as ms from now: delay-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  return baseMs * 2 ** attempt + Math.floor(random() * baseMs * 0.25);
}

/** Statuses worth another try: the service is busy or down, not the request wrong. */
export function isRetriable(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504 || status === 500;
}

const DAY_MS = 86_400_000;

/**
 * When to ask again after "not found" for the `tries`th time in a row: 1 day, then 2, 4, 8, 16,
 * then every 30 days (things get added to MusicBrainz and the cover archives).
 */
export function notFoundRetryMs(tries: number): number {
  return Math.min(30 * DAY_MS, DAY_MS * 2 ** Math.max(0, tries - 1));
}

/** After a service kept failing (retries exhausted): try that request again after an hour. */
export const FAILED_RETRY_MS = 3_600_000;
