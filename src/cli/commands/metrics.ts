import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { runMetrics } from '../../stream/metrics-run.js';
import { action, addDbOption, printJson, withStore, type DbOptions } from '../shared.js';

interface MetricsCliOptions extends DbOptions {
  day?: string;
  from?: string;
  to?: string;
  json?: boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayOf(flag: string, value: string): string {
  if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new AppError('INVALID_INPUT', `${flag} ${value}: give a day as YYYY-MM-DD (UTC)`);
  return value;
}

export function registerMetricsCommands(program: Command): void {
  const metrics = program
    .command('metrics')
    .description('Batch metrics (gold) per day, with the run monitored.');
  addDbOption(
    metrics
      .command('run')
      .description(
        'Compute and store the metrics of a day or a range (default: yesterday, UTC): top artists and tracks, ' +
          'genres by hour, listens by country, platform and device, likes, shares and skip rate per track.',
      )
      .option('--day <date>', 'one day, YYYY-MM-DD (UTC)')
      .option('--from <date>', 'first day of a range, YYYY-MM-DD')
      .option('--to <date>', 'last day of a range, YYYY-MM-DD')
      .option('--json', 'print the run as one JSON document'),
  ).action(
    action(async (options: MetricsCliOptions) => {
      if (options.day && (options.from || options.to))
        throw new AppError('INVALID_INPUT', 'give either --day or --from/--to, not both');
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const from = options.day
        ? dayOf('--day', options.day)
        : options.from
          ? dayOf('--from', options.from)
          : yesterday;
      const to = options.day
        ? from
        : options.to
          ? dayOf('--to', options.to)
          : options.from
            ? from
            : yesterday;
      if (to < from) throw new AppError('INVALID_INPUT', `--to ${to} is before --from ${from}`);
      const run = await withStore(options, (store) => runMetrics(store.db, { from, to }));
      if (options.json) printJson(run);
      else {
        console.log(
          `Metrics of ${from === to ? from : `${from} to ${to}`}: ${run.listensIn.toLocaleString('en')} listens and ` +
            `${run.eventsIn.toLocaleString('en')} events in (${run.rejects.toLocaleString('en')} rejected), ` +
            `${run.rowsOut.toLocaleString('en')} metric rows out; ` +
            run.phases.map((p) => `${p.phase} ${p.ms} ms`).join(', '),
        );
        if (run.alert) console.log(`Alert: ${run.alert}`);
      }
    }),
  );
}
