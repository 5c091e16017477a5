import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { connectKafka, parseBrokers } from '../../stream/kafka-client.js';
import {
  MAX_BATCH_EVENTS,
  STALL_TIMEOUT_MS,
  StreamConsumer,
  fileSink,
  type ConsumeProgress,
  type StreamSink,
} from '../../stream/consumer.js';
import { renderConsumerMetrics } from '../../stream/metrics.js';
import {
  action,
  addDbOption,
  printJson,
  usageError,
  wholeNumberIn,
  withStore,
  type DbOptions,
} from '../shared.js';
import { ServerClient } from '../server-client.js';
import { serverSink } from '../stream-server-sink.js';

interface ConsumeCliOptions extends DbOptions {
  brokers: string;
  topic: string;
  group: string;
  deadLetterTopic?: string;
  exitAtEnd?: boolean;
  createUsers: boolean;
  metricsFile?: string;
  batchEvents: string;
  stallTimeout: string;
  server?: string;
  token?: string;
  json?: boolean;
}

/** Progress on stderr at most this often (stdout keeps the one --json document). */
const PROGRESS_EVERY_MS = 2000;

export function registerStreamCommands(program: Command): void {
  const stream = program
    .command('stream')
    .description('Kafka ingestion: consume listen events into the store.');
  addDbOption(
    stream
      .command('consume')
      .description(
        'Join a consumer group and store the listen events of a topic through the one write path, ' +
          'with exactly-once effect (offsets are stored with the listens). Ctrl-C stops after the batch in hand.',
      )
      .requiredOption('--brokers <list>', 'Kafka bootstrap servers, HOST:PORT[,HOST:PORT…]')
      .requiredOption('--topic <name>', 'the topic of listen events')
      .requiredOption('--group <id>', 'the consumer group: members share the partitions')
      .option(
        '--server <url>',
        'write through the listenhouse server at this address instead of a database file (with --token, an admin token)',
      )
      .option('--token <token>', "an admin's token for --server")
      .option('--dead-letter-topic <name>', 'where invalid events go, with their reason in a header')
      .option('--exit-at-end', 'consume what the topic holds now, then exit (batch runs, tests)')
      .option(
        '--no-create-users',
        'send the events of unknown users to the dead letter instead of creating them',
      )
      .option('--batch-events <n>', 'events per micro-batch (transaction) at most', String(MAX_BATCH_EVENTS))
      .option(
        '--stall-timeout <seconds>',
        'with --exit-at-end: fail (exit 1) when nothing is stored and no partition is assigned for this long',
        String(STALL_TIMEOUT_MS / 1000),
      )
      .option(
        '--metrics-file <path>',
        'keep the Prometheus metrics in this file (rewritten after each batch)',
      )
      .option('--json', 'print the totals as one JSON document; progress lines on stderr are JSON too'),
  ).action(
    action(async (options: ConsumeCliOptions) => {
      const brokers = parseBrokers(options.brokers);
      const batchEvents = wholeNumberIn(options.batchEvents, '--batch-events', { min: 1, max: 1_000_000 });
      const stallSeconds = wholeNumberIn(options.stallTimeout, '--stall-timeout', {
        min: 1,
        max: 86_400,
        unit: ' of seconds',
      });
      for (const [flag, value] of [
        ['--topic', options.topic],
        ['--group', options.group],
        ['--dead-letter-topic', options.deadLetterTopic],
      ] as const)
        if (value !== undefined && !/^[A-Za-z0-9._-]{1,249}$/.test(value))
          throw new AppError(
            'INVALID_INPUT',
            `${flag} ${JSON.stringify(value)}: use letters, digits, . _ - (at most 249)`,
          );
      if (options.server !== undefined && (options.db !== undefined || options.token === undefined))
        throw usageError(
          options.token === undefined
            ? '--server needs --token TOKEN, an admin token of that server (`listenhouse users token NAME` prints one).'
            : '--server and --db are two places to write: give one (each member writes to its own file, or all to one server).',
        );
      if (options.token !== undefined && options.server === undefined)
        throw usageError('--token goes with --server URL (the server to write through).');
      const consume = async (sink: StreamSink) => {
        const client = connectKafka({ brokers, clientId: `listenhouse-${options.group}` });
        let lastShown = 0;
        const consumer = new StreamConsumer(sink, client, {
          group: options.group,
          topic: options.topic,
          ...(options.deadLetterTopic ? { deadLetterTopic: options.deadLetterTopic } : {}),
          createUsers: options.createUsers,
          exitAtEnd: Boolean(options.exitAtEnd),
          batchEvents,
          stallTimeoutMs: stallSeconds * 1000,
          onBatch: (progress) => {
            if (options.metricsFile) void writeMetrics(options.metricsFile, progress);
            if (Date.now() - lastShown < PROGRESS_EVERY_MS) return;
            lastShown = Date.now();
            process.stderr.write((options.json ? JSON.stringify(progress) : describe(progress)) + '\n');
          },
        });
        const stop = () => consumer.stop();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        try {
          return await consumer.run();
        } finally {
          process.removeListener('SIGINT', stop);
          process.removeListener('SIGTERM', stop);
          await client.close();
        }
      };
      const report =
        options.server !== undefined
          ? await consume(
              serverSink(new ServerClient({ url: serverUrl(options.server), pid: 0, token: options.token! })),
            )
          : await withStore({ ...options, create: true }, (store) => consume(fileSink(store.db)));
      if (options.metricsFile) await writeMetrics(options.metricsFile, report);
      if (options.json) printJson(report);
      else console.log(describe(report));
    }),
  );
}

/** `--server URL`: an http(s) address, without a trailing slash (paths are appended). */
function serverUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(
      `--server ${JSON.stringify(value)}: give the server's address, like http://localhost:8080`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw usageError(`--server ${JSON.stringify(value)}: the address starts with http:// or https://`);
  return url.href.replace(/\/+$/, '');
}

function describe(p: ConsumeProgress): string {
  return (
    `${p.events.toLocaleString('en')} events: ${p.listensStored.toLocaleString('en')} listens stored, ` +
    `${p.duplicates.toLocaleString('en')} already there, ${p.rejects.toLocaleString('en')} rejected` +
    `${p.deadLettered > 0 ? ` (${p.deadLettered.toLocaleString('en')} to the dead letter)` : ''}; ` +
    `${p.eventsPerSecond.toLocaleString('en')} events/s, lag ${p.lag.toLocaleString('en')}`
  );
}

async function writeMetrics(file: string, progress: ConsumeProgress): Promise<void> {
  const { writeFile, rename } = await import('node:fs/promises');
  // Written beside, then renamed: a scraper never reads half a file.
  await writeFile(`${file}.tmp`, renderConsumerMetrics(progress));
  await rename(`${file}.tmp`, file);
}
