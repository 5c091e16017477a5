import { rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import {
  KernelPool,
  RecommendationService,
  recommendationPlaylist,
  recommendationsToJspf,
  type Jspf,
} from '../../recommend/index.js';
import {
  action,
  addDbOption,
  DEFAULT_USER,
  printJson,
  usageError,
  wholeNumberIn,
  withStoreOrServer,
  type DbOptions,
} from '../shared.js';

interface RecommendationsCliOptions extends DbOptions {
  user: string;
  limit: string;
  format: string;
  out?: string;
  json?: boolean;
}

const FORMATS = ['jspf'] as const;

const HELP = `
The recordings \`listenhouse recommend show\` lists (the production recording model's, without what
the user marked "not interested" or played since), in the same order, as a JSPF playlist that
ListenBrainz and players import: each track is identified by its MusicBrainz recording URL when it is
known, keeps its title, artist, album and length, and its annotation says why it is recommended.
The playlist is dated when the list was computed, so GET /api/recommendations.jspf gives the same file.
Without --out the playlist goes to stdout.

Examples:
  listenhouse export recommendations --out for-me.jspf
  listenhouse export recommendations --user alice --limit 50 --out alice.jspf --json
`;

/** `listenhouse export recommendations`: registered by the export command group. */
export function registerRecommendationsExport(group: Command): void {
  addDbOption(
    group
      .command('recommendations')
      .description("Export a user's recommended recordings, with the reason for each, as a JSPF playlist.")
      .option('--user <name>', 'whose recommendations', DEFAULT_USER)
      .option('--limit <n>', 'tracks (1 to 100)', '25')
      .option('--format <format>', FORMATS.join(' | '), 'jspf')
      .option('--out <file>', 'write to this file (default: stdout)')
      .option('--json', 'print a summary as one JSON document (needs --out: stdout carries the playlist)')
      .addHelpText('after', HELP),
  ).action(
    action(async (options: RecommendationsCliOptions) => {
      if (!FORMATS.some((f) => f === options.format))
        throw usageError(`--format takes ${FORMATS.join(', ')}, not '${options.format}'.`);
      if (options.json && !options.out)
        throw usageError('--json needs --out FILE: without it stdout carries the playlist itself.');
      const limit = wholeNumberIn(options.limit, '--limit', { min: 1, max: 100 });
      const jspf = await withStoreOrServer(
        options,
        async (store) => {
          const user = await store.users.findByName(options.user);
          if (!user)
            throw new AppError(
              'NOT_FOUND',
              `No user "${options.user}": \`listenhouse users\` lists them; without --user, the export is '${DEFAULT_USER}''s.`,
            );
          const pool = new KernelPool(1);
          try {
            const service = new RecommendationService({ store, reads: store.reader(), pool, now: Date.now });
            return recommendationsToJspf(
              await recommendationPlaylist({ service, reads: store.reader().db, user, limit }),
            );
          } finally {
            await pool.close();
          }
        },
        (client) => client.get<Jspf>('/api/recommendations.jspf', { user: options.user, limit }),
      );
      const text = JSON.stringify(jspf, null, 2) + '\n';
      if (!options.out) {
        process.stdout.write(text);
        return;
      }
      const file = resolve(options.out);
      try {
        await writeFile(`${file}.partial`, text);
        await rename(`${file}.partial`, file);
      } catch (err) {
        await rm(`${file}.partial`, { force: true });
        throw new AppError('INTERNAL', `Could not write ${file}: ${(err as Error).message}`, { cause: err });
      }
      const summary = {
        user: options.user,
        format: 'jspf',
        title: jspf.playlist.title,
        tracks: jspf.playlist.track.length,
        computedAt: jspf.playlist.date,
        file,
      };
      if (options.json) return printJson(summary);
      console.log(`${summary.title}: ${summary.tracks} tracks written to ${file}.`);
    }),
  );
}
