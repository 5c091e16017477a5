import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { AppError } from '../domain/errors.js';
import { configSchema, SETTINGS, type Config, type ConfigKey, type SectionName } from './schema.js';
import { SECTIONS } from './sections/index.js';
import type { Setting } from './setting.js';

/** A config file's path (as messages should name it) and its text. */
export interface ConfigFile {
  path: string;
  text: string;
}

/** Where a key's effective value came from. */
export type ValueSource =
  | { from: 'default' }
  | { from: 'file'; path: string }
  | { from: 'env'; variable: string }
  | { from: 'flag'; flag: string };

/**
 * Values a command's flags gave, by key (`{ 'server.port': options.port }`). Strings are read like
 * environment text; `undefined` means the flag was not given, so a command must not pass
 * commander's defaults here.
 */
export type ConfigFlags = Partial<Record<ConfigKey, string | number | boolean | undefined>>;

export type ConfigEnv = Readonly<Record<string, string | undefined>>;

export interface LoadedConfig {
  config: Config;
  /** For every key, where its value came from. */
  sources: Record<ConfigKey, ValueSource>;
  /** The config file read, if any. */
  file: string | null;
}

const DOCS = 'docs/configuration.md';

interface Problem {
  where: string;
  key: string;
  message: string;
  /** Problems are listed file first (in line order), then the environment, then flags. */
  rank?: number;
}

const ENV_RANK = Number.MAX_SAFE_INTEGER - 1;
const FLAG_RANK = Number.MAX_SAFE_INTEGER;

/**
 * The configuration from a file's text, an environment and flags: flags win over the environment,
 * which wins over the file, which wins over the defaults. Every value given is checked, even one
 * a higher source overrides, and every problem is reported in one AppError('INVALID_INPUT').
 * An empty environment variable counts as unset.
 */
export function resolveConfig(input: {
  file?: ConfigFile | null;
  env?: ConfigEnv;
  flags?: ConfigFlags;
}): LoadedConfig {
  const { file = null, env = {}, flags = {} } = input;
  const problems: Problem[] = [];
  const data = file ? checkFileShape(file, parseConfigFile(file), problems) : {};

  const config: Record<string, Record<string, unknown>> = {};
  const sources = {} as Record<ConfigKey, ValueSource>;
  for (const { key, section, name, setting } of SETTINGS) {
    const given: { value: unknown; source: ValueSource; where: string; rank: number }[] = [];
    const flag = flags[key];
    if (flag !== undefined && setting.flag) {
      given.push({
        value: typeof flag === 'string' ? setting.fromText(flag) : flag,
        source: { from: 'flag', flag: setting.flag },
        where: `flag ${setting.flag}`,
        rank: FLAG_RANK,
      });
    }
    const text = setting.env ? env[setting.env] : undefined;
    if (setting.env && text !== undefined && text !== '') {
      given.push({
        value: setting.fromText(text),
        source: { from: 'env', variable: setting.env },
        where: `environment ${setting.env}`,
        rank: ENV_RANK,
      });
    }
    const table = data[section];
    if (file && table && Object.hasOwn(table, name)) {
      given.push({
        value: fromFile(setting, table[name], file.path),
        source: { from: 'file', path: file.path },
        ...fileWhere(file, section, name),
      });
    }

    let value: unknown;
    for (const [i, g] of given.entries()) {
      const checked = setting.schema.safeParse(g.value);
      if (!checked.success) {
        problems.push({ where: g.where, rank: g.rank, key, message: expected(setting, g.value) });
      } else if (i === 0) {
        value = checked.data;
      }
    }
    if (given.length === 0) value = setting.schema.parse(undefined);
    (config[section] ??= {})[name] = value;
    sources[key] = given[0]?.source ?? { from: 'default' };
  }
  if (problems.length > 0) throw invalid(problems);

  // The per-key checks cover the section schemas today; this keeps rules that span keys honest.
  const whole = configSchema.safeParse(config);
  if (!whole.success) {
    throw invalid(
      whole.error.issues.map((issue) => {
        const key = issue.path.join('.');
        const source = sources[key as ConfigKey] ?? { from: 'default' };
        return { where: describeSource(source), key, message: issue.message };
      }),
    );
  }
  return { config: whole.data, sources, file: file?.path ?? null };
}

/** A `.json` file is JSON; anything else TOML. Syntax errors name the file, line and column. */
export function parseConfigFile(file: ConfigFile): Record<string, unknown> {
  if (isJson(file.path)) {
    try {
      const parsed: unknown = JSON.parse(file.text);
      if (!isTable(parsed)) {
        throw new AppError(
          'INVALID_INPUT',
          `Invalid configuration: ${file.path}: expected one JSON object with a key per section ({"server": {"port": 8080}}), got ${describe(parsed, false)}.`,
        );
      }
      return parsed;
    } catch (err) {
      if (err instanceof AppError) throw err;
      const reason = (err as Error).message;
      const position = /position (\d+)/.exec(reason);
      const at = position ? lineAndColumn(file.text, Number(position[1])) : null;
      const where = at ? `${file.path}:${at.line}:${at.column}` : file.path;
      throw new AppError(
        'INVALID_INPUT',
        `Invalid configuration: ${where}: not valid JSON (${reason.replace(/\s*\(line \d+ column \d+\)/, '')}). Fix the syntax there.`,
        { cause: err },
      );
    }
  }
  try {
    return parseToml(file.text);
  } catch (err) {
    if (!(err instanceof TomlError)) throw err;
    const reason = err.message.replace(/^Invalid TOML document:\s*/, '').split('\n')[0];
    throw new AppError(
      'INVALID_INPUT',
      `Invalid configuration: ${file.path}:${err.line}:${err.column}: not valid TOML: ${reason}. Fix the syntax there (TOML: https://toml.io).\n\n${err.codeblock}`,
      { cause: err },
    );
  }
}

