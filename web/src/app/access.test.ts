import { describe, expect, it } from 'vitest';
import { canChange } from './access.js';
import { navFor } from './nav.js';

describe('who may change a profile (import, correct, delete)', () => {
  it('is its own user, whatever the case of the name in the URL, or an admin, signed in', () => {
    expect(canChange({ name: 'alice', role: 'user' }, 'alice')).toBe(true);
    expect(canChange({ name: 'Alice', role: 'user' }, 'alice')).toBe(true);
    expect(canChange({ name: 'alice', role: 'user' }, 'bob')).toBe(false);
    expect(canChange({ name: 'root', role: 'admin' }, 'bob')).toBe(true);
    expect(canChange(null, 'alice')).toBe(false);
  });
});

describe('the navigation of a profile', () => {
  const labels = (me: { name: string; role: string } | null, user: string) =>
    navFor(me, user).map((item) => item.label);
  it('offers Import only to who may import into it', () => {
    expect(labels({ name: 'alice', role: 'user' }, 'alice')).toContain('Import');
    expect(labels({ name: 'root', role: 'admin' }, 'alice')).toContain('Import');
    expect(labels({ name: 'bob', role: 'user' }, 'alice')).not.toContain('Import');
    expect(labels({ name: 'root', role: 'admin' }, 'alice')).toContain('Data health');
    expect(labels({ name: 'bob', role: 'user' }, 'alice')).not.toContain('Data health');
    // The Pipeline page sums every user's listens: an admin's only, even on their own profile.
    expect(labels({ name: 'root', role: 'admin' }, 'alice')).toContain('Pipeline');
    expect(labels({ name: 'alice', role: 'user' }, 'alice')).not.toContain('Pipeline');
    expect(labels(null, 'alice')).toEqual([
      'Overview',
      'Charts',
      'Patterns',
      'Listens',
      'Year in review',
      'Compare',
      'Recommendations',
      'Collection',
      'Catalogue',
    ]);
  });
});
