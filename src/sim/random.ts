/**
 * Seeded randomness for the simulator: sfc32 (Chris Doty-Humphrey's Small Fast Counting
 * generator, 128-bit state), seeded through splitmix32 so nearby seeds give unrelated streams.
 * Never Math.random: the same seed must give the same history on every machine.
 */

/** splitmix32 step: a well-mixed 32-bit value from any 32-bit input. */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Derive an independent seed from a seed and a stream number (user index, "catalogue" …). */
export function deriveSeed(seed: number, stream: number): number {
  return mix32(mix32(seed >>> 0) ^ mix32((stream + 0x632be5ab) >>> 0));
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = mix32(seed);
    this.b = mix32(this.a ^ 0x1b873593);
    this.c = mix32(this.b ^ 0xcc9e2d51);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [min, max]. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** exp(N(mu, sigma²)): a positive value with a long right tail. */
  logNormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** A random version-4 UUID (as MusicBrainz identifiers look). */
  uuid(): string {
    const h = (n: number, len: number) => n.toString(16).padStart(len, '0');
    const a = this.nextUint32();
    const b = this.nextUint32();
    const c = this.nextUint32();
    const d = this.nextUint32();
    return (
      `${h(a, 8)}-${h(b >>> 16, 4)}-${h(((b & 0x0fff) | 0x4000) >>> 0, 4)}-` +
      `${h(((c >>> 16) & 0x3fff) | 0x8000, 4)}-${h(c & 0xffff, 4)}${h(d, 8)}`
    );
  }
}

/**
 * Draw an index in proportion to non-negative weights in O(log n): cumulative sums and a binary
 * search (Walker's alias method is O(1) but the tables here are small enough not to matter).
 */
export class WeightedIndex {
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      sum += Math.max(0, weights[i] ?? 0);
      this.cumulative[i] = sum;
    }
    this.total = sum;
  }

  get size(): number {
    return this.cumulative.length;
  }

  draw(rng: Random): number {
    const target = rng.next() * this.total;
    const c = this.cumulative;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((c[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
