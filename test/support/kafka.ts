import { spawn, spawnSync } from 'node:child_process';
import { openSync, readFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { connectKafka, type OutgoingMessage, type StreamMessage } from '../../src/stream/kafka-client.js';

/**
 * Whether `kcat` (Debian package kcat) is installed, and Python can load the librdkafka it brings:
 * its librdkafka mock cluster is the tests' Kafka (kcat starts it; test/support/python starts it with
 * topics of a chosen size). Without them the streaming suites are skipped with a line naming what is
 * missing — except under CI, where a missing program fails the run (.ci/run installs them).
 */
const kcatRuns = spawnSync('kcat', ['-V'], { stdio: 'ignore' }).status === 0;
const pythonLoadsLibrdkafka =
  spawnSync('python3', ['-c', 'import ctypes; ctypes.CDLL("librdkafka.so.1")'], { stdio: 'ignore' })
    .status === 0;
export const hasKcat = kcatRuns && pythonLoadsLibrdkafka;

if (!hasKcat) {
  const message = !kcatRuns
    ? 'kcat is not installed (Debian package kcat): the Kafka streaming suites are skipped.'
    : 'python3 cannot load librdkafka.so.1 (Debian packages python3 and librdkafka1): the Kafka streaming suites are skipped.';
  if (process.env.CI === 'true') throw new Error(`${message} CI must install it (.ci/run).`);
  console.warn(`[skip] ${message}`);
}

export interface MockCluster {
  brokers: string;
  stop(): void;
}

/**
 * librdkafka's mock cluster (3 brokers). Its quirks: it keeps about 5 MB per partition, dropping the
 * oldest record batches beyond; its debug log goes to a file, never to a pipe (a pipe nobody reads
 * fills up and stalls the whole cluster).
 *
 * Topics are created on first use with 4 partitions: the mock of librdkafka 2.0.2 (Debian's, which
 * kcat uses) answers neither CreateTopics nor CreatePartitions (KafkaJS's admin cannot even find a
 * controller to send them to), and its only configuration properties are `test.mock.num.brokers`
 * and `test.mock.broker.rtt`. Its C API does create a topic of any size, so `topics` (name →
 * partitions) starts the same mock through that API instead of kcat, from
 * test/support/python/kafka-mock-cluster.py (Python's ctypes and librdkafka1, which kcat installs).
 */
export async function startMockCluster(
  dir: string,
  options: { topics?: Record<string, number> } = {},
): Promise<MockCluster> {
  const log = join(dir, `kafka-mock-${Date.now()}.log`);
  const fd = openSync(log, 'w');
  const topics = Object.entries(options.topics ?? {});
  const [program, args] =
    topics.length > 0
      ? [
          'python3',
          [
            join(import.meta.dirname, 'python', 'kafka-mock-cluster.py'),
            '--brokers',
            '3',
            ...topics.flatMap(([name, partitions]) => ['--topic', `${name}:${partitions}`]),
          ],
        ]
      : ['kcat', ['-X', 'test.mock.num.brokers=3', '-b', 'localhost:9092', '-d', 'mock', '-C', '-t', 'any']];
  const child = spawn(program, args, { stdio: ['ignore', 'ignore', fd] });
  closeSync(fd);
  const started = Date.now();
  for (;;) {
    const found = /bootstrap\.servers=(\S+)/.exec(readFileSync(log, 'utf8'));
    if (found) return { brokers: found[1]!, stop: () => void child.kill('SIGKILL') };
    if (child.exitCode !== null || Date.now() - started > 30_000) {
      child.kill('SIGKILL');
      throw new Error(
        `librdkafka's mock cluster (${program}) did not start: ${readFileSync(log, 'utf8').slice(0, 500)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function produce(
  brokers: string,
  topic: string,
  messages: readonly OutgoingMessage[],
): Promise<void> {
  const client = connectKafka({ brokers: brokers.split(','), clientId: 'test-producer' });
  try {
    const producer = await client.producer();
    for (let i = 0; i < messages.length; i += 1000) await producer.send(topic, messages.slice(i, i + 1000));
  } finally {
    await client.close();
  }
}

/** Reads `count` messages of a topic as a group of its own would (polling, with a deadline). */
export async function readMessages(brokers: string, topic: string, count: number): Promise<StreamMessage[]> {
  const client = connectKafka({ brokers: brokers.split(','), clientId: 'test-reader' });
  const seen: StreamMessage[] = [];
  try {
    const member = await client.member({ group: `reader-${Date.now()}`, topic });
    await member.run((batch) => {
      seen.push(...batch.messages);
      return Promise.resolve();
    });
    const deadline = Date.now() + 60_000;
    while (seen.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    return seen;
  } finally {
    await client.close();
  }
}

const BASE = Date.UTC(2024, 4, 1) / 1000;

/** A valid listen event: user `u<i % users>`, a play every 200 s, 300 tracks by 50 artists. */
export function listenEvent(i: number, users = 50): OutgoingMessage {
  const user = `u${i % users}`;
  return {
    key: user,
    value: JSON.stringify({
      event_id: `e${i}`,
      event_type: 'listen',
      user_name: user,
      listened_at: BASE + i * 200,
      track_metadata: {
        artist_name: `Artist ${i % 50}`,
        track_name: `Track ${i % 300}`,
        release_name: `Album ${i % 80}`,
        additional_info: { duration_ms: 180_000 + (i % 60) * 1000, music_service: 'spotify.com' },
      },
      platform: i % 2 ? 'android' : 'web',
      device: i % 3 ? 'phone' : 'desktop',
      country: ['DE', 'FR', 'BR'][i % 3],
      genre: ['rock', 'jazz', 'pop'][i % 3],
    }),
  };
}
