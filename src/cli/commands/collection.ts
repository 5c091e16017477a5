import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { type CollectionFilter, type CollectionItem, type CollectionPage } from '../../store/index.js';
import {
  action,
  addDbOption,
  DEFAULT_USER,
  printJson,
  usageError,
  withStoreOrServer,
  type DbOptions,
} from '../shared.js';

interface CollectionCliOptions extends DbOptions {
  user: string;
  wantlist?: boolean;
  search?: string;
  format?: string;
  year?: string;
  rating?: string;
  soundtracks?: boolean;
  limit: string;
  offset: string;
  json?: boolean;
}

/** `listenhouse collection`: the Discogs items imported (collection, or the wantlist). */
export function registerCollectionCommand(program: Command): void {
  addDbOption(
    program
      .command('collection')
      .description('Show your Discogs collection (or wantlist) as imported, by artist and title.')
      .option('--user <name>', 'whose collection', DEFAULT_USER)
      .option('--wantlist', 'the wantlist instead of the collection')
      .option('--search <text>', 'text in artist, title, label or catalogue number (case ignored)')
      .option('--format <name>', 'one format description: LP, CD, Album… ("2xLP" counts as LP)')
      .option('--year <range>', 'released in YEAR or FROM..TO (either side may be left open)')
      .option('--rating <n>', 'at least this rating (1-5)')
      .option('--soundtracks', 'only soundtracks: film, TV and game music')
      .option('--limit <n>', 'how many', '50')
      .option('--offset <n>', 'skip this many (the next page)', '0')
      .option('--json', 'print one JSON document'),
  ).action(
    action(async (options: CollectionCliOptions) => {
      const list = options.wantlist ? ('wantlist' as const) : ('collection' as const);
      const filter: Omit<CollectionFilter, 'userId'> = {
        list,
        ...(options.search ? { search: options.search } : {}),
        ...(options.format ? { format: options.format } : {}),
        ...years(options.year),
        ...(options.rating !== undefined ? { minRating: rating(options.rating) } : {}),
        ...(options.soundtracks ? { soundtracks: true } : {}),
      };
      const page = {
        limit: whole(options.limit, '--limit', 1),
        offset: whole(options.offset, '--offset', 0),
      };
      const result = await withStoreOrServer<CollectionPage & { user: string; stored: number | null }>(
        options,
        async (store) => {
          const user = await store.users.findByName(options.user);
          if (!user)
            throw new AppError(
              'NOT_FOUND',
              `No user "${options.user}": \`listenhouse users\` lists them; without --user, it is '${DEFAULT_USER}''s collection.`,
            );
          const found = await store.collection.list({ userId: user.id, ...filter }, page);
          return { user: user.name, ...found, stored: await store.collection.count(user.id) };
        },
        async (client) => ({
          ...(await client.get<CollectionPage & { user: string }>('/api/collection', {
            user: options.user,
            list,
            search: filter.search,
            format: filter.format,
            yearFrom: filter.yearFrom,
            yearTo: filter.yearTo,
            rating: filter.minRating,
            soundtracks: filter.soundtracks ? 'true' : undefined,
            ...page,
          })),
          stored: null,
        }),
      );
      const { stored, ...shown } = result;
      if (options.json) return printJson({ list, ...shown });
      if (shown.items.length === 0) {
        if (stored === 0)
          return void console.log(
            'No Discogs items yet: export your collection on discogs.com (Collection → Export) and ' +
              '`listenhouse import FILE.csv`.',
          );
        return void console.log(`Nothing in the ${list} matches.`);
      }
      console.log(render(shown.items));
      const shownTo = page.offset + shown.items.length;
      console.log(
        `\n${page.offset + 1}-${shownTo} of ${shown.total} in the ${list}` +
          (shown.next !== null ? ` (next page: --offset ${shown.next})` : ''),
      );
    }),
  );
}

function render(items: CollectionItem[]): string {
  const header = ['artist', 'title', 'label', 'cat#', 'format', 'year', 'rating', 'added'];
  const rows = items.map((i) => [
    i.artist,
    i.title,
    i.label ?? '',
    i.catalogNumber ?? '',
    i.format ?? '',
    i.releasedYear === null ? '' : String(i.releasedYear),
    i.rating === null ? '' : '★'.repeat(i.rating),
    i.addedAt?.slice(0, 10) ?? '',
  ]);
  const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);
  const limits = [28, 36, 20, 14, 22, 4, 6, 10];
  const cells = [header, ...rows].map((r) => r.map((c, i) => cut(c, limits[i] ?? 40)));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function years(value: string | undefined): { yearFrom?: number; yearTo?: number } {
  if (value === undefined) return {};
  const m = /^(\d{4})?(?:(\.\.)(\d{4})?)?$/.exec(value.trim());
  if (!m || (!m[1] && !m[3]))
    throw usageError(`--year takes YEAR or FROM..TO (1970..1979, 1990.., ..1969), not '${value}'.`);
  const from = m[1] ? Number(m[1]) : undefined;
  const to = m[2] ? (m[3] ? Number(m[3]) : undefined) : from;
  if (from !== undefined && to !== undefined && from > to)
    throw usageError(`--year ${value}: ${from} is after ${to}.`);
  return { ...(from !== undefined ? { yearFrom: from } : {}), ...(to !== undefined ? { yearTo: to } : {}) };
}

function rating(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 5) throw usageError(`--rating takes 1 to 5, not '${value}'.`);
  return n;
}

function whole(value: string, option: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw usageError(`${option} takes a whole number ≥ ${min}, not '${value}'.`);
  return n;
}
