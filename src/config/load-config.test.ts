import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseConfigFile, loadConfig } from './load-config.js';

const dir = mkdtempSync(join(tmpdir(), 'listenhouse-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('chooseConfigFile', () => {
  const exists = (path: string) => path === '/work/listenhouse.toml';

  it('takes --config first, then $LISTENHOUSE_CONFIG, then ./listenhouse.toml when it exists', () => {
    const env = { LISTENHOUSE_CONFIG: '/etc/lh.json' };
    expect(chooseConfigFile({ file: 'my.toml', env, cwd: '/work', exists })).toEqual({
      path: '/work/my.toml',
      namedBy: '--config',
    });
    expect(chooseConfigFile({ env, cwd: '/work', exists })).toEqual({
      path: '/etc/lh.json',
      namedBy: 'LISTENHOUSE_CONFIG',
    });
    expect(chooseConfigFile({ env: {}, cwd: '/work', exists })).toEqual({
      path: '/work/listenhouse.toml',
      namedBy: null,
    });
    expect(chooseConfigFile({ env: {}, cwd: '/elsewhere', exists })).toBeNull();
  });
});

describe('loadConfig', () => {
  it('reads the implicit ./listenhouse.toml, then the environment', () => {
    const cwd = mkdtempSync(join(dir, 'implicit-'));
    writeFileSync(join(cwd, 'listenhouse.toml'), '[server]\nport = 9100\nhost = "0.0.0.0"\n');
    const loaded = loadConfig({ cwd, env: { LISTENHOUSE_HOST: '::1' } });
    expect(loaded.file).toBe(join(cwd, 'listenhouse.toml'));
    expect(loaded.config.server).toMatchObject({ port: 9100, host: '::1' });
    expect(loaded.sources['server.port']).toEqual({ from: 'file', path: join(cwd, 'listenhouse.toml') });
  });

  it('is fine without any file', () => {
    const cwd = mkdtempSync(join(dir, 'none-'));
    expect(loadConfig({ cwd, env: {} }).file).toBeNull();
  });

  it('fails when a named file is missing, saying who named it', () => {
    expect(() => loadConfig({ cwd: dir, env: {}, file: 'missing.toml' })).toThrow(
      `Config file ${join(dir, 'missing.toml')} (named by --config) not found`,
    );
    expect(() => loadConfig({ cwd: dir, env: { LISTENHOUSE_CONFIG: 'gone.json' } })).toThrow(
      '(named by LISTENHOUSE_CONFIG) not found',
    );
  });
});
