import { describe, expect, it } from 'vitest';
import { isAppError } from '../domain/errors.js';
import { parseConfigFile, resolveConfig, type ConfigFile } from './resolve-config.js';
import { SETTINGS } from './schema.js';

const toml = (text: string): ConfigFile => ({ path: '/etc/listenhouse/listenhouse.toml', text });
const json = (text: string): ConfigFile => ({ path: '/etc/listenhouse/listenhouse.json', text });

/** The AppError a resolve throws, for asserting on its message. */
function failure(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (err) {
    if (!isAppError(err)) throw err;
    return { code: err.code, message: err.message };
  }
  throw new Error('expected an AppError');
}

/** The catalogue's and enrichment's defaults (sections catalog and enrich). */
const CATALOG_DEFAULTS = {
  matchThreshold: 80,
  backgroundMatch: true,
  matchBatch: 1000,
  matchIntervalSeconds: 30,
};
const LIVE_DEFAULTS = {
  credentialsKey: undefined,
  pollSeconds: 180,
  timeoutSeconds: 20,
  maxBackoffSeconds: 3600,
};
const QUALITY_DEFAULTS = {
  schedule: '0 2 * * *',
  pipeline: false,
  safeFixes: 'remove-orphans',
  fuzzyThreshold: 90,
  retries: 2,
  backoffSeconds: 30,
  backupKeep: 10,
  backupCompressDays: 7,
  backupBeforeImportMb: 100,
  backupBeforeFix: true,
};
const ENRICH_DEFAULTS = {
  background: false,
  contact: 'https://github.com/listenhouse/listenhouse',
  batchSize: 25,
  intervalSeconds: 60,
  imagesDir: undefined,
  coverSources: 'coverartarchive,discogs,spotify',
  timeoutSeconds: 20,
  retries: 4,
  musicbrainzUrl: 'https://musicbrainz.org/ws/2',
  musicbrainzPerSecond: 1,
  coverArtUrl: 'https://coverartarchive.org',
  coverArtPerSecond: 5,
  discogsUrl: 'https://api.discogs.com',
  discogsPerMinute: 60,
  discogsToken: undefined,
  spotifyUrl: 'https://api.spotify.com/v1',
  spotifyAccountsUrl: 'https://accounts.spotify.com',
  spotifyPerSecond: 5,
  spotifyClientId: undefined,
  spotifyClientSecret: undefined,
  llmUrl: undefined,
  llmModel: 'gpt-4o-mini',
  llmKey: undefined,
  llmPerMinute: 20,
};

describe('resolveConfig: defaults', () => {
  it('gives every documented default when nothing is set, each from "default"', () => {
    const { config, sources, file } = resolveConfig({});
    expect(config).toEqual({
      store: { db: './data/listenhouse.duckdb', duckdbMemory: '1GB', threads: undefined },
      server: {
        host: '127.0.0.1',
        port: 8080,
        rateLimit: 600,
        maxUploadBytes: 4 * 1024 ** 3,
        metricsToken: undefined,
      },
      lastfm: { secret: undefined },
      catalog: CATALOG_DEFAULTS,
      enrich: ENRICH_DEFAULTS,
      live: LIVE_DEFAULTS,
      quality: QUALITY_DEFAULTS,
      log: { level: 'info', debug: false },
    });
    expect(file).toBeNull();
    expect(Object.keys(sources)).toEqual(SETTINGS.map((s) => s.key));
    expect(new Set(Object.values(sources).map((s) => s.from))).toEqual(new Set(['default']));
  });
});

