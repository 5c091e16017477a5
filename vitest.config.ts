import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts', 'bench/**/*.test.ts'],
    env: { TZ: 'UTC' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for what a browser shows; on a loaded 2-core machine a page can take seconds.
    expect: { poll: { timeout: 20_000, interval: 100 } },
    pool: 'forks',
    maxWorkers: 2,
  },
});
