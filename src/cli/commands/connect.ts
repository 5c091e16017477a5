import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { LIVE_SOURCES, type ConnectionView, type NewConnection } from '../../live/index.js';
import { liveOn } from '../../services/index.js';
import type { Store } from '../../store/index.js';
import {
  action,
  addDbOption,
  commandConfig,
  DEFAULT_USER,
  printJson,
  usageError,
  withStoreOrServer,
  type DbOptions,
} from '../shared.js';

interface ConnectOptions extends DbOptions {
  user?: string;
  url?: string;
  set?: string[];
  credential?: string[];
  credentialEnv?: string[];
  json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `key=value`; a value that reads as a number or true/false is one (`count=500`). */
function pairs(list: string[] | undefined, option: string, read: (v: string) => unknown = typed) {
  const out: Record<string, unknown> = {};
  for (const item of list ?? []) {
    const at = item.indexOf('=');
    if (at <= 0) throw usageError(`${option} ${item}: write it as key=value`);
    out[item.slice(0, at)] = read(item.slice(at + 1));
  }
  return out;
}

function typed(value: string): unknown {
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

function fromEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '')
    throw usageError(`--credential-env: the environment variable ${name} is not set`);
  return value;
}

async function ownerId(store: Store, name: string): Promise<number> {
  const user = await store.users.findByName(name);
  if (!user) throw new AppError('NOT_FOUND', `no user "${name}": \`listenhouse users\` lists them`);
  return user.id;
}

function printConnection(c: ConnectionView): void {
  const state =
    c.status === 'failing'
      ? `failing since ${c.failingSince}: ${c.lastError}`
      : c.status === 'ok'
        ? `ok, last success ${c.lastSuccess}`
        : c.status;
  const where = typeof c.settings.url === 'string' ? ` ${c.settings.url}` : '';
  const remote = typeof c.settings.user === 'string' ? ` as ${c.settings.user}` : '';
  console.log(
    `${c.id}  ${c.user}  ${c.title}${where}${remote}  ${state}  plays ${c.plays}${c.progress ? `  (${c.progress})` : ''}`,
  );
}

/**
 * `listenhouse connect <kind>` and `listenhouse connections`: live sources (docs/sources.md, "Live
 * sources"). Through the running server's API when one holds the database (its pollers pick the
 * connection up at once), else on the file (the next `serve` polls it).
 */
export function registerConnectCommands(program: Command): void {
  const kinds = LIVE_SOURCES.map((s) => s.kind).join(', ');
  addDbOption(
    program
      .command('connect')
      .description(`Connect a live source for a user (${kinds}); credentials are stored encrypted.`)
      .argument('<kind>', kinds)
      .option('--user <name>', 'whose listens it brings', DEFAULT_USER)
      .option('--url <url>', "the service's address (a self-hosted instance); default: the public service")
      .option('--set <key=value>', 'a setting, e.g. user=RJ (repeatable; see docs/sources.md)', collect)
      .option(
        '--credential <key=value>',
        'a credential, e.g. apiKey=… (repeatable; lands in shell history)',
        collect,
      )
      .option(
        '--credential-env <key=VAR>',
        'a credential read from the environment variable VAR (repeatable)',
        collect,
      )
      .option('--json', 'print {"connection": …, "hookPath"?: …}'),
  ).action(
    action(async (kind: string, options: ConnectOptions) => {
      const settings = { ...pairs(options.set, '--set'), ...(options.url ? { url: options.url } : {}) };
      const credentials = {
        ...pairs(options.credential, '--credential', (v) => v),
        ...pairs(options.credentialEnv, '--credential-env', fromEnv),
      };
      const user = options.user ?? DEFAULT_USER;
      const added = await withStoreOrServer<NewConnection>(
        options,
        async (store) =>
          liveOn({ store, config: commandConfig(options).config }).add({
            userId: await ownerId(store, user),
            kind,
            settings,
            credentials,
          }),
        (client) =>
          client.request<NewConnection>('POST', '/api/connections', { kind, user, settings, credentials }),
      );
      if (options.json) return printJson(added);
      printConnection(added.connection);
      if (added.hookPath)
        console.log(`Webhook address (shown only now; put http://HOST:PORT in front): ${added.hookPath}`);
    }),
  );

  const connections = program.command('connections').description('List or remove live-source connections.');
  addDbOption(
    connections
      .command('list', { isDefault: true })
      .description('List the connections and their state (last success, failing since, the error).')
      .option('--user <name>', 'only this user’s')
      .option('--json', 'print {"connections": […]}'),
  ).action(
    action(async (options: ConnectOptions) => {
      const all = await withStoreOrServer<ConnectionView[]>(
        options,
        async (store) => liveOn({ store, config: commandConfig(options).config }).list(),
        async (client) =>
          (await client.get<{ connections: ConnectionView[] }>('/api/connections')).connections,
      );
      const shown = options.user ? all.filter((c) => c.user === options.user) : all;
      if (options.json) return printJson({ connections: shown });
      if (shown.length === 0) console.log('No connections: `listenhouse connect <kind>` adds one.');
      for (const c of shown) printConnection(c);
    }),
  );
  addDbOption(
    connections
      .command('remove')
      .description('Remove a connection (the listens it brought stay).')
      .argument('<id>', 'the connection id (`listenhouse connections`)')
      .option('--json', 'print {"removed": id}'),
  ).action(
    action(async (idText: string, options: ConnectOptions) => {
      const id = Number(idText);
      if (!Number.isInteger(id) || id < 1) throw usageError(`connection id ${idText}: a whole number`);
      await withStoreOrServer(
        options,
        (store) => liveOn({ store, config: commandConfig(options).config }).remove(id),
        (client) => client.request('DELETE', `/api/connections/${id}`),
      );
      if (options.json) return printJson({ removed: id });
      console.log(`Removed connection ${id}.`);
    }),
  );
}
