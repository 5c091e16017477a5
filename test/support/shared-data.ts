import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** ../shared beside the project: real data sets that must never be copied into the repository. */
export const SHARED = resolve(import.meta.dirname, '../../../shared');
export const SHARED_DATA = join(SHARED, 'data');
export const hasSharedData = existsSync(SHARED_DATA);

if (!hasSharedData) {
  console.warn(
    `[skip] ${SHARED_DATA} is absent: the tests on real exports are skipped (a fresh clone has no ../shared).`,
  );
}

export function sharedFile(...parts: string[]): string {
  return join(SHARED_DATA, ...parts);
}
