#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (npm start does it for you).
import('../dist/cli/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli/main.js')) {
    console.error('listenhouse is not built yet: run `npm run build` (or `npm start`) in the project folder first.');
    process.exit(2);
  }
  throw err;
});
