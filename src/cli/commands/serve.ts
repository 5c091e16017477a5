import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { buildApp } from '../../server/app.js';
import { openDatabase, resolveDbPath } from '../../store/database.js';
import { action, addDbOption, type DbOptions } from '../shared.js';

interface ServeOptions extends DbOptions {
  host: string;
  port: string;
  rateLimit: string;
}

/** The server owns the database while it runs; SIGTERM/SIGINT let in-flight requests finish first. */
export function registerServeCommand(program: Command): void {
  addDbOption(
    program
      .command('serve')
      .description('Serve the ListenBrainz-compatible API (players scrobble to http://HOST:PORT/).')
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--port <port>', 'port', '8080')
      .option('--rate-limit <n>', 'requests per 10 s per token (per address without one)', '600'),
  ).action(
    action(async (options: ServeOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new AppError('INVALID_INPUT', `--port ${options.port}: give a port number`);
      const db = await openDatabase(resolveDbPath(options.db), {
        memoryLimit: process.env.LISTENHOUSE_DUCKDB_MEMORY ?? '1GB',
      });
      const rateLimit = Number(options.rateLimit);
      if (!Number.isInteger(rateLimit) || rateLimit < 1) {
        throw new AppError(
          'INVALID_INPUT',
          `--rate-limit ${options.rateLimit}: give a whole number of requests`,
        );
      }
      const { app } = buildApp({ db, rateLimit });
      const address = await app.listen({ host: options.host, port });
      console.log(`listenhouse is serving ${db.path} at ${address}`);
      console.log(
        `  ListenBrainz API: ${address}/1/  (clients: set the ListenBrainz URL to ${address}/ and a token from \`listenhouse users add NAME\`)`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      await app.close();
      db.close();
      console.log('stopped: every acknowledged listen is committed');
    }),
  );
}
