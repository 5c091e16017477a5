export { describeConfig, maskSecret, type ConfigEntry } from './describe-config.js';
export {
  chooseConfigFile,
  CONFIG_ENV,
  DEFAULT_CONFIG_FILE,
  loadConfig,
  type ConfigFileChoice,
  type LoadConfigOptions,
} from './load-config.js';
export {
  parseConfigFile,
  resolveConfig,
  type ConfigEnv,
  type ConfigFile,
  type ConfigFlags,
  type LoadedConfig,
  type ValueSource,
} from './resolve-config.js';
export {
  configSchema,
  SETTINGS,
  type Config,
  type ConfigKey,
  type SectionName,
  type SettingEntry,
} from './schema.js';
export { SECTIONS } from './sections/index.js';
