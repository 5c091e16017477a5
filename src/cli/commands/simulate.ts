import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { importSource, type ImportReport } from '../../ingest/import-service.js';
import {
  simulateEvents,
  simulateListens,
  toListenBrainzLine,
  type SimulationOptions,
} from '../../sim/index.js';
import { connectKafka, parseBrokers } from '../../stream/kafka-client.js';
import { simulatorEntry, simulatorFormat } from '../../sources/simulator/simulator-format.js';
import type { Store } from '../../store/index.js';
import { committedSince, describeCommitted, interruptible, lastImportRunId } from '../interrupt.js';
import { terminalProgress } from '../progress.js';
import { action, addDbOption, DEFAULT_USER, printJson, withStore, type DbOptions } from '../shared.js';

interface SimulateCliOptions extends DbOptions {
  seed: string;
  users: string;
  days: string;
  end?: string;
  perDay: string;
  artists: string;
  user?: string;
  out?: string;
  events?: boolean;
  kafkaBrokers?: string;
  topic?: string;
  rate?: string;
  api?: string;
  token?: string;
  json?: boolean;
}

export function registerSimulateCommand(program: Command): void {
  addDbOption(
    program
      .command('simulate')
      .description(
        'Generate a realistic listening history, deterministic by seed: store it (default) or write it as a ListenBrainz JSONL file.',
      )
      .option('--seed <n>', 'random seed: the same seed gives the same history', '42')
      .option('--users <n>', 'how many listeners', '1')
      .option('--days <n>', 'how many days of history, ending at --end', '365')
      .option('--end <date>', 'last day (YYYY-MM-DD, UTC; default today)')
      .option('--per-day <n>', 'mean listens per user per day', '40')
      .option('--artists <n>', 'catalogue size in artists', '2000')
      .option(
        '--user <name>',
        `with one listener: store the history as this user (default "${DEFAULT_USER}")`,
      )
      .option('--out <file>', 'write ListenBrainz JSONL here instead of storing it ("-": stdout)')
      .option(
        '--events',
        'write listen events (docs/listen-event.schema.json: listens, skips, likes, shares, playing_now) instead of ListenBrainz lines',
      )
      .option(
        '--kafka-brokers <list>',
        'publish the listen events to Kafka (HOST:PORT[,…]), keyed by user; needs --topic',
      )
      .option('--topic <name>', 'the Kafka topic of --kafka-brokers')
      .option(
        '--api <url>',
        "post the listens to a listenhouse (or ListenBrainz) server's /1/submit-listens, as --token's user",
      )
      .option('--token <token>', 'the user token --api submits with')
      .option(
        '--rate <n>',
        'events per second for --events and --kafka-brokers, listens per second for --api (default: as fast as possible)',
      )
      .option('--json', 'print the report as one JSON document'),
  ).action(
    action(async (options: SimulateCliOptions) => {
      const sim = simulationOptions(options);
      if (options.api !== undefined || options.token !== undefined) {
        const report = await postListens(sim, options);
        if (options.json) printJson(report);
        else
          console.log(
            `Submitted ${report.listens.toLocaleString('en')} listens to ${report.to} in ${report.requests} requests, ${report.seconds} s`,
          );
        return;
      }
      if (options.kafkaBrokers || options.events) {
        const report = await publishEvents(sim, options);
        if (options.json) printJson(report);
        else if (options.out !== '-')
          console.error(
            `Wrote ${report.events.toLocaleString('en')} events (${report.listens.toLocaleString('en')} listens) to ${report.to} in ${report.seconds} s`,
          );
        return;
      }
      if (options.out) {
        const written = await writeJsonl(sim, options.out);
        if (options.json) printJson({ file: options.out, listens: written });
        else console.log(`Wrote ${written.toLocaleString('en')} listens to ${options.out}`);
        return;
      }
      const report = await withStore({ ...options, create: true }, async (store) => {
        const before = await lastImportRunId(store);
        return interruptible(
          () =>
            storeSimulation(
              store,
              { ...sim, ...(options.user ? { userName: options.user } : {}) },
              !options.json,
            ),
          async () =>
            `Interrupted. Committed before the stop: ${describeCommitted(await committedSince(store, before))}. ` +
            'Run the same command again to store the rest: the same seed gives the same listens, and nothing is stored twice.',
        );
      });
      if (options.json) printJson(report);
      else {
        const f = report.files[0]!;
        console.log(
          `${f.formatTitle}: ${f.inserted} listens stored, ${f.duplicates} already there, ` +
            `${Object.values(f.skipped).reduce((a, b) => a + b, 0)} skipped plays, in ${f.seconds} s`,
        );
      }
    }),
  );
}

