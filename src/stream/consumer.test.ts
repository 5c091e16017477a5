import { describe, expect, it } from 'vitest';
import { commitMetadata, startOf } from './consumer.js';

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
