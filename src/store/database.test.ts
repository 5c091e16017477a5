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
