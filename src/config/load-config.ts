import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../domain/errors.js';
import { resolveConfig, type ConfigEnv, type ConfigFlags, type LoadedConfig } from './resolve-config.js';

export const CONFIG_ENV = 'LISTENHOUSE_CONFIG';
export const DEFAULT_CONFIG_FILE = 'listenhouse.toml';

export interface LoadConfigOptions {
  /** `--config PATH`; wins over $LISTENHOUSE_CONFIG. */
  file?: string;
  env?: ConfigEnv;
  flags?: ConfigFlags;
  /** Where relative paths and the implicit ./listenhouse.toml are looked up. */
  cwd?: string;
}

/** Which file to read, and who named it: `--config`, $LISTENHOUSE_CONFIG, or nobody (./listenhouse.toml). */
export interface ConfigFileChoice {
  path: string;
  namedBy: '--config' | typeof CONFIG_ENV | null;
}

/**
 * The file a command reads: `--config PATH`, else $LISTENHOUSE_CONFIG, else ./listenhouse.toml when
 * it exists, else none.
 */
export function chooseConfigFile(options: {
  file?: string;
  env: ConfigEnv;
  cwd: string;
  exists: (path: string) => boolean;
}): ConfigFileChoice | null {
  const fromEnv = options.env[CONFIG_ENV];
  if (options.file) return { path: resolve(options.cwd, options.file), namedBy: '--config' };
  if (fromEnv) return { path: resolve(options.cwd, fromEnv), namedBy: CONFIG_ENV };
  const implicit = resolve(options.cwd, DEFAULT_CONFIG_FILE);
  return options.exists(implicit) ? { path: implicit, namedBy: null } : null;
}

/**
 * The configuration, loaded once at start: the file (see chooseConfigFile), then the environment,
 * then flags. A file named by --config or $LISTENHOUSE_CONFIG must exist.
 */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const choice = chooseConfigFile({
    ...(options.file ? { file: options.file } : {}),
    env,
    cwd: options.cwd ?? process.cwd(),
    exists: existsSync,
  });
  const file = choice ? { path: choice.path, text: readConfigText(choice) } : null;
  return resolveConfig({ file, env, ...(options.flags ? { flags: options.flags } : {}) });
}

function readConfigText(choice: ConfigFileChoice): string {
  try {
    return readFileSync(choice.path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a folder' : 'cannot be read';
    const named = choice.namedBy ? ` (named by ${choice.namedBy})` : '';
    throw new AppError(
      'INVALID_INPUT',
      `Config file ${choice.path}${named} ${what}: give the path of a listenhouse.toml or .json file${choice.namedBy ? `, or drop ${choice.namedBy} to use ./${DEFAULT_CONFIG_FILE} when there is one` : ''}.`,
      { cause: err },
    );
  }
}
