import { catalog } from './catalog.js';
import { enrich } from './enrich.js';
import { lastfm } from './lastfm.js';
import { live } from './live.js';
import { log } from './log.js';
import { quality } from './quality.js';
import { server } from './server.js';
import { store } from './store.js';

/**
 * Every section of the configuration, in the order `config show` and docs/configuration.md list
 * them. A new component adds its schema file beside these and one line here.
 */
export const SECTIONS = {
  store,
  server,
  lastfm,
  catalog,
  enrich,
  live,
  quality,
  log,
} as const;
