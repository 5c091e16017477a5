import { createServer } from 'node:net';
import { Option, type Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { buildApp } from '../../server/app.js';
import {
  localUrl,
  newLocalToken,
  removeLocalServer,
  writeLocalServer,
} from '../../server/local-credential.js';
import type { Config } from '../../config/index.js';
import { servicesOn } from '../../services/index.js';
import type { Store } from '../../store/index.js';
import { connectKafka, parseBrokers } from '../../stream/kafka-client.js';
import { ListenPublisher } from '../../stream/listen-publisher.js';
import {
  action,
  addDbOption,
  commandConfig,
  openCommandStore,
  usageError,
  type DbOptions,
} from '../shared.js';

interface ServeOptions extends DbOptions {
  host?: string;
  port?: string;
  rateLimit?: string;
  publishToKafka?: string;
  topic?: string;
}

export interface ServeSettings {
  host: string;
  port: number;
  /** Everything else the server reads: rate limit, upload limit, tokens, secrets. */
  config: Config;
  /** Printed once the server listens, with its address (npm start shows the demo token there). */
  banner: (address: string) => void;
  /** `--publish-to-kafka`: submissions go to Kafka. */
  publisher?: ListenPublisher;
}

/** The server owns the database while it runs; SIGTERM/SIGINT let in-flight requests finish first. */
export function registerServeCommand(program: Command): void {
  addDbOption(
    program
      .command('serve')
      .description(
        'Serve the REST API (/api, /docs) and the ListenBrainz (/1) and Last.fm (/2.0) scrobble APIs.',
      )
      .addOption(hostOption('address to listen on (0.0.0.0: every interface)'))
      .addOption(portOption())
      .option(
        '--rate-limit <n>',
        'requests per 10 s per token, per address without one (default: $LISTENHOUSE_RATE_LIMIT or 600)',
      )
      .option(
        '--publish-to-kafka <brokers>',
        '/1/submit-listens publishes the listens to Kafka (HOST:PORT[,…], acks=all) instead of writing them; `stream consume` writes',
      )
      .option('--topic <name>', 'the topic --publish-to-kafka publishes to'),
  ).action(
    action(async (options: ServeOptions) => {
      const settings = serveSettings(options, (address) => {
        console.log(
          `  REST API: ${address}/api/  (OpenAPI: ${address}/openapi.json, browsable at ${address}/docs)`,
        );
        console.log(
          `  ListenBrainz API: ${address}/1/  (clients: set the ListenBrainz URL to ${address}/ and a token from \`listenhouse users add NAME\`)`,
        );
        console.log(`  Last.fm clients: ${address}/2.0/  (see docs/lastfm-api.md)`);
      });
      const kafka = kafkaTarget(options);
      await ensurePortFree(settings.host, settings.port);
      const store = await openCommandStore({ ...options, create: true });
      if (!kafka) return serveDatabase(store, settings);
      const client = connectKafka({ brokers: kafka.brokers, clientId: 'listenhouse-serve' });
      try {
        const publisher = new ListenPublisher(await client.producer(), kafka.topic);
        await serveDatabase(store, {
          ...settings,
          publisher,
          banner: (address) => {
            settings.banner(address);
            console.log(
              `  /1/submit-listens publishes to Kafka topic ${kafka.topic} at ${kafka.brokers.join(',')} (acks=all): run \`listenhouse stream consume\` to store them`,
            );
          },
        });
      } finally {
        await client.close();
      }
    }),
  );
}

/** `--publish-to-kafka BROKERS --topic T`, checked before anything starts; null without the flag. */
function kafkaTarget(options: ServeOptions): { brokers: string[]; topic: string } | null {
  if (options.publishToKafka === undefined) {
    if (options.topic !== undefined)
      throw usageError('--topic names the topic --publish-to-kafka publishes to: give both, or neither.');
    return null;
  }
  const brokers = parseBrokers(options.publishToKafka);
  if (options.topic === undefined || !/^[A-Za-z0-9._-]{1,249}$/.test(options.topic))
    throw usageError(
      '--publish-to-kafka needs --topic NAME (letters, digits, . _ -; at most 249): the topic to publish the listens to.',
    );
  return { brokers, topic: options.topic };
}

/** `--host` (else server.host: LISTENHOUSE_HOST, the settings file, 127.0.0.1), for serve and start. */
export function hostOption(description: string): Option {
  return new Option('--host <host>', `${description} (default: $LISTENHOUSE_HOST or 127.0.0.1)`);
}

/** `--port` (else server.port: LISTENHOUSE_PORT, the settings file, 8080), for serve and start. */
export function portOption(): Option {
  return new Option('--port <port>', 'port to listen on (default: $LISTENHOUSE_PORT or 8080)');
}

function portInUse(host: string, port: number, cause: unknown): AppError {
  const other = port === 65535 ? port - 1 : port + 1;
  return new AppError(
    'CONFLICT',
    `Port ${port} is in use on ${host} (another listenhouse, or another program): choose another with ` +
      `--port ${other} (\`npm start -- --port ${other}\`) or LISTENHOUSE_PORT=${other}.`,
    { cause },
  );
}

/**
 * Fails with the message a user needs when nothing could listen on host:port, before any work is
 * done (the demo history, the summary). Whatever takes the port in between is still reported by
 * serveDatabase the same way.
 */
export function ensurePortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(portInUse(host, port, err));
      else if (err.code === 'EACCES')
        reject(
          new AppError(
            'CONFLICT',
            `Port ${port} on ${host} needs privileges this user lacks: choose one above 1023 with --port or LISTENHOUSE_PORT.`,
            { cause: err },
          ),
        );
      else
        reject(
          new AppError('INVALID_INPUT', `Cannot listen on ${host}:${port}: ${err.message}. Check --host.`, {
            cause: err,
          }),
        );
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** Host, port and the rest of the server's settings: flags over LISTENHOUSE_* over the settings file. */
export function serveSettings(options: ServeOptions, banner: ServeSettings['banner']): ServeSettings {
  const { config } = commandConfig(options, {
    ...(options.host !== undefined ? { 'server.host': options.host } : {}),
    ...(options.port !== undefined ? { 'server.port': options.port } : {}),
    ...(options.rateLimit !== undefined ? { 'server.rateLimit': options.rateLimit } : {}),
  });
  return { host: config.server.host, port: config.server.port, config, banner };
}

/**
 * Serves the open database until SIGTERM or SIGINT, then lets in-flight requests and import jobs
 * finish, commits, and closes. A second signal stops at once: an import job cut short shows as
 * interrupted and finishes without duplicates when run again.
 */
export async function serveDatabase(store: Store, settings: ServeSettings): Promise<void> {
  const localToken = newLocalToken();
  const services = servicesOn(store, { config: settings.config, localToken });
  const { app, prepare } = buildApp({
    services,
    ...(settings.publisher ? { publisher: settings.publisher } : {}),
  });
  await prepare();
  let address: string;
  try {
    address = await app.listen({ host: settings.host, port: settings.port });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') throw portInUse(settings.host, settings.port, err);
    throw err;
  }
  writeLocalServer(store.path, { url: localUrl(address), pid: process.pid, token: localToken });
  console.log(`listenhouse is serving ${store.path} at ${address}`);
  settings.banner(address);
  await new Promise<void>((resolve) => {
    const stop = () => {
      console.log('stopping: finishing requests and import jobs (a second Ctrl-C stops at once)…');
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  removeLocalServer(store.path);
  await app.close();
  await services.close();
  console.log('stopped: every acknowledged listen is committed');
}
