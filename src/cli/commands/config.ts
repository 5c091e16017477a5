import type { Command } from 'commander';
import { describeConfig, loadConfig, type ConfigEntry, type LoadedConfig } from '../../config/index.js';
import { action, printJson } from '../shared.js';

interface ShowOptions {
  config?: string;
  json?: boolean;
}

/** `config show`: the effective configuration and where each value came from (docs/configuration.md). */
export function registerConfigCommands(program: Command): void {
  const config = program
    .command('config')
    .description('The configuration: listenhouse.toml, environment variables and flags.');

  config
    .command('show')
    .description('Print every setting, its effective value (secrets masked) and where it came from.')
    .option(
      '--config <path>',
      'config file (default: $LISTENHOUSE_CONFIG, else ./listenhouse.toml if present)',
    )
    .option('--json', 'print one JSON document')
    .action(
      action((options: ShowOptions) => {
        const loaded = loadConfig(options.config ? { file: options.config } : {});
        if (options.json) printJson(configDocument(loaded));
        else process.stdout.write(configTable(loaded));
        return Promise.resolve();
      }),
    );
}

/** `{ file, settings: { "server.port": { value, from, … } } }`: a key's source fields sit beside its value. */
function configDocument(loaded: LoadedConfig) {
  const settings = Object.fromEntries(
    describeConfig(loaded).map((e) => [e.key, { value: e.value, secret: e.secret, ...e.source }]),
  );
  return { file: loaded.file, settings };
}

function configTable(loaded: LoadedConfig): string {
  const entries = describeConfig(loaded);
  const rows = [['key', 'value', 'from'], ...entries.map((e) => [e.key, shown(e), from(e)])];
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) =>
    r
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell))
      .join('  ')
      .trimEnd(),
  );
  const file = loaded.file ? `Config file: ${loaded.file}` : 'Config file: none (defaults and environment)';
  return `${file}\n\n${lines.join('\n')}\n`;
}

function shown(entry: ConfigEntry): string {
  return entry.value === null ? '(not set)' : String(entry.value);
}

function from(entry: ConfigEntry): string {
  const s = entry.source;
  switch (s.from) {
    case 'default':
      return 'default';
    case 'file':
      return 'file';
    case 'env':
      return `env ${s.variable}`;
    case 'flag':
      return `flag ${s.flag}`;
  }
}
