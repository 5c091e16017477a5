// `listenhouse config show` as a user runs it: a config file, an environment variable, masked secrets, exit codes.
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

// Whatever the developer's shell sets must not leak in: an empty variable counts as unset.
const clean = {
  LISTENHOUSE_CONFIG: '',
  LISTENHOUSE_DB: '',
  LISTENHOUSE_PORT: '',
  LISTENHOUSE_HOST: '',
  LISTENHOUSE_LASTFM_SECRET: '',
  LISTENHOUSE_METRICS_TOKEN: '',
};

describe('listenhouse config show', () => {
  it('prints every effective value and where it came from as one JSON document', async () => {
    const file = dir.file(
      'listenhouse.toml',
      '[server]\nport = 9001\nhost = "0.0.0.0"\n\n[lastfm]\nsecret = "a-long-shared-secret-42"\n',
    );
    const result = await runCli(['config', 'show', '--json', '--config', file], {
      ...clean,
      LISTENHOUSE_PORT: '9002',
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.file).toBe(file);
    expect(doc.settings['server.port']).toEqual({
      value: 9002,
      secret: false,
      from: 'env',
      variable: 'LISTENHOUSE_PORT',
    });
    expect(doc.settings['server.host']).toEqual({
      value: '0.0.0.0',
      secret: false,
      from: 'file',
      path: file,
    });
    expect(doc.settings['server.rateLimit']).toEqual({ value: 600, secret: false, from: 'default' });
    expect(doc.settings['lastfm.secret']).toEqual({
      value: '••••42',
      secret: true,
      from: 'file',
      path: file,
    });
    expect(doc.settings['server.metricsToken']).toEqual({ value: null, secret: true, from: 'default' });
    expect(result.stdout).not.toContain('shared-secret');
  });

  it('finds the file through LISTENHOUSE_CONFIG and prints an aligned table without --json', async () => {
    const file = dir.file('other.json', '{"store": {"duckdbMemory": "2GB"}}');
    const result = await runCli(['config', 'show'], { ...clean, LISTENHOUSE_CONFIG: file });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Config file: ${file}`);
    expect(result.stdout).toMatch(/^store\.duckdbMemory +2GB +file$/m);
    expect(result.stdout).toMatch(/^server\.port +8080 +default$/m);
  });

  it('exits 2 naming the file, line and key of a bad value', async () => {
    const file = dir.file('bad.toml', '[server]\nport = 70000\n');
    const result = await runCli(['config', 'show', '--config', file], clean);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${file}:2: server.port: expected a port number from 0 to 65535, got 70000.`,
    );
  });

  it('exits 2 with a JSON error when the named file is missing', async () => {
    const result = await runCli(['config', 'show', '--json', '--config', `${dir.path}/nope.toml`], clean);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'INVALID_INPUT' });
  });
});
