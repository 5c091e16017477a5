import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { ensureUser, ensureUsers, findUserByName } from './user-repository.js';

describe('ensureUsers', () => {
  it('gives the ids of the users named, creating the new ones once, as ensureUser would', async () => {
    const db = await openDatabase(':memory:');
    try {
      const { user: ann } = await ensureUser(db, 'ann');
      const ids = await ensureUsers(db, ['bob', 'ann', 'cat', 'bob']);
      expect([...ids.keys()].sort()).toEqual(['ann', 'bob', 'cat']);
      expect(ids.get('ann')).toBe(ann.id);
      const bob = await findUserByName(db, 'bob');
      expect(bob).toMatchObject({ id: ids.get('bob'), role: 'user', privacy: 'private' });
      // Again: nothing new.
      expect(await ensureUsers(db, ['cat', 'bob'])).toEqual(new Map([...ids].filter(([n]) => n !== 'ann')));
      expect(await ensureUsers(db, [])).toEqual(new Map());
      const [row] = await db.all<{ n: bigint }>("SELECT count(*) AS n FROM users WHERE name <> 'me'");
      expect(Number(row!.n)).toBe(3);
    } finally {
      db.close();
    }
  });
});
