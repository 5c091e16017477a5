import { describe, expect, it } from 'vitest';
import { commitMetadata, startOf, StreamConsumer, type StreamSink } from './consumer.js';
import type { GroupMember, GroupOffset, MessageBatch, StreamClient } from './kafka-client.js';

const ME = '0c5d6f1e-8f2a-4a51-9d7e-3c1b2a4f5e6d';
const OTHER = '7b1e2d3c-4a5f-4e6d-8c9b-0a1f2e3d4c5b';

describe('startOf: where a member starts a partition it is given', () => {
  it('starts at the group offset another database committed, past what this one stored', () => {
    expect(startOf(100n, { partition: 0, offset: 500n, metadata: commitMetadata(OTHER, 400n) }, ME)).toBe(
      500n,
    );
    expect(startOf(undefined, { partition: 0, offset: 500n }, ME)).toBe(500n);
  });

  it('starts at what this database stored when the group is behind it (or has nothing)', () => {
    expect(startOf(700n, { partition: 0, offset: 500n, metadata: commitMetadata(OTHER, 400n) }, ME)).toBe(
      700n,
    );
    expect(startOf(700n, undefined, ME)).toBe(700n);
  });

  it('knows nothing when neither the group nor the database has an offset', () => {
    expect(startOf(undefined, undefined, ME)).toBeUndefined();
  });

  it("reads again from where its own batch began when the group took the batch's commit and the database did not", () => {
    // Killed between the group commit (600, from 500) and the database's commit (still at 500).
    expect(startOf(500n, { partition: 0, offset: 600n, metadata: commitMetadata(ME, 500n) }, ME)).toBe(500n);
    // Its first batch in the partition: the database has no offset for it at all.
    expect(startOf(undefined, { partition: 0, offset: 600n, metadata: commitMetadata(ME, 500n) }, ME)).toBe(
      500n,
    );
    // An old offset of its own from before the partition went elsewhere and came back.
    expect(startOf(100n, { partition: 0, offset: 600n, metadata: commitMetadata(ME, 500n) }, ME)).toBe(500n);
  });

  it('starts after its own commit when the database kept it', () => {
    expect(startOf(600n, { partition: 0, offset: 600n, metadata: commitMetadata(ME, 500n) }, ME)).toBe(600n);
  });

  it("ignores metadata that is not a listenhouse member's", () => {
    expect(startOf(100n, { partition: 0, offset: 600n, metadata: 'from 500' }, ME)).toBe(600n);
  });
});

/** A group member whose assignments and batches the test hands over itself. */
function fakeGroup() {
  const listeners = { assignment: [] as ((p: number[]) => void)[] };
  let handle: ((batch: MessageBatch) => Promise<void>) | null = null;
  const commits: GroupOffset[][] = [];
  const member: GroupMember = {
    run: (h) => {
      handle = h;
      return Promise.resolve();
    },
    commit: (offsets) => {
      commits.push([...offsets]);
      return Promise.resolve();
    },
    seek: () => undefined,
    onAssignment: (l) => void listeners.assignment.push(l),
    onRebalancing: () => undefined,
    onCrash: () => undefined,
    stop: () => Promise.resolve(),
  };
  const client: StreamClient = {
    member: () => Promise.resolve(member),
    producer: () => Promise.reject(new Error('no producer here')),
    partitionEnds: () => Promise.resolve(new Map([[0, 10n]])),
    committedOffsets: () => Promise.resolve(new Map()),
    close: () => Promise.resolve(),
  };
  const batch = (from: number, to: number): MessageBatch => ({
    topic: 't',
    partition: 0,
    highWatermark: 10n,
    isStale: () => false,
    messages: Array.from({ length: to - from }, (_, i) => ({
      partition: 0,
      offset: BigInt(from + i),
      key: null,
      value: null,
      headers: {},
    })),
  });
  return {
    client,
    commits,
    assign: (partitions: number[]) => listeners.assignment.forEach((l) => l(partitions)),
    deliver: (from: number, to: number) => handle!(batch(from, to)),
  };
}

/** A store whose first write waits until the test lets it go on. */
function gatedSink() {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let writes = 0;
  const sink: StreamSink = {
    shared: false,
    storedOffsets: () => Promise.resolve(new Map()),
    databaseId: () => Promise.resolve(ME),
    write: async (batch) => {
      if (writes++ === 0) await gate;
      const rejected = batch.decided.filter((d) => d.reject !== undefined);
      await batch.lastStep(rejected);
      return {
        outcome: { inserted: 0, duplicates: 0, merged: 0 },
        rejected,
        skipped: 0,
        stored: new Map([...batch.spans].map(([p, s]) => [p, s.next])),
      };
    },
  };
  return { sink, release: () => release() };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('StreamConsumer across a rebalance', () => {
  it('reaches the end when a batch of the previous assignment fails after the new assignment took over', async () => {
    const group = fakeGroup();
    const { sink, release } = gatedSink();
    const consumer = new StreamConsumer(sink, group.client, {
      group: 'g',
      topic: 't',
      createUsers: true,
      exitAtEnd: true,
      stallTimeoutMs: 3000,
    });
    const run = consumer.run();
    await sleep(20);
    group.assign([0]);
    await group.deliver(0, 5);
    // The timer writes the first five; the write is still going on when the group is rebalanced ...
    await sleep(400);
    group.assign([0]);
    // ... and the new assignment buffers the partition to its end before the old write fails.
    await group.deliver(0, 10);
    release();
    const done = await run;
    expect(done.events).toBe(10);
    expect(done.partitions).toEqual([{ partition: 0, nextOffset: 10, lag: 0 }]);
    expect(group.commits.at(-1)).toMatchObject([{ partition: 0, offset: 10n }]);
  });

  it('gives up with where it stands when the partitions stop moving', async () => {
    const group = fakeGroup();
    const { sink } = gatedSink();
    const consumer = new StreamConsumer(sink, group.client, {
      group: 'g',
      topic: 't',
      createUsers: true,
      exitAtEnd: true,
      stallTimeoutMs: 500,
    });
    const run = consumer.run();
    await sleep(20);
    group.assign([0]);
    await expect(run).rejects.toThrow(
      /group g on topic t has not moved for 1 s \(partitions 0 at 0 of 10\).*run it again/,
    );
  });
});
