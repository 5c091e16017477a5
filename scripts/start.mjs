// `npm start`: install what is missing, build when the sources changed, then run the main job.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies } from './ensure-deps.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, args) {
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function newest(dir) {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    latest = Math.max(latest, stat.isDirectory() ? newest(path) : stat.mtimeMs);
  }
  return latest;
}

ensureDependencies();
const built = 'dist/cli/main.js';
const dashboard = 'dist/web/index.html';
// The server and the dashboard are built together: either missing, or older than its sources, rebuilds.
const stale =
  !existsSync(built) ||
  !existsSync(dashboard) ||
  newest('src') > statSync(built).mtimeMs ||
  newest('web') > statSync(dashboard).mtimeMs;
if (stale) {
  console.log('Building…');
  run(npm, ['run', 'build', '--silent']);
}
run(process.execPath, ['bin/listenhouse.js', 'start', ...process.argv.slice(2)]);
