import type { Command } from 'commander';
import { ENRICH_TASKS, type EnrichBatchReport } from '../../enrich/index.js';
import { enrichmentOn } from '../../services/index.js';
import {
  action,
  addDbOption,
  commandConfig,
  printJson,
  usageError,
  withStoreOrServer,
  type DbOptions,
} from '../shared.js';

interface EnrichCliOptions extends DbOptions {
  only?: string;
  limit?: string;
  json?: boolean;
}

const HELP = `
Covers come from the Cover Art Archive, then Discogs, then Spotify (enrich.coverSources; Discogs needs
enrich.discogsToken, Spotify enrich.spotifyClientId and enrich.spotifyClientSecret); genres from
MusicBrainz (the imported catalogue, else its web service), then Discogs styles, then a keyword guess;
descriptions from enrich.llmUrl (an OpenAI-compatible endpoint), else the template "Title by Artist
(Year)". Every answer is kept, so running it again asks only what is new. Only matched listens are
enriched: \`listenhouse catalog match\` first. collection-covers fetches the cover of each release of
the Discogs collection and wantlist (\`listenhouse import\` a Discogs export first) from Discogs'
release endpoint (needs enrich.discogsToken; up to three requests a release, at enrich.discogsPerMinute):
\`listenhouse export collection --format pdf\` shows them. A running server enriches by itself when
enrich.background is on.

Examples:
  listenhouse enrich
  listenhouse enrich --only covers --limit 200 --json
  listenhouse enrich --only collection-covers --limit 500
`;

/** `listenhouse enrich`: one batch of enrichment now. */
export function registerEnrichCommand(program: Command): void {
  addDbOption(
    program
      .command('enrich')
      .description(
        'Fetch covers, genres and descriptions for your most played matched albums and artists, and the covers of your Discogs collection (one batch).',
      )
      .option('--only <task>', ENRICH_TASKS.join(' | '))
      .option('--limit <n>', 'entities per task in this batch (default: enrich.batchSize, 25)')
      .option('--json', 'print the report as one JSON document')
      .addHelpText('after', HELP),
  ).action(
    action(async (options: EnrichCliOptions) => {
      const only = options.only === undefined ? undefined : ENRICH_TASKS.find((t) => t === options.only);
      if (options.only !== undefined && !only)
        throw usageError(`--only takes ${ENRICH_TASKS.join(', ')}, not '${options.only}'.`);
      const limit = options.limit === undefined ? undefined : Number(options.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 10_000))
        throw usageError(`--limit takes a whole number from 1 to 10000, not '${options.limit}'.`);
      const ask = { ...(only ? { only } : {}), ...(limit ? { limit } : {}) };
      const report = await withStoreOrServer(
        options,
        async (store) => {
          const enrichment = enrichmentOn(store, commandConfig(options).config);
          const interrupt = new AbortController();
          const stop = () => interrupt.abort();
          process.once('SIGINT', stop);
          try {
            return await enrichment.service.runBatch({ ...ask, signal: interrupt.signal });
          } finally {
            process.off('SIGINT', stop);
          }
        },
        (client) => client.request<EnrichBatchReport>('POST', '/api/enrich/run', ask),
      );
      if (options.json) return printJson(report);
      console.log(describe(report));
    }),
  );
}

function describe(report: EnrichBatchReport): string {
  const lines = report.tasks.map((t) => {
    if (t.skipped) return `${t.task}: skipped, ${t.skipped}`;
    const sources = Object.entries(t.bySource)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ');
    return `${t.task}: ${t.done} looked at, ${t.found} found${sources ? ` (${sources})` : ''}, ${t.none} with nothing, ${t.failed} failed (tried again later)`;
  });
  lines.push(
    `requests: ${report.http.sent} sent, ${report.http.cached} answered from the cache, ${report.http.retried} retried; ${report.seconds.toFixed(1)} s`,
  );
  for (const p of report.progress)
    lines.push(`  ${p.task.padEnd(12)} ${p.found}/${p.total} found, ${p.remaining} left`);
  if (report.progress.every((p) => p.total === 0))
    lines.push('Nothing to enrich yet: enrichment works on matched listens (`listenhouse catalog match`).');
  return lines.join('\n');
}
