import { resolveConfig, type ConfigFlags } from '../../src/config/index.js';
import { buildApp, type App } from '../../src/server/app.js';
import { servicesOn } from '../../src/services/index.js';
import { storeOn } from '../../src/store/index.js';
import type { Database } from '../../src/store/database.js';

/**
 * The server on a test's database, built as `listenhouse serve` builds it: the services from the
 * composition root, settings through the config (defaults unless given).
 */
export function testApp(
  db: Database,
  options: {
    now?: () => number;
    rateLimit?: number;
    metricsToken?: string;
    lastfmSecret?: string;
    webRoot?: string;
  } = {},
): App {
  const flags: ConfigFlags = {};
  if (options.rateLimit !== undefined) flags['server.rateLimit'] = options.rateLimit;
  // Secrets have no flag: they come from the environment or the settings file.
  const env: Record<string, string> = {};
  if (options.metricsToken !== undefined) env.LISTENHOUSE_METRICS_TOKEN = options.metricsToken;
  if (options.lastfmSecret !== undefined) env.LISTENHOUSE_LASTFM_SECRET = options.lastfmSecret;
  const { config } = resolveConfig({ flags, env });
  const now = options.now;
  return buildApp({
    services: servicesOn(storeOn(db), { config, ...(now ? { clock: { now } } : {}) }),
    ...(options.webRoot !== undefined ? { webRoot: options.webRoot } : {}),
  });
}
