/**
 * One host's pace: requests are spaced evenly (`limit` per `windowMs`, i.e. one every
 * windowMs / limit), never in bursts, with a small margin so that a server counting requests per
 * second never sees two in one second from a 1/s limit despite network jitter. A 429 or 503 with
 * Retry-After pauses the host for every caller, not just the request that got it.
 */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** Spacing is this much longer than the exact rate: clocks and networks jitter. */
const MARGIN = 1.05;

export class RateLimiter {
  private nextSlot = 0;
  private pausedUntil = 0;

  constructor(
    private readonly rate: RateLimit,
    private readonly clock: () => number = Date.now,
  ) {}

  get spacingMs(): number {
    return (this.rate.windowMs / this.rate.limit) * MARGIN;
  }

  /** Resolves when the caller may send its request (slots are handed out in call order). */
  async acquire(signal?: AbortSignal): Promise<void> {
    const now = this.clock();
    const slot = Math.max(now, this.nextSlot, this.pausedUntil);
    this.nextSlot = slot + this.spacingMs;
    const wait = slot - now;
    if (wait > 0) await sleep(wait, signal);
  }

  /** Nobody sends to this host before `until` (epoch ms). */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
    this.nextSlot = Math.max(this.nextSlot, until);
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((done, fail) => {
    if (signal?.aborted) return fail(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      done();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      fail(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
