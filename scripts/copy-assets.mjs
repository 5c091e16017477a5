// tsc copies no SQL: mirror every .sql under src/ into dist/ so migrations and queries ship with the build.
// A .sql left in dist/ whose source is gone (a renamed or removed migration) is removed: the migration
// runner reads the folder, and a stale file there would run again under its old name.
import { cpSync, existsSync, readdirSync, rmSync, statSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';

function walk(dir, visit) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, visit);
    else if (name.endsWith('.sql')) visit(path);
  }
}
walk('src', (path) => {
  const target = join('dist', path.slice('src/'.length));
  mkdirSync(dirname(target), { recursive: true });
  cpSync(path, target);
});
if (existsSync('dist'))
  walk('dist', (path) => {
    if (!existsSync(join('src', path.slice('dist/'.length)))) rmSync(path);
  });