/** Unknown sections and keys become problems; what is left is one table per known section. */
function checkFileShape(
  file: ConfigFile,
  data: Record<string, unknown>,
  problems: Problem[],
): Partial<Record<SectionName, Record<string, unknown>>> {
  const tables: Partial<Record<SectionName, Record<string, unknown>>> = {};
  const sectionNames = Object.keys(SECTIONS);
  for (const [section, table] of Object.entries(data)) {
    if (!Object.hasOwn(SECTIONS, section)) {
      problems.push({
        ...fileWhere(file, section),
        key: section,
        message: `unknown section${suggestion(section, sectionNames)}. Known sections: ${sectionNames.join(', ')}.`,
      });
      continue;
    }
    const known = Object.keys(SECTIONS[section as SectionName].settings);
    if (!isTable(table)) {
      problems.push({
        ...fileWhere(file, section),
        key: section,
        message: `expected a table of settings (${known.join(', ')}), got ${describe(table, false)}.`,
      });
      continue;
    }
    for (const name of Object.keys(table)) {
      if (known.includes(name)) continue;
      problems.push({
        ...fileWhere(file, section, name),
        key: `${section}.${name}`,
        message: `unknown key${suggestion(name, known, `${section}.`)}. Known keys of ${section}: ${known.join(', ')}.`,
      });
    }
    tables[section as SectionName] = table;
  }
  return tables;
}

function fromFile(setting: Setting, value: unknown, filePath: string): unknown {
  // A path in a file means the same wherever the command runs; ':memory:' is DuckDB's, not a file.
  if (
    setting.path &&
    typeof value === 'string' &&
    value !== '' &&
    !value.startsWith(':') &&
    !isAbsolute(value)
  )
    return resolve(dirname(filePath), value);
  return value;
}

function expected(setting: Setting, value: unknown): string {
  return `expected ${setting.expects}, got ${describe(value, Boolean(setting.secret))}.`;
}

/** A value as a message shows it; a secret's only by its kind. */
function describe(value: unknown, secret: boolean): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a table';
  if (value === '') return 'an empty string';
  if (typeof value === 'string') return secret ? 'a string' : JSON.stringify(value);
  if (secret) return `a ${typeof value}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return typeof value;
}

function describeSource(source: ValueSource): string {
  switch (source.from) {
    case 'default':
      return 'default';
    case 'file':
      return source.path;
    case 'env':
      return `environment ${source.variable}`;
    case 'flag':
      return `flag ${source.flag}`;
  }
}

function invalid(problems: Problem[]): AppError {
  const lines = [...problems]
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
    .map((p) => `${p.where}: ${p.key}: ${p.message}`);
  const fix = `Fix or remove ${problems.length === 1 ? 'it' : 'them'}; ${DOCS} lists every key.`;
  return new AppError(
    'INVALID_INPUT',
    lines.length === 1
      ? `Invalid configuration: ${lines[0]} ${fix}`
      : `Invalid configuration:\n  ${lines.join('\n  ')}\n${fix}`,
  );
}

/** Names close enough to be a typo (`rate_limit`, `prot`): " (did you mean server.rateLimit?)". */
function suggestion(name: string, known: string[], prefix = ''): string {
  const squash = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const best = known
    .map((k) => ({ k, d: squash(k) === squash(name) ? 0 : editDistance(squash(k), squash(name)) }))
    .sort((a, b) => a.d - b.d)[0];
  return best && best.d <= 2 ? ` (did you mean ${prefix}${best.k}?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** `path:line` for a section or key when the file's text shows where it is, else `path`. */
function fileWhere(file: ConfigFile, section: string, name?: string): { where: string; rank: number } {
  const line = isJson(file.path) ? jsonLine(file.text, section, name) : tomlLine(file.text, section, name);
  return line === undefined ? { where: file.path, rank: 0 } : { where: `${file.path}:${line}`, rank: line };
}

function tomlLine(text: string, section: string, name?: string): number | undefined {
  const quoted = (s: string) => `["']?${escapeRegExp(s)}["']?`;
  const header = /^\s*\[\s*([^[\]]+?)\s*\]/;
  const lines = text.split(/\r?\n/);
  let table: string | null = null;
  let sectionLine: number | undefined;
  for (const [i, line] of lines.entries()) {
    const h = header.exec(line);
    if (h) {
      table = (h[1] ?? '').replace(/["'\s]/g, '');
      if (table === section) sectionLine ??= i + 1;
      continue;
    }
    if (table === null && new RegExp(`^\\s*${quoted(section)}\\s*[.=]`).test(line)) sectionLine ??= i + 1;
    if (name === undefined) continue;
    if (table === section && new RegExp(`^\\s*${quoted(name)}\\s*=`).test(line)) return i + 1;
    if (table === null && new RegExp(`^\\s*${quoted(section)}\\s*\\.\\s*${quoted(name)}\\s*=`).test(line))
      return i + 1;
  }
  return sectionLine;
}

function jsonLine(text: string, section: string, name?: string): number | undefined {
  const start = text.search(new RegExp(`"${escapeRegExp(section)}"\\s*:`));
  if (start < 0) return undefined;
  const inside =
    name === undefined ? -1 : text.slice(start).search(new RegExp(`"${escapeRegExp(name)}"\\s*:`));
  return lineAndColumn(text, inside < 0 ? start : start + inside).line;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isJson(path: string): boolean {
  return path.toLowerCase().endsWith('.json');
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
