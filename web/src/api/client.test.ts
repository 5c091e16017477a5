import { describe, expect, it } from 'vitest';
import { errorOf, fillPath, queryString } from './client.js';

describe('errorOf', () => {
  it("keeps the REST API's message, code and field", () => {
    const e = errorOf(
      400,
      JSON.stringify({
        code: 'INVALID_INPUT',
        status: 400,
        error: 'query parameter limit: Too small',
        field: 'limit',
      }),
    );
    expect([e.message, e.status, e.code, e.field]).toEqual([
      'query parameter limit: Too small',
      400,
      'INVALID_INPUT',
      'limit',
    ]);
  });

  it("keeps ListenBrainz's message from /1/", () => {
    const e = errorOf(
      401,
      JSON.stringify({ code: 401, error: 'You need to provide an Authorization header.' }),
    );
    expect([e.message, e.code]).toEqual(['You need to provide an Authorization header.', null]);
  });

  it('names the status when the body says nothing', () => {
    expect(errorOf(502, '<html>Bad gateway</html>').message).toBe(
      'The server answered 502 without a message.',
    );
  });
});

describe('queryString', () => {
  it('leaves out parameters that are not set', () => {
    expect(queryString({ range: '2024-01-01..2024-12-31', user: undefined, limit: 10 })).toBe(
      '?range=2024-01-01..2024-12-31&limit=10',
    );
    expect(queryString(undefined)).toBe('');
  });
});

describe('fillPath', () => {
  it('puts the path parameters in, encoded', () => {
    expect(fillPath('/api/users/{name}/token', { name: 'jörg k' })).toBe('/api/users/j%C3%B6rg%20k/token');
    expect(fillPath('/api/users', undefined)).toBe('/api/users');
    expect(() => fillPath('/api/users/{name}', {})).toThrow('/api/users/{name}: no value for {name}');
  });
});