describe('resolveConfig: precedence default < file < env < flag', () => {
  const file = toml(
    '[server]\nport = 9001\nhost = "0.0.0.0"\nrateLimit = 50\n\n[store]\nduckdbMemory = "2GB"\n',
  );

  it('takes the file over the defaults', () => {
    const { config, sources } = resolveConfig({ file });
    expect(config.server).toMatchObject({ port: 9001, host: '0.0.0.0', rateLimit: 50 });
    expect(sources['server.port']).toEqual({ from: 'file', path: file.path });
    expect(sources['server.maxUploadBytes']).toEqual({ from: 'default' });
  });

  it('takes the environment over the file', () => {
    const { config, sources } = resolveConfig({
      file,
      env: { LISTENHOUSE_PORT: '9002', LISTENHOUSE_DUCKDB_MEMORY: '512MiB' },
    });
    expect(config.server.port).toBe(9002);
    expect(config.server.host).toBe('0.0.0.0');
    expect(config.store.duckdbMemory).toBe('512MiB');
    expect(sources['server.port']).toEqual({ from: 'env', variable: 'LISTENHOUSE_PORT' });
    expect(sources['server.host']).toEqual({ from: 'file', path: file.path });
  });

  it('takes flags over the environment, reading flag text like environment text', () => {
    const { config, sources } = resolveConfig({
      file,
      env: { LISTENHOUSE_PORT: '9002', LISTENHOUSE_HOST: '10.0.0.1' },
      flags: { 'server.port': '9003', 'server.rateLimit': 7, 'server.host': undefined },
    });
    expect(config.server).toMatchObject({ port: 9003, rateLimit: 7, host: '10.0.0.1' });
    expect(sources['server.port']).toEqual({ from: 'flag', flag: '--port' });
    expect(sources['server.rateLimit']).toEqual({ from: 'flag', flag: '--rate-limit' });
    expect(sources['server.host']).toEqual({ from: 'env', variable: 'LISTENHOUSE_HOST' });
  });

  it('treats an empty environment variable as unset', () => {
    const { config, sources } = resolveConfig({ file, env: { LISTENHOUSE_PORT: '', LISTENHOUSE_DB: '' } });
    expect(config.server.port).toBe(9001);
    expect(sources['store.db']).toEqual({ from: 'default' });
  });

  it('reads every environment variable the code reads today', () => {
    const { config } = resolveConfig({
      env: {
        LISTENHOUSE_DB: '/srv/lh.duckdb',
        LISTENHOUSE_DUCKDB_MEMORY: '3GB',
        LISTENHOUSE_DUCKDB_THREADS: '4',
        LISTENHOUSE_HOST: '::',
        LISTENHOUSE_PORT: '0',
        LISTENHOUSE_RATE_LIMIT: '1200',
        LISTENHOUSE_MAX_UPLOAD_BYTES: '1048576',
        LISTENHOUSE_METRICS_TOKEN: 'scrape-me-please',
        LISTENHOUSE_LASTFM_SECRET: 'shh',
        LISTENHOUSE_LOG: 'debug',
        LISTENHOUSE_DEBUG: '1',
      },
    });
    expect(config).toEqual({
      store: { db: '/srv/lh.duckdb', duckdbMemory: '3GB', threads: 4 },
      server: {
        host: '::',
        port: 0,
        rateLimit: 1200,
        maxUploadBytes: 1048576,
        metricsToken: 'scrape-me-please',
      },
      lastfm: { secret: 'shh' },
      catalog: CATALOG_DEFAULTS,
      enrich: ENRICH_DEFAULTS,
      live: LIVE_DEFAULTS,
      quality: QUALITY_DEFAULTS,
      log: { level: 'debug', debug: true },
    });
  });

  it('reads yes/no, on/off and true/false as booleans', () => {
    expect(resolveConfig({ env: { LISTENHOUSE_DEBUG: 'yes' } }).config.log.debug).toBe(true);
    expect(resolveConfig({ env: { LISTENHOUSE_DEBUG: 'off' } }).config.log.debug).toBe(false);
    expect(resolveConfig({ env: { LISTENHOUSE_DEBUG: 'TRUE' } }).config.log.debug).toBe(true);
  });
});

