import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeConfig, maskSecret } from './describe-config.js';
import { resolveConfig } from './resolve-config.js';
import { SETTINGS } from './schema.js';

describe('maskSecret', () => {
  it('shows the last two characters of a long secret only', () => {
    expect(maskSecret('0123456789abcdef')).toBe('••••ef');
    expect(maskSecret('short-secret')).toBe('••••et');
    expect(maskSecret('eleven-char')).toBe('(set)');
    expect(maskSecret(undefined)).toBeNull();
  });
});

describe('describeConfig', () => {
  it('masks secrets, shows unset keys as null and keeps each source', () => {
    const loaded = resolveConfig({
      file: { path: '/x/listenhouse.toml', text: '[lastfm]\nsecret = "a-very-long-shared-secret"\n' },
      env: { LISTENHOUSE_PORT: '9000' },
    });
    const entries = Object.fromEntries(describeConfig(loaded).map((e) => [e.key, e]));
    expect(entries['lastfm.secret']).toMatchObject({
      value: '••••et',
      secret: true,
      source: { from: 'file', path: '/x/listenhouse.toml' },
    });
    expect(entries['server.metricsToken']).toMatchObject({ value: null, secret: true });
    expect(entries['server.port']).toMatchObject({
      value: 9000,
      secret: false,
      source: { from: 'env', variable: 'LISTENHOUSE_PORT' },
    });
    expect(JSON.stringify(describeConfig(loaded))).not.toContain('shared-secret');
  });
});

describe('docs/configuration.md', () => {
  const doc = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');

  it.each(SETTINGS.map((s) => [s.key, s.setting.env] as const))(
    'documents %s and its variable',
    (key, env) => {
      expect(doc).toContain(`\`${key}\``);
      if (env) expect(doc).toContain(`\`${env}\``);
    },
  );
});
