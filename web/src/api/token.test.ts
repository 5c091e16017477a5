import { describe, expect, it } from 'vitest';
import { tokenFromUrl } from './token.js';

describe('tokenFromUrl', () => {
  it('takes the token from the fragment or the query and leaves the URL without it', () => {
    expect(tokenFromUrl('http://localhost:8080/sign-in#token=abc-123')).toEqual({
      token: 'abc-123',
      cleanUrl: '/sign-in',
    });
    expect(tokenFromUrl('http://localhost:8080/user/me?range=week&token=t1')).toEqual({
      token: 't1',
      cleanUrl: '/user/me?range=week',
    });
  });

  it('finds nothing in a URL without one', () => {
    expect(tokenFromUrl('http://localhost:8080/sign-in')).toBeNull();
    expect(tokenFromUrl('http://localhost:8080/sign-in#token=')).toBeNull();
  });
});
