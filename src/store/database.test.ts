import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('one write connection shared by concurrent callers', () => {
  it('runs concurrent transactions one after the other, so a rollback undoes only its own work', async () => {
    const db = await openDatabase(':memory:');
    await db.run('CREATE TABLE t (who VARCHAR)');
    const failing = db.transaction(async () => {
      await db.run("INSERT INTO t VALUES ('a')");
      await sleep(20);
      throw new Error('a fails');
    });
    const other = db.transaction(async () => {
      await db.run("INSERT INTO t VALUES ('b')");
    });
    const plain = db.run("INSERT INTO t VALUES ('c')");
    await expect(failing).rejects.toThrow('a fails');
    await other;
    await plain;
    const rows = await db.all<{ who: string }>('SELECT who FROM t ORDER BY who');
    expect(rows.map((r) => r.who)).toEqual(['b', 'c']);
    db.close();
  });

  it('runs work beside the write connection: turns alongside it go on, every other turn waits for it', async () => {
    const db = await openDatabase(':memory:');
    await db.run('CREATE TABLE side_rows (n INTEGER); CREATE TABLE main_rows (n INTEGER)');
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const sideWrote = new Promise<void>((resolve) => (wrote = resolve));
    const side = db.beside((s) =>
      s.transaction(async () => {
        await s.run('INSERT INTO side_rows VALUES (1)');
        order.push('side wrote');
        wrote();
        await held;
        order.push('side done');
      }),
    );
    await sideWrote;
    const alongside = db.exclusive(
      () =>
        db.transaction(async () => {
          await db.run('INSERT INTO main_rows VALUES (2)');
          order.push('alongside turn');
        }),
      { alongside: true },
    );
    // Queued after it, a plain turn waits for the side (and turns queued after that one wait for it).
    const waiting = db.transaction(async () => {
      await db.run('INSERT INTO main_rows VALUES (1)');
      order.push('plain turn');
    });
    await alongside;
    await sleep(20);
    // The side's rows are not committed yet: the alongside turn committed its own meanwhile.
    expect(await db.reader().all('SELECT count(*)::INTEGER AS n FROM side_rows')).toEqual([{ n: 0 }]);
    release();
    await Promise.all([side, waiting]);
    expect(order).toEqual(['side wrote', 'alongside turn', 'side done', 'plain turn']);
    expect(
      await db.all(
        'SELECT (SELECT count(*) FROM side_rows)::INTEGER AS s, (SELECT count(*) FROM main_rows)::INTEGER AS m',
      ),
    ).toEqual([{ s: 1, m: 2 }]);
    db.close();
  });

  it('stops work beside it when closed, instead of leaving its statement to hold the process', async () => {
    const db = await openDatabase(':memory:');
    const side = db.beside((s) => s.all('SELECT count(*) AS n FROM range(2000000000) t(i) WHERE i % 7 = 3'));
    await sleep(100);
    db.close();
    // Interrupted at once: a statement left running on a closed connection never answers.
    await expect(side).rejects.toThrow(/Interrupted/);
    await expect(db.beside(() => Promise.resolve())).rejects.toThrow(/closed/);
  });

  it('lets nested transactions join the outer one instead of waiting for themselves', async () => {
    const db = await openDatabase(':memory:');
    await db.run('CREATE TABLE t (n INTEGER)');
    await db.transaction(async () => {
      await db.run('INSERT INTO t VALUES (1)');
      await db.transaction(() => db.run('INSERT INTO t VALUES (2)'));
    });
    expect(await db.all('SELECT n FROM t ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }]);
    db.close();
  });

  it('gives readers committed data only, without waiting for a write in progress', async () => {
    const db = await openDatabase(':memory:');
    await db.run('CREATE TABLE t (n INTEGER)');
    await db.run('INSERT INTO t VALUES (1)');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const writing = db.transaction(async () => {
      await db.run('INSERT INTO t VALUES (2)');
      await held;
    });
    await sleep(10);
    const seen = await db.reader().all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM t');
    expect(seen).toEqual([{ n: 1 }]);
    release();
    await writing;
    expect(await db.reader().all('SELECT count(*)::INTEGER AS n FROM t')).toEqual([{ n: 2 }]);
    db.close();
  });
});

describe('preview: a transaction that is always rolled back', () => {
  it('returns what the work returns and keeps none of its writes', async () => {
    const db = await openDatabase(':memory:');
    await db.run('CREATE TABLE t (n INTEGER)');
    await db.run('INSERT INTO t VALUES (1)');
    const seen = await db.preview(async () => {
      await db.run('INSERT INTO t VALUES (2)');
      return db.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM t');
    });
    expect(seen).toEqual([{ n: 2 }]);
    expect(await db.all('SELECT n FROM t')).toEqual([{ n: 1 }]);
    db.close();
  });

  it('rolls back and rethrows the error of work that fails', async () => {
    const db = await openDatabase(':memory:');
    await db.run('CREATE TABLE t (n INTEGER)');
    const failing = db.preview(async () => {
      await db.run('INSERT INTO t VALUES (1)');
      throw new Error('the work broke');
    });
    await expect(failing).rejects.toThrow('the work broke');
    expect(await db.all('SELECT n FROM t')).toEqual([]);
    // The connection is out of the transaction: a later write commits.
    await db.run('INSERT INTO t VALUES (3)');
    expect(await db.all('SELECT n FROM t')).toEqual([{ n: 3 }]);
    db.close();
  });

  it('lets transactions inside join it, so their commits are undone too', async () => {
    const db = await openDatabase(':memory:');
    await db.run('CREATE TABLE t (n INTEGER)');
    const inside = await db.preview(async () => {
      await db.transaction(() => db.run('INSERT INTO t VALUES (1)'));
      await db.transaction(() => db.run('INSERT INTO t VALUES (2)'));
      return db.all<{ n: number }>('SELECT n FROM t ORDER BY n');
    });
    expect(inside).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await db.all('SELECT n FROM t')).toEqual([]);
    db.close();
  });

  it('makes other callers wait, so their writes are neither seen nor undone by it', async () => {
    const db = await openDatabase(':memory:');
    await db.run('CREATE TABLE t (who VARCHAR)');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const previewing = db.preview(async () => {
      await db.run("INSERT INTO t VALUES ('preview')");
      await held;
      return db.all<{ who: string }>('SELECT who FROM t');
    });
    const other = db.run("INSERT INTO t VALUES ('other')");
    await sleep(10);
    release();
    expect(await previewing).toEqual([{ who: 'preview' }]);
    await other;
    expect(await db.all('SELECT who FROM t')).toEqual([{ who: 'other' }]);
    db.close();
  });

  it('is refused inside a transaction, which it could not undo alone', async () => {
    const db = await openDatabase(':memory:');
    await db.run('CREATE TABLE t (n INTEGER)');
    const nested = db.transaction(() => db.preview(() => db.run('INSERT INTO t VALUES (1)')));
    await expect(nested).rejects.toThrow(/inside a transaction/);
    expect(await db.all('SELECT n FROM t')).toEqual([]);
    db.close();
  });
});

describe('whole columns as typed arrays', () => {
  it('reads every row of a query into the arrays the spec names, across many chunks', async () => {
    const db = await openDatabase(':memory:');
    const { rowCount, columns } = await db.columns(
      `SELECT i::INTEGER AS user_id, (i * 10)::BIGINT AS item, (i / 4)::DOUBLE AS weight, 'u' || i AS name
       FROM range(5000) t(i) ORDER BY i`,
      { user_id: 'int32', item: 'int64', weight: 'float32', name: 'text' },
    );
    expect(rowCount).toBe(5000);
    expect(columns.user_id).toBeInstanceOf(Int32Array);
    expect(columns.user_id).toHaveLength(5000);
    expect(columns.user_id[4999]).toBe(4999);
    expect(columns.item).toBeInstanceOf(BigInt64Array);
    expect(columns.item[3]).toBe(30n);
    expect(columns.weight).toBeInstanceOf(Float32Array);
    expect(columns.weight[2]).toBeCloseTo(0.5);
    expect(columns.name[4999]).toBe('u4999');
    // The reader connection reads columns too.
    const again = await db.reader().columns('SELECT 1::INTEGER AS one', { one: 'int32' });
    expect(Array.from(again.columns.one)).toEqual([1]);
    db.close();
  });

  it('names the column and the row of a NULL, and a spec that does not match the query', async () => {
    const db = await openDatabase(':memory:');
    await expect(db.columns('SELECT * FROM (VALUES (1), (NULL)) t(n)', { n: 'float64' })).rejects.toThrow(
      'columns: n is NULL in row 2',
    );
    await expect(db.columns('SELECT 1 AS a, 2 AS b', { a: 'int32' })).rejects.toThrow(
      'the query returns a, b but the spec names a',
    );
    db.close();
  });
});

describe('afterTransaction', () => {
  it('tells how the outermost transaction ended: committed, rolled back by failure or by a preview', async () => {
    const db = await openDatabase(':memory:');
    const told: string[] = [];
    db.afterTransaction((o) => told.push(`outside: ${o}`));
    await db.transaction(async () => {
      // A nested transaction's callback waits for the outer one.
      await db.transaction(() => Promise.resolve(db.afterTransaction((o) => told.push(`nested: ${o}`))));
      told.push('outer body done');
    });
    await expect(
      db.transaction(() => {
        db.afterTransaction((o) => told.push(`failing: ${o}`));
        return Promise.reject(new Error('no'));
      }),
    ).rejects.toThrow('no');
    await db.preview(() => Promise.resolve(db.afterTransaction((o) => told.push(`preview: ${o}`))));
    expect(told).toEqual([
      'outside: committed',
      'outer body done',
      'nested: committed',
      'failing: rolled back',
      'preview: rolled back',
    ]);
    db.close();
  });
});

describe('the reader’s connections', () => {
  it('runs concurrent reads, and keeps the steps of an exclusive sequence on one connection', async () => {
    const db = await openDatabase(':memory:');
    await db.run('CREATE TABLE t AS SELECT range AS n FROM range(200000)');
    const reader = db.reader();
    // Eight sequences at once, each defining a temp macro of its own value and reading it back: a
    // step on another connection would find no macro, or another sequence's value.
    const values = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        reader.exclusive(async () => {
          await reader.run(`CREATE OR REPLACE TEMP MACRO mine() AS ${i}`);
          await reader.all('SELECT sum(n) FROM t');
          return (await reader.all<{ v: number }>('SELECT mine() AS v'))[0]!.v;
        }),
      ),
    );
    expect(values).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const sums = await Promise.all(
      Array.from({ length: 6 }, () => reader.all<{ s: bigint }>('SELECT sum(n) AS s FROM t')),
    );
    expect(sums.map((r) => r[0]!.s)).toEqual(Array(6).fill(19999900000n));
    db.close();
  });
});
