import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';
import { backoffMs, isRetriable, notFoundRetryMs, retryAfterMs } from './retry.js';

const DAY = 86_400_000;

describe('when to ask again', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.UTC(2026, 0, 1, 12);
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(new Date(now + 5_000).toUTCString(), now)).toBe(5_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });

  it('backs off exponentially, with some jitter', () => {
    expect(backoffMs(0, 1000, () => 0)).toBe(1000);
    expect(backoffMs(3, 1000, () => 0)).toBe(8000);
    expect(backoffMs(1, 1000, () => 0.99)).toBeLessThan(2250);
  });

  it('asks a "not found" again after 1 day, doubling up to 30 days', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((t) => notFoundRetryMs(t) / DAY)).toEqual([1, 2, 4, 8, 16, 30, 30]);
  });

  it('retries what a busy service says, not what a wrong request says', () => {
    expect([429, 500, 502, 503, 504].every(isRetriable)).toBe(true);
    expect([400, 401, 404].some(isRetriable)).toBe(false);
  });
});

describe('RateLimiter', () => {
  it('spaces requests evenly, a little wider than the rate, in the order asked', async () => {
    const limiter = new RateLimiter({ limit: 60, windowMs: 60_000 });
    expect(limiter.spacingMs).toBeCloseTo(1050, 5);
    const fast = new RateLimiter({ limit: 20, windowMs: 1000 });
    const started = Date.now();
    const order: number[] = [];
    const times: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map((i) =>
        fast.acquire().then(() => {
          order.push(i);
          times.push(Date.now());
        }),
      ),
    );
    // A loaded machine fires timers late, which can bunch two resolutions together; the i-th is
    // still never before its slot (i spacings after the first).
    expect(order).toEqual([0, 1, 2, 3]);
    for (let i = 1; i < times.length; i++) expect(times[i]! - started).toBeGreaterThanOrEqual(i * 52 - 2);
  });

  it('holds everyone back after a Retry-After', async () => {
    const limiter = new RateLimiter({ limit: 100, windowMs: 1000 });
    const started = Date.now();
    limiter.pauseUntil(started + 300);
    await limiter.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});