describe('resolveConfig: TOML and JSON files', () => {
  it('reads the same settings from TOML tables, dotted keys and JSON', () => {
    const tables = resolveConfig({ file: toml('[server]\nport = 81\n[log]\ndebug = true\n') }).config;
    const dotted = resolveConfig({ file: toml('server.port = 81\nlog.debug = true\n') }).config;
    const fromJson = resolveConfig({ file: json('{"server": {"port": 81}, "log": {"debug": true}}') }).config;
    expect(tables).toEqual(dotted);
    expect(tables).toEqual(fromJson);
    expect(tables.server.port).toBe(81);
    expect(tables.log.debug).toBe(true);
  });

  it("takes a relative database path in a file from the file's folder; one from the environment stays as given", () => {
    const file = toml('[store]\ndb = "data/lh.duckdb"\n');
    expect(resolveConfig({ file }).config.store.db).toBe('/etc/listenhouse/data/lh.duckdb');
    expect(resolveConfig({ file: toml('[store]\ndb = ":memory:"\n') }).config.store.db).toBe(':memory:');
    expect(resolveConfig({ file, env: { LISTENHOUSE_DB: 'rel.duckdb' } }).config.store.db).toBe('rel.duckdb');
  });

  it('accepts an empty file', () => {
    expect(resolveConfig({ file: toml('') }).config.server.port).toBe(8080);
    expect(resolveConfig({ file: toml('# nothing yet\n') }).file).toBe('/etc/listenhouse/listenhouse.toml');
  });

  it('names the file, line and column of a TOML syntax error', () => {
    const e = failure(() => parseConfigFile(toml('[server]\nport = = 3\n')));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(
      /^Invalid configuration: \/etc\/listenhouse\/listenhouse\.toml:2:\d+: not valid TOML/,
    );
    expect(e.message).toContain('Fix the syntax there');
  });

  it('names the file, line and column of a JSON syntax error', () => {
    const e = failure(() => resolveConfig({ file: json('{\n  "server": {\n    "port": 1,\n  }\n}') }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/\/etc\/listenhouse\/listenhouse\.json:4:\d+: not valid JSON/);
  });

  it('refuses a JSON file that is not one object', () => {
    expect(failure(() => resolveConfig({ file: json('[1, 2]') })).message).toContain(
      'expected one JSON object with a key per section',
    );
  });
});

describe('resolveConfig: errors name the place, the key and what to do', () => {
  it('refuses an unknown key, with its line and the known keys (and a likely meant one)', () => {
    const e = failure(() => resolveConfig({ file: toml('[server]\nport = 81\nrate_limit = 5\n') }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe(
      'Invalid configuration: /etc/listenhouse/listenhouse.toml:3: server.rate_limit: unknown key ' +
        '(did you mean server.rateLimit?). Known keys of server: host, port, rateLimit, maxUploadBytes, ' +
        'metricsToken. Fix or remove it; docs/configuration.md lists every key.',
    );
  });

  it('refuses an unknown section', () => {
    const e = failure(() => resolveConfig({ file: toml('[server]\nport = 81\n\n[kafak]\nbrokers = "x"\n') }));
    expect(e.message).toContain('listenhouse.toml:4: kafak: unknown section');
    expect(e.message).toContain('Known sections: store, server, lastfm, catalog, enrich, live, quality, log.');
  });

  it('refuses a section that is not a table', () => {
    expect(failure(() => resolveConfig({ file: toml('server = 8080\n') })).message).toContain(
      'listenhouse.toml:1: server: expected a table of settings (host, port, rateLimit, maxUploadBytes, metricsToken), got 8080.',
    );
  });

  it('refuses a wrong type with the key path and line', () => {
    const e = failure(() => resolveConfig({ file: toml('[server]\nhost = "h"\nport = "8080"\n') }));
    expect(e.message).toContain(
      'listenhouse.toml:3: server.port: expected a port number from 0 to 65535, got "8080".',
    );
    expect(failure(() => resolveConfig({ file: json('{\n"log": {\n"debug": "yes"}}') })).message).toContain(
      'listenhouse.json:3: log.debug: expected true or false',
    );
  });

  it('refuses a bad port from any source', () => {
    expect(failure(() => resolveConfig({ file: toml('server.port = 70000') })).message).toContain(
      'listenhouse.toml:1: server.port: expected a port number from 0 to 65535, got 70000.',
    );
    expect(failure(() => resolveConfig({ env: { LISTENHOUSE_PORT: 'http' } })).message).toBe(
      'Invalid configuration: environment LISTENHOUSE_PORT: server.port: expected a port number from 0 to 65535, ' +
        'got "http". Fix or remove it; docs/configuration.md lists every key.',
    );
    expect(failure(() => resolveConfig({ flags: { 'server.port': '80.5' } })).message).toContain(
      'flag --port: server.port: expected a port number',
    );
  });

  it('checks a value even when a higher source overrides it', () => {
    const e = failure(() =>
      resolveConfig({ file: toml('server.port = -1'), env: { LISTENHOUSE_PORT: '81' } }),
    );
    expect(e.message).toContain('server.port: expected a port number');
  });

  it('reports every problem at once, one per line: the file in line order, then the environment', () => {
    const e = failure(() =>
      resolveConfig({
        file: toml('[store]\nduckdbMemory = "lots"\nthreads = 0\nmemroy = "1GB"\n'),
        env: { LISTENHOUSE_LOG: 'verbose' },
      }),
    );
    expect(e.message.split('\n')).toEqual([
      'Invalid configuration:',
      '  /etc/listenhouse/listenhouse.toml:2: store.duckdbMemory: expected a size such as 1GB or 512MiB, got "lots".',
      '  /etc/listenhouse/listenhouse.toml:3: store.threads: expected a whole number from 1 to 1024, got 0.',
      '  /etc/listenhouse/listenhouse.toml:4: store.memroy: unknown key. Known keys of store: db, duckdbMemory, threads.',
      '  environment LISTENHOUSE_LOG: log.level: expected one of info, debug, got "verbose".',
      'Fix or remove them; docs/configuration.md lists every key.',
    ]);
  });

  it('never echoes a secret it refuses', () => {
    const e = failure(() => resolveConfig({ file: json('{"lastfm": {"secret": 123456789}}') }));
    expect(e.message).toContain('lastfm.secret: expected a non-empty string, got a number.');
    expect(e.message).not.toContain('123456789');
  });
});