/** Stores a simulated history through the one write path. One listener is the default user unless named. */
export async function storeSimulation(
  store: Store,
  sim: SimulationOptions & { userName?: string },
  progress: boolean,
): Promise<ImportReport> {
  const userName = sim.users === 1 ? (sim.userName ?? DEFAULT_USER) : undefined;
  return importSource(store.db, {
    display: simulatorEntry(sim.seed).path,
    format: simulatorFormat({ ...sim, ...(userName ? { userName } : {}) }),
    entries: [simulatorEntry(sim.seed)],
    defaultUserName: DEFAULT_USER,
    ...(userName ? { userName } : {}),
    progress: progress ? terminalProgress(true) : undefined,
  });
}

function simulationOptions(o: SimulateCliOptions): SimulationOptions {
  const whole = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min)
      throw new AppError('INVALID_INPUT', `--${name} ${v}: give a whole number ≥ ${min}`);
    return n;
  };
  let end = Date.now();
  if (o.end) {
    end = Date.parse(`${o.end}T00:00:00Z`) + 86_400_000;
    if (!Number.isFinite(end))
      throw new AppError('INVALID_INPUT', `--end ${o.end}: give a date as YYYY-MM-DD`);
  }
  const perDay = Number(o.perDay);
  if (!(perDay > 0)) throw new AppError('INVALID_INPUT', `--per-day ${o.perDay}: give a positive number`);
  return {
    seed: whole('seed', o.seed, 0),
    users: whole('users', o.users, 1),
    days: whole('days', o.days, 1),
    end,
    listensPerUserPerDay: perDay,
    artists: whole('artists', o.artists, 10),
  };
}

async function writeJsonl(sim: SimulationOptions, path: string): Promise<number> {
  const out = createWriteStream(path);
  let n = 0;
  for (const l of simulateListens(sim)) {
    if (!out.write(toListenBrainzLine(l) + '\n')) await once(out, 'drain');
    n++;
  }
  out.end();
  await once(out, 'finish');
  return n;
}

interface PublishReport {
  to: string;
  events: number;
  listens: number;
  byType: Record<string, number>;
  seconds: number;
  eventsPerSecond: number;
}

/**
 * The simulated history as listen events, to Kafka (--kafka-brokers, --topic), a file (--out) or
 * stdout, at --rate events per second or as fast as the target takes them.
 */
