import { spawnSync } from 'node:child_process';

/**
 * Whether `xz` (Debian package xz-utils) is installed: the MusicBrainz dump archives (.tar.xz) are
 * read through it. Without it the suites that read archives are skipped with a line naming the
 * package — except under CI, where a missing program fails the run (.ci/run installs it).
 */
export const hasXz = spawnSync('xz', ['--version'], { stdio: 'ignore' }).status === 0;

if (!hasXz) {
  const message =
    'xz is not installed (Debian package xz-utils): the MusicBrainz .tar.xz suites are skipped.';
  if (process.env.CI === 'true') throw new Error(`${message} CI must install it (.ci/run).`);
  console.warn(`[skip] ${message}`);
}
