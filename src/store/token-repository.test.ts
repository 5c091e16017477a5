import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { createToken, findUserByToken, rotateToken } from './token-repository.js';
import { ensureUser } from './user-repository.js';

describe('tokens', () => {
  it('a token stops working as soon as it is rotated, even right after it was used', async () => {
    const db = await openDatabase(':memory:');
    const { user } = await ensureUser(db, 'alice');
    const old = await createToken(db, user.id);
    // Looked up twice: the second answer may come from memory.
    expect((await findUserByToken(db.reader(), old))?.name).toBe('alice');
    expect((await findUserByToken(db.reader(), old))?.name).toBe('alice');

    const fresh = await rotateToken(db, user.id);
    expect(await findUserByToken(db.reader(), old)).toBeNull();
    expect((await findUserByToken(db.reader(), fresh))?.name).toBe('alice');
    db.close();
  });

  it('does not answer for a token of another database', async () => {
    const a = await openDatabase(':memory:');
    const b = await openDatabase(':memory:');
    const token = await createToken(a, (await ensureUser(a, 'alice')).user.id);
    expect((await findUserByToken(a.reader(), token))?.name).toBe('alice');
    expect(await findUserByToken(b.reader(), token)).toBeNull();
    a.close();
    b.close();
  });
});
