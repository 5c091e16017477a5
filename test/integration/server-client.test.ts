// How the CLI reads a server's error: the AppError code from the body, so exit codes and --json
// codes are those of the same command without a server; the status only when the body has no code.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerClient } from '../../src/cli/server-client.js';
import { exitCodeFor } from '../../src/domain/errors.js';
import type { App } from '../../src/server/app.js';
import { testApp } from '../support/app.js';
import type { Database } from '../../src/store/database.js';
import { createToken } from '../../src/store/token-repository.js';
import { memoryDb } from '../support/temp.js';

/** A local HTTP fixture that answers every request with this status, content type and body. */
async function fixture(status: number, type: string, body: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => res.writeHead(status, { 'content-type': type }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function failureOf(url: string, path = '/api/me'): Promise<unknown> {
  const client = new ServerClient({ url, pid: 1, token: 'x' });
  return client.request('GET', path).then(
    () => null,
    (err: unknown) => err,
  );
}

describe('a fixture server', () => {
  it('503 DATABASE_LOCKED stays DATABASE_LOCKED (the status alone would say UPSTREAM_UNAVAILABLE)', async () => {
    const { server, url } = await fixture(
      503,
      'application/json',
      JSON.stringify({ code: 'DATABASE_LOCKED', status: 503, error: 'db.duckdb is held by pid 7.' }),
    );
    try {
      const err = await failureOf(url);
      expect(err).toMatchObject({
        name: 'AppError',
        code: 'DATABASE_LOCKED',
        message: 'db.duckdb is held by pid 7.',
      });
      expect(exitCodeFor(err)).toBe(1);
    } finally {
      server.close();
    }
  });

  it('400 UNKNOWN_FORMAT keeps its code (the status alone would say INVALID_INPUT)', async () => {
    const { server, url } = await fixture(
      400,
      'application/json',
      JSON.stringify({ code: 'UNKNOWN_FORMAT', status: 400, error: 'x.txt: no importer recognises it' }),
    );
    try {
      const err = await failureOf(url);
      expect(err).toMatchObject({ code: 'UNKNOWN_FORMAT' });
      expect(exitCodeFor(err)).toBe(2);
    } finally {
      server.close();
    }
  });

  it('a body without a code (a proxy’s HTML page) falls back to the status and says what answered', async () => {
    const { server, url } = await fixture(404, 'text/html', '<html><body>nginx: not found</body></html>');
    try {
      const err = await failureOf(url);
      expect(err).toMatchObject({ code: 'NOT_FOUND' });
      expect((err as Error).message).toContain(
        `The server that holds the database (${url}) answered HTTP 404`,
      );
      expect((err as Error).message).toContain('nginx: not found');
      expect(exitCodeFor(err)).toBe(2);
    } finally {
      server.close();
    }
  });

  it('a numeric code (ListenBrainz’s shape) is not a listenhouse code: the status decides', async () => {
    const { server, url } = await fixture(
      502,
      'application/json',
      JSON.stringify({ code: 502, error: 'bad gateway' }),
    );
    try {
      expect(await failureOf(url)).toMatchObject({ code: 'INTERNAL', message: 'bad gateway' });
    } finally {
      server.close();
    }
  });
});

describe('the listenhouse server', () => {
  let db: Database;
  let app: App;
  let url: string;
  let token: string;
  beforeAll(async () => {
    db = await memoryDb();
    app = testApp(db);
    token = await createToken(db, 1);
    url = await app.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.app.close();
    db.close();
  });

  it('409 for a name taken is CONFLICT (exit 1), an unknown user NOT_FOUND (exit 2)', async () => {
    const client = new ServerClient({ url, pid: process.pid, token });
    const taken = await client.request('POST', '/api/users', { name: 'me' }).catch((err: unknown) => err);
    expect(taken).toMatchObject({ code: 'CONFLICT' });
    expect(exitCodeFor(taken)).toBe(1);
    const unknown = await client
      .request('PATCH', '/api/users/nobody', { privacy: 'public' })
      .catch((err: unknown) => err);
    expect(unknown).toMatchObject({ code: 'NOT_FOUND' });
    expect(exitCodeFor(unknown)).toBe(2);
  });
});
