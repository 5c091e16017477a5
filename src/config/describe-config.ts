import { SETTINGS, type ConfigKey } from './schema.js';
import type { LoadedConfig, ValueSource } from './resolve-config.js';

/** One key as `config show` presents it: the value (a secret masked) and where it came from. */
export interface ConfigEntry {
  key: ConfigKey;
  /** The effective value; a secret's is masked, an unset optional key's is null. */
  value: string | number | boolean | null;
  secret: boolean;
  source: ValueSource;
  description: string;
}

/**
 * A secret as it may be shown: "••••" and its last two characters when it is long enough that they
 * give nothing away (12 or more), "(set)" otherwise, null when unset.
 */
export function maskSecret(secret: string | undefined): string | null {
  if (secret === undefined) return null;
  return secret.length >= 12 ? `••••${secret.slice(-2)}` : '(set)';
}

/** Every key in documentation order, secrets masked. */
export function describeConfig(loaded: LoadedConfig): ConfigEntry[] {
  const config = loaded.config as unknown as Record<string, Record<string, unknown>>;
  return SETTINGS.map(({ key, section, name, setting }) => {
    const value = config[section]?.[name];
    const secret = Boolean(setting.secret);
    return {
      key,
      value: secret ? maskSecret(value as string | undefined) : ((value ?? null) as ConfigEntry['value']),
      secret,
      source: loaded.sources[key],
      description: setting.description,
    };
  });
}
