// The lock file a clone is installed from: complete for every platform (so `npm install` or `npm ci`
// leaves the checkout clean) and within the Node versions package.json promises.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
};
const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<
    string,
    { optionalDependencies?: Record<string, string>; engines?: { node?: string }; dev?: boolean }
  >;
};

describe('package-lock.json', () => {
  it('records every optional platform binding, so an install on another platform changes nothing', () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        if (!lock.packages[`node_modules/${name}`] && !lock.packages[`${path}/node_modules/${name}`])
          missing.push(`${name} (optional dependency of ${path})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it(`holds no package that refuses the oldest Node that package.json accepts (${pkg.engines.node})`, () => {
    const oldest = semver.minVersion(pkg.engines.node);
    expect(oldest).not.toBeNull();
    const refusing = Object.entries(lock.packages)
      .filter(([, e]) => e.engines?.node !== undefined && !semver.satisfies(oldest!, e.engines.node))
      .map(([path, e]) => `${path.replace(/^.*node_modules\//, '')} wants node ${e.engines?.node}`);
    expect(refusing).toEqual([]);
  });
});
