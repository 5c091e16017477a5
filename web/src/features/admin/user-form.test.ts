import { describe, expect, it } from 'vitest';
import { changeOf, newUserNameProblem, sortUsers, type UserRow } from './user-form.js';

describe('newUserNameProblem', () => {
  it('accepts what the server accepts: letters of any script, digits, . _ -', () => {
    for (const name of ['alice', 'Zoë', 'jörg.k', 'user_2', 'a-b', '名前', 'x'.repeat(64)])
      expect(newUserNameProblem(name, []), name).toBeNull();
  });

  it('says what is wrong with a name the server would refuse', () => {
    expect(newUserNameProblem('', [])).toBe('Give the new user a name.');
    expect(newUserNameProblem('x'.repeat(65), [])).toBe(
      'A user name has at most 64 characters; this one has 65.',
    );
    expect(newUserNameProblem('ann smith', [])).toBe(
      'A user name is letters, digits, dots, underscores and hyphens only (not spaces).',
    );
    expect(newUserNameProblem('a/b@c/d', [])).toBe(
      'A user name is letters, digits, dots, underscores and hyphens only (not “/”, “@”).',
    );
  });

  it('refuses a name already in the list', () => {
    expect(newUserNameProblem('bob', ['alice', 'bob'])).toBe('There is already a user named bob.');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(newUserNameProblem('😀', [])).not.toContain('at most');
    expect(newUserNameProblem('é'.repeat(64), [])).toBeNull();
  });
});

const row = (name: string, role: UserRow['role'] = 'user'): UserRow => ({
  name,
  role,
  privacy: 'private',
  timeZone: 'UTC',
});

describe('sortUsers', () => {
  it('lists admins first, then by name ignoring case and with numbers in order', () => {
    const sorted = sortUsers(
      [row('bob'), row('me', 'admin'), row('Alice'), row('user10'), row('user9')],
      'en',
    );
    expect(sorted.map((u) => u.name)).toEqual(['me', 'Alice', 'bob', 'user9', 'user10']);
  });
});

describe('changeOf', () => {
  it('asks only for a change to something else', () => {
    expect(changeOf(row('a'), 'privacy', 'public')).toEqual({ privacy: 'public' });
    expect(changeOf(row('a'), 'privacy', 'private')).toBeNull();
    expect(changeOf(row('a'), 'role', 'admin')).toEqual({ role: 'admin' });
    expect(changeOf(row('a', 'admin'), 'role', 'admin')).toBeNull();
    expect(changeOf(row('a'), 'role', 'owner')).toBeNull();
  });
});
