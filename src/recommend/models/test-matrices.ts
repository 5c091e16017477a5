/**
 * Small seeded matrices for the models' tests: users with a few dozen items drawn with a taste
 * (one of a few clusters of items) and a popularity skew, so every model has something to learn.
 */
import { buildCsr, type Csr } from '../interactions/csr.js';
import { seededRandom } from '../kernels/random.js';

export function clusteredMatrix(options: {
  users: number;
  items: number;
  perUser: number;
  seed: number;
}): Csr {
  const random = seededRandom(options.seed);
  const clusters = 4;
  const rows: number[] = [];
  const cols: number[] = [];
  const values: number[] = [];
  for (let u = 0; u < options.users; u++) {
    const taste = u % clusters;
    const seen = new Set<number>();
    while (seen.size < Math.min(options.perUser, options.items)) {
      // Mostly the user's cluster, popular items first within it.
      const inCluster = random() < 0.8;
      const base = inCluster ? taste : Math.floor(random() * clusters);
      const offset = Math.floor(Math.pow(random(), 2) * (options.items / clusters));
      seen.add((base + offset * clusters) % options.items);
    }
    for (const item of seen) {
      rows.push(u);
      cols.push(item);
      values.push(1 + Math.floor(random() * 20));
    }
  }
  return buildCsr(
    { rows: options.users, cols: options.items },
    {
      rows: Int32Array.from(rows),
      cols: Int32Array.from(cols),
      values: Float32Array.from(values),
      length: rows.length,
    },
  );
}
