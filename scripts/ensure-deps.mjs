// Installs the dependencies when a fresh clone has none yet (run before `npm test` and by `npm start`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export function ensureDependencies() {
  if (existsSync('node_modules/.package-lock.json')) return;
  console.log('Installing dependencies (first run)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) ensureDependencies();
