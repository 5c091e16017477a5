import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInteractionsFile, readItemFeatures } from './read-file.js';

const dir = mkdtempSync(join(tmpdir(), 'lh-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('interactions files', () => {
  it('reads TSV with a header, summing repeated cells, times optional', async () => {
    const d = await readInteractionsFile(
      file('a.tsv', 'user\titem\tweight\nu1\tx\t2\nu2\tx\t1\nu1\tx\t3\nu1\ty\t1\n'),
    );
    expect(d.users).toEqual(['u1', 'u2']);
    expect(d.items).toEqual(['x', 'y']);
    expect([...d.matrix.values]).toEqual([5, 1, 1]);
    expect(d.times).toBeNull();
  });

  it('names the file, the line and what a line must be when one is wrong', async () => {
    const path = file('b.tsv', 'u1\tx\t2\nu1\ty\tlots\n');
    await expect(readInteractionsFile(path)).rejects.toThrow(
      `${path}:2: the weight 'lots' is not a number. Each line must be user<TAB>item<TAB>weight (optionally <TAB>time in epoch seconds).`,
    );
    await expect(readInteractionsFile(file('c.tsv', 'u1 x 2\n'))).rejects.toThrow(
      /c\.tsv:1: 1 field\. Each line must be/,
    );
    await expect(readInteractionsFile(join(dir, 'missing.tsv'))).rejects.toThrow(
      /missing\.tsv: no such file/,
    );
  });

  it('reads Parquet through DuckDB, and a ListenBrainz dump aggregated per user and recording', async () => {
    const { openStore } = await import('../../store/index.js');
    const store = await openStore(':memory:');
    const plain = join(dir, 'i.parquet');
    const dump = join(dir, 'lb.parquet');
    await store.db.run(
      `COPY (SELECT * FROM (VALUES ('a', 'x', 2.0), ('b', 'x', 1.0), ('a', 'y', 4.0)) t("user", item, weight)) TO '${plain}' (FORMAT parquet)`,
    );
    await store.db.run(
      `COPY (SELECT * FROM (VALUES (1, TIMESTAMP '2024-01-01 10:00', 'm1', 'mbid-1', 'A'), (1, TIMESTAMP '2024-01-02 10:00', 'm1', 'mbid-1', 'A'),
             (2, TIMESTAMP '2024-01-03 10:00', 'm2', NULL, 'B')) t(user_id, listened_at, recording_msid, recording_mbid, artist_name))
       TO '${dump}' (FORMAT parquet)`,
    );
    store.close();
    const p = await readInteractionsFile(plain);
    expect(p.users).toEqual(['a', 'b']);
    expect(p.matrix.indptr[2]).toBe(3);
    const lb = await readInteractionsFile(dump);
    expect(lb.users).toEqual(['1', '2']);
    expect(lb.items).toEqual(['m2', 'mbid-1']);
    expect([...lb.matrix.values]).toEqual([2, 1]);
    expect(lb.times![0]).toBe(Date.UTC(2024, 0, 2, 10) / 1000);
  });

  it('reads item features', async () => {
    const f = await readItemFeatures(
      file('f.tsv', 'item\tfeature\tweight\nx\trock\t3\nx\t90s\t1\ny\trock\t1\n'),
    );
    expect(f.get('x')).toEqual(
      new Map([
        ['rock', 3],
        ['90s', 1],
      ]),
    );
  });
});