async function publishEvents(sim: SimulationOptions, o: SimulateCliOptions): Promise<PublishReport> {
  if (o.kafkaBrokers && !o.topic)
    throw new AppError('INVALID_INPUT', '--kafka-brokers needs --topic: the topic to publish the events to');
  const rate = o.rate === undefined ? null : Number(o.rate);
  if (rate !== null && !(rate > 0))
    throw new AppError('INVALID_INPUT', `--rate ${o.rate}: give a positive number of events per second`);
  const client = o.kafkaBrokers
    ? connectKafka({ brokers: parseBrokers(o.kafkaBrokers), clientId: 'listenhouse-simulate' })
    : null;
  const producer = client ? await client.producer() : null;
  const file = !client && o.out && o.out !== '-' ? createWriteStream(o.out) : null;
  const started = performance.now();
  const byType: Record<string, number> = {};
  let events = 0;
  let chunk: { key: string; value: string }[] = [];
  const chunkSize = rate === null ? 2000 : Math.max(1, Math.min(2000, Math.floor(rate / 20)));
  const send = async () => {
    if (chunk.length === 0) return;
    if (producer) await producer.send(o.topic!, chunk);
    else {
      const text = chunk.map((e) => e.value).join('\n') + '\n';
      const out = file ?? process.stdout;
      if (!out.write(text)) await once(out, 'drain');
    }
    chunk = [];
    if (rate !== null) {
      // Paced by the clock: event k leaves k / rate seconds after the first.
      const due = started + (events / rate) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };
  try {
    for (const e of simulateEvents(sim)) {
      chunk.push(e);
      events++;
      byType[e.type] = (byType[e.type] ?? 0) + 1;
      if (chunk.length >= chunkSize) await send();
    }
    await send();
  } finally {
    if (file) {
      file.end();
      await once(file, 'finish');
    }
    await client?.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    to: client ? `kafka ${o.kafkaBrokers} topic ${o.topic}` : file ? o.out! : 'stdout',
    events,
    listens: byType.listen ?? 0,
    byType,
    seconds: Math.round(seconds * 1000) / 1000,
    eventsPerSecond: Math.round(events / seconds),
  };
}

/** Listens per request to /1/submit-listens (ListenBrainz takes at most 1,000). */
const API_BATCH = 500;

interface PostReport {
  to: string;
  listens: number;
  requests: number;
  seconds: number;
  listensPerSecond: number;
}

/**
 * The simulated listens, posted to a server's /1/submit-listens as `import` submissions of up to
 * API_BATCH listens, as the token's user, at --rate listens per second or as fast as it answers.
 */
async function postListens(sim: SimulationOptions, o: SimulateCliOptions): Promise<PostReport> {
  if (o.api === undefined || o.token === undefined || o.token === '')
    throw new AppError(
      'INVALID_INPUT',
      '--api needs --token (and --token needs --api): the server and the user token to submit with',
    );
  let base: URL;
  try {
    base = new URL(o.api);
  } catch {
    throw new AppError('INVALID_INPUT', `--api ${o.api}: give the server's URL, like http://localhost:8080`);
  }
  if (sim.users !== 1)
    throw new AppError(
      'INVALID_INPUT',
      `--api stores every listen as --token's user: simulate one listener (--users 1), not ${sim.users}`,
    );
  const rate = o.rate === undefined ? null : Number(o.rate);
  if (rate !== null && !(rate > 0))
    throw new AppError('INVALID_INPUT', `--rate ${o.rate}: give a positive number of listens per second`);
  const url = new URL('1/submit-listens', base.href.endsWith('/') ? base : `${base.href}/`);
  const started = performance.now();
  let listens = 0;
  let requests = 0;
  let batch: unknown[] = [];
  const post = async () => {
    if (batch.length === 0) return;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Token ${o.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ listen_type: 'import', payload: batch }),
      });
    } catch (err) {
      throw new AppError(
        'UPSTREAM_UNAVAILABLE',
        `Could not reach ${url.href} (${(err as Error).message}): is the server running?`,
        {
          cause: err,
        },
      );
    }
    if (res.status !== 200) {
      const body = await res.text();
      let message = body.slice(0, 300);
      try {
        message = (JSON.parse(body) as { error?: string }).error ?? message;
      } catch {
        // not JSON: the text as it came
      }
      throw new AppError(
        res.status >= 500 || res.status === 429 ? 'UPSTREAM_UNAVAILABLE' : 'INVALID_INPUT',
        `${url.href} answered ${res.status} after ${listens.toLocaleString('en')} listens were accepted: ${message}`,
      );
    }
    listens += batch.length;
    requests++;
    batch = [];
    if (rate !== null) {
      const wait = started + (listens / rate) * 1000 - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };
  const size = rate === null ? API_BATCH : Math.max(1, Math.min(API_BATCH, Math.floor(rate / 10)));
  for (const l of simulateListens(sim)) {
    const line = JSON.parse(toListenBrainzLine(l)) as Record<string, unknown>;
    delete line.user_name;
    batch.push(line);
    if (batch.length >= size) await post();
  }
  await post();
  const seconds = (performance.now() - started) / 1000;
  return {
    to: url.href,
    listens,
    requests,
    seconds: Math.round(seconds * 1000) / 1000,
    listensPerSecond: seconds > 0 ? Math.round(listens / seconds) : 0,
  };
}
