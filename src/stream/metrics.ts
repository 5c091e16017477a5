/** The consumer's state as Prometheus text (exposition format 0.0.4), for /api/metrics and --metrics-file. */
import type { ConsumeProgress } from './consumer.js';

const esc = (v: string) => v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');

export function renderConsumerMetrics(progress: ConsumeProgress | readonly ConsumeProgress[]): string {
  const all = Array.isArray(progress)
    ? (progress as readonly ConsumeProgress[])
    : [progress as ConsumeProgress];
  const lines: string[] = [];
  const metric = (name: string, type: 'counter' | 'gauge', help: string, values: [string, number][]) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of values) lines.push(`${name}{${labels}} ${value}`);
  };
  const base = (p: ConsumeProgress) => `group="${esc(p.group)}",topic="${esc(p.topic)}"`;
  metric(
    'listenhouse_stream_events_total',
    'counter',
    'Events consumed and stored (listens, other events, rejects).',
    all.map((p) => [base(p), p.events]),
  );
  metric(
    'listenhouse_stream_listens_stored_total',
    'counter',
    'Listens newly stored.',
    all.map((p) => [base(p), p.listensStored]),
  );
  metric(
    'listenhouse_stream_duplicates_total',
    'counter',
    'Listen events already stored (replays, the same play from another source).',
    all.map((p) => [base(p), p.duplicates]),
  );
  metric(
    'listenhouse_stream_rejects_total',
    'counter',
    'Invalid events (sent to the dead letter when one is set).',
    all.map((p) => [base(p), p.rejects]),
  );
  metric(
    'listenhouse_stream_errors_total',
    'counter',
    'Batches that failed to store and were fetched again.',
    all.map((p) => [base(p), p.errors]),
  );
  metric(
    'listenhouse_stream_events_per_second',
    'gauge',
    'Events per second since the consumer started.',
    all.map((p) => [base(p), p.eventsPerSecond]),
  );
  metric(
    'listenhouse_stream_batch_latency_ms',
    'gauge',
    'From fetch to commit, the last micro-batch.',
    all.map((p) => [base(p), p.lastBatchMs]),
  );
  metric(
    'listenhouse_stream_lag',
    'gauge',
    'Events behind the end of each partition held.',
    all.flatMap((p) =>
      p.partitions.map((q): [string, number] => [`${base(p)},partition="${q.partition}"`, q.lag]),
    ),
  );
  return lines.join('\n') + '\n';
}
