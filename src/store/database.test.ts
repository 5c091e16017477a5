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
