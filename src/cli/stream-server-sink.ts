/**
 * `stream consume --server URL --token TOKEN`: a consumer that writes through a running server
 * (POST /api/streaming/batches) instead of its own database file. Every member of the group writes
 * to that server's one database, so the offsets it stored are the only truth: members resume from
 * them (GET /api/streaming/consumer) and each batch is fenced by them on the server.
 */
import type { DecidedEvent } from '../stream/batch-writer.js';
import type { StreamSink } from '../stream/consumer.js';
import type { StreamMessage } from '../stream/kafka-client.js';
import type { ServerClient } from './server-client.js';

interface ConsumerState {
  partitions: { group: string; topic: string; partition: number; nextOffset: number }[];
}

interface StreamBatchResult {
  listensStored: number;
  duplicates: number;
  skipped: number;
  rejects: { partition: number; offset: number; reason: string }[];
  partitions: { partition: number; nextOffset: number }[];
}

export function serverSink(client: ServerClient): StreamSink {
  return {
    shared: true,
    async storedOffsets(group, topic) {
      const state = await client.get<ConsumerState>('/api/streaming/consumer', { limit: 1 });
      return new Map(
        state.partitions
          .filter((p) => p.group === group && p.topic === topic)
          .map((p) => [p.partition, BigInt(p.nextOffset)]),
      );
    },
    // Commit metadata names a database file; through a server it is informational only.
    databaseId: () => Promise.resolve('server'),
    async write(batch) {
      const result = await client.request<StreamBatchResult>('POST', '/api/streaming/batches', {
        group: batch.group,
        topic: batch.topic,
        createUsers: batch.createUsers,
        partitions: [...batch.spans].map(([partition, span]) => ({
          partition,
          highWatermark: Number(span.end),
        })),
        events: batch.decided.map((d) => ({
          partition: d.message.partition,
          offset: Number(d.message.offset),
          value: d.message.value === null ? null : d.message.value.toString('utf8'),
        })),
      });
      const byOffset = new Map(batch.decided.map((d) => [`${d.message.partition}:${d.message.offset}`, d]));
      const rejected: DecidedEvent<StreamMessage>[] = [];
      for (const r of result.rejects) {
        const d = byOffset.get(`${r.partition}:${r.offset}`);
        if (d) rejected.push({ ...d, reject: r.reason });
      }
      // Stored already: the dead letters follow (a kill in between loses them from the topic, not
      // from the server, which keeps every rejected event with its reason).
      await batch.lastStep(rejected);
      return {
        outcome: { inserted: result.listensStored, duplicates: result.duplicates, merged: 0 },
        rejected,
        skipped: result.skipped,
        stored: new Map(result.partitions.map((p) => [p.partition, BigInt(p.nextOffset)])),
      };
    },
  };
}
