#!/usr/bin/env -S node --max-old-space-size=384
// The heap cap makes V8 collect the parsed rows of finished batches sooner: a 10M-listen import stays
// under 1 GB. `listenhouse` (npm link / the bin) runs with it; `node bin/listenhouse.js` does not.
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (npm start does it for you).
import('../dist/cli/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli/main.js')) {
    console.error('listenhouse is not built yet: run `npm run build` (or `npm start`) in the project folder first.');
    process.exit(2);
  }
  throw err;
});
