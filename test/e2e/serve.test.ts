// The server as players meet it: a spawned `listenhouse serve`, a token from `users add`, and a
// listen that is there after the server is killed right after its 200.
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { runCli } from '../support/cli.js';
import { spawnServer } from '../support/server.js';
import { count, tempDir } from '../support/temp.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

const startServer = (db: string) => spawnServer(['serve', '--db', db, '--port', '0']);

describe('listenhouse serve', () => {
  it('a listen acknowledged with 200 survives SIGKILL; SIGTERM stops cleanly', async () => {
    const db = join(dir.path, 'serve.duckdb');
    const added = await runCli(['users', 'add', 'alice', '--db', db, '--json']);
    expect(added.code).toBe(0);
    const { token } = JSON.parse(added.stdout) as { token: string };

    const first = await startServer(db);
    const validate = await fetch(`${first.url}/1/validate-token?token=${token}`);
    expect(await validate.json()).toMatchObject({ valid: true, user_name: 'alice' });
    const body = JSON.stringify({
      listen_type: 'single',
      payload: [
        { listened_at: 1_700_000_000, track_metadata: { artist_name: 'Burial', track_name: 'Archangel' } },
      ],
    });
    // like liblistenbrainz: no Content-Type
    const res = await fetch(`${first.url}/1/submit-listens`, {
      method: 'POST',
      headers: { authorization: `Token ${token}` },
      body: new Blob([body]),
    });
    expect(res.status).toBe(200);
    first.child.kill('SIGKILL');
    await once(first.child, 'close');

    const store = await openDatabase(db);
    expect(await count(store, 'SELECT count(*) n FROM listens')).toBe(1);
    store.close();

    const second = await startServer(db);
    const listens = await fetch(`${second.url}/1/user/alice/listens`, {
      headers: { authorization: `Token ${token}` },
    });
    expect(
      ((await listens.json()) as { payload: { listens: { track_metadata: { track_name: string } }[] } })
        .payload.listens[0]!.track_metadata.track_name,
    ).toBe('Archangel');
    second.child.kill('SIGTERM');
    await once(second.child, 'close');
    expect(second.child.exitCode).toBe(0);
    expect(second.output()).toMatch(/stopped/);
  });

  it('users add refuses a second user of the same name', async () => {
    const db = join(dir.path, 'users.duckdb');
    expect((await runCli(['users', 'add', 'bob', '--db', db])).code).toBe(0);
    const again = await runCli(['users', 'add', 'bob', '--db', db]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists already/);
    const list = JSON.parse((await runCli(['users', '--db', db, '--json'])).stdout) as {
      users: { name: string }[];
    };
    expect(list.users.map((u) => u.name)).toEqual(['me', 'bob']);
  });
});
