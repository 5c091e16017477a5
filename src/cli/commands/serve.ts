import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { buildApp } from '../../server/app.js';
import {
  localUrl,
  newLocalToken,
  removeLocalServer,
  writeLocalServer,
} from '../../server/local-credential.js';
import { openDatabase, resolveDbPath, type Database } from '../../store/database.js';
import { action, addDbOption, type DbOptions } from '../shared.js';

interface ServeOptions extends DbOptions {
  host: string;
  port: string;
  rateLimit: string;
}

export interface ServeSettings {
  host: string;
  port: number;
  rateLimit: number;
  /** Printed once the server listens, with its address (npm start shows the demo token there). */
  banner: (address: string) => void;
}

/** The server owns the database while it runs; SIGTERM/SIGINT let in-flight requests finish first. */
export function registerServeCommand(program: Command): void {
  addDbOption(
    program
      .command('serve')
      .description(
        'Serve the REST API (/api, /docs) and the ListenBrainz (/1) and Last.fm (/2.0) scrobble APIs.',
      )
      .option('--host <host>', 'address to listen on (0.0.0.0: every interface)', '127.0.0.1')
      .option('--port <port>', 'port', '8080')
      .option('--rate-limit <n>', 'requests per 10 s per token (per address without one)', '600'),
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
      const db = await openDatabase(resolveDbPath(options.db), {
        memoryLimit: process.env.LISTENHOUSE_DUCKDB_MEMORY ?? '1GB',
      });
      await serveDatabase(db, settings);
    }),
  );
}

export function serveSettings(
  options: { host: string; port: string; rateLimit: string },
  banner: ServeSettings['banner'],
): ServeSettings {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new AppError('INVALID_INPUT', `--port ${options.port}: give a port number`);
  const rateLimit = Number(options.rateLimit);
  if (!Number.isInteger(rateLimit) || rateLimit < 1)
    throw new AppError('INVALID_INPUT', `--rate-limit ${options.rateLimit}: give a whole number of requests`);
  return { host: options.host, port, rateLimit, banner };
}

/**
 * Serves the open database until SIGTERM or SIGINT, then lets in-flight requests and import jobs
 * finish, commits, and closes. A second signal stops at once: an import job cut short shows as
 * interrupted and finishes without duplicates when run again.
 */
export async function serveDatabase(db: Database, settings: ServeSettings): Promise<void> {
  const localToken = newLocalToken();
  const { app, prepare } = buildApp({ db, rateLimit: settings.rateLimit, localToken });
  await prepare();
  let address: string;
  try {
    address = await app.listen({ host: settings.host, port: settings.port });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE')
      throw new AppError(
        'CONFLICT',
        `Port ${settings.port} on ${settings.host} is in use: choose another with --port.`,
        {
          cause: err,
        },
      );
    throw err;
  }
  writeLocalServer(db.path, { url: localUrl(address), pid: process.pid, token: localToken });
  console.log(`listenhouse is serving ${db.path} at ${address}`);
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
  removeLocalServer(db.path);
  await app.close();
  db.close();
  console.log('stopped: every acknowledged listen is committed');
}
